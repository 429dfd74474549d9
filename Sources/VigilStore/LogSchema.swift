import GRDB

/// The log's on-disk layout. Migrations are history: once shipped, never edited.
enum LogSchema {
    /// `PRAGMA application_id`: 'VGIL', marking the file as a Vigil log.
    static let applicationID: Int32 = 0x5647_494C
    /// The newest log format this build reads and writes (`PRAGMA user_version`).
    static let formatVersion = 3
    /// The oldest format this build still reads (to verify it, or upgrade it with `vigil log upgrade`).
    static let oldestReadable = 2

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: event, meta, snapshot") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE event (
                        seq INTEGER PRIMARY KEY,
                        event_id TEXT NOT NULL UNIQUE,
                        type TEXT NOT NULL,
                        schema_version INTEGER NOT NULL,
                        occurred_at INTEGER NOT NULL,
                        recorded_at INTEGER NOT NULL,
                        operator TEXT NOT NULL,
                        console TEXT NOT NULL,
                        payload TEXT NOT NULL CHECK (json_valid(payload)),
                        prev_hash BLOB NOT NULL,
                        hash BLOB NOT NULL
                    ) STRICT;
                    CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TRIGGER meta_is_write_once_update BEFORE UPDATE ON meta
                        BEGIN SELECT RAISE(ABORT, 'log metadata is written once'); END;
                    CREATE TRIGGER meta_is_write_once_delete BEFORE DELETE ON meta
                        BEGIN SELECT RAISE(ABORT, 'log metadata is written once'); END;
                    CREATE TABLE snapshot (
                        seq INTEGER PRIMARY KEY,
                        version INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        event_hash BLOB NOT NULL,
                        digest BLOB NOT NULL,
                        state BLOB NOT NULL
                    ) STRICT;
                    """)
        }
        // Format 2: the genesis binds the training mark; credentials, an access log and snapshots are made at once,
        // and snapshots and the access log are append-only like events.
        m.registerMigration("v2: credential, access, append-only snapshots") { db in
            try db.execute(
                sql: """
                    CREATE TABLE credential (
                        operator TEXT PRIMARY KEY, kdf TEXT NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL, set_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE TABLE access (
                        id INTEGER PRIMARY KEY,
                        at INTEGER NOT NULL,
                        operator TEXT NOT NULL,
                        console TEXT NOT NULL,
                        record TEXT NOT NULL,
                        what TEXT NOT NULL
                    ) STRICT;
                    CREATE TRIGGER access_is_append_only_update BEFORE UPDATE ON access
                        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
                    CREATE TRIGGER access_is_append_only_delete BEFORE DELETE ON access
                        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
                    CREATE TRIGGER snapshot_is_append_only_update BEFORE UPDATE ON snapshot
                        BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
                    CREATE TRIGGER snapshot_is_append_only_delete BEFORE DELETE ON snapshot
                        BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
                    """)
        }
        // Format 3: every event carries its writer's signature over its hash (empty where none is needed), and each
        // operator's signing key is kept sealed under their PIN; the PIN hashes of format 2 stay for the upgrade only.
        m.registerMigration("v3: signatures, sealed keys") { db in
            try db.execute(
                sql: """
                    ALTER TABLE event ADD COLUMN signature BLOB NOT NULL DEFAULT x'';
                    CREATE TABLE sealed_key (
                        operator TEXT PRIMARY KEY, kdf TEXT NOT NULL, salt BLOB NOT NULL, box BLOB NOT NULL,
                        public_key BLOB NOT NULL, set_at INTEGER NOT NULL
                    ) STRICT;
                    """)
        }
        return m
    }

    /// The last migration of each format.
    static let migrationOfFormat = [
        2: "v2: credential, access, append-only snapshots", 3: "v3: signatures, sealed keys",
    ]

    /// Every table, index and trigger as Vigil made them (type, name, SQL), from an empty database: verify compares a
    /// log's schema with this, so a trigger kept by name but emptied, or one added, is caught.
    static let reference: [String: String] = reference(format: formatVersion)

    /// The schema as Vigil made it for a format (a format-2 log is read as it is, to verify or upgrade).
    static func reference(format: Int) -> [String: String] {
        guard let target = migrationOfFormat[format], let db = try? DatabaseQueue(),
            (try? migrator.migrate(db, upTo: target)) != nil,
            let rows = try? db.read({
                try Row.fetchAll($0, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            })
        else { return [:] }
        return Dictionary(
            rows.map { ("\($0["type"] as String) \($0["name"] as String)", $0["sql"] as String) },
            uniquingKeysWith: { a, _ in a })
    }

    static let referenceOfFormat2 = reference(format: 2)
}
