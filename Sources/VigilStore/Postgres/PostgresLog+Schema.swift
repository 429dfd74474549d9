import Foundation
import PostgresNIO

// What `log verify` checks on a server beyond the chain: that the functions, triggers and grants are as Vigil made
// them, so the guarantees the chain relies on (one writer at a time, stamped writers, nothing changed) still hold.
extension PostgresLog {
    func schemaProblem() throws(StoreError) -> String? {
        try withConnection { c in try Self.schemaProblem(c, database: self.address.database) }
    }

    /// The body between a definition's `$$` quotes, as `pg_proc.prosrc` holds it.
    static func body(_ definition: String) -> String {
        guard let open = definition.range(of: "$$"), let close = definition.range(of: "$$", options: .backwards),
            open.upperBound <= close.lowerBound
        else { return "" }
        return String(definition[open.upperBound..<close.lowerBound])
    }

    static func schemaProblem(_ c: ServerConnection, database: String) throws -> String? {
        let owner = try c.query("SELECT nspowner::bigint FROM pg_namespace WHERE nspname = 'vigil'").first.map {
            try $0.decode(Int64.self)
        }
        guard let owner else { return "the schema vigil is missing" }
        // Functions: the body, SECURITY DEFINER, the search path and the owner.
        let expected =
            ServerSchema.functions.map {
                ($0.signature, $0.definition, $0.definition.contains("SECURITY DEFINER"))
            } + [("vigil.refuse_change()", ServerSchema.tables.last!, false)]
        for (signature, definition, shouldDefine) in expected {
            let source = body(definition)
            let row = try c.query(
                """
                SELECT p.prosrc, p.prosecdef, coalesce(array_to_string(p.proconfig, ','), ''), p.proowner::bigint
                FROM pg_proc p WHERE p.oid = to_regprocedure(\(signature))
                """
            ).first
            guard let row else { return "function \(signature) is missing" }
            let (src, definer, config, procOwner) = try row.decode((String, Bool, String, Int64).self)
            guard src == source else { return "function \(signature) is not as Vigil made it" }
            guard procOwner == owner else { return "function \(signature) belongs to another role" }
            guard definer == shouldDefine else {
                return
                    "function \(signature) runs as \(definer ? "its owner" : "its caller"), which Vigil did not make it do"
            }
            // The procedure that commits may have no SET clause (PostgreSQL forbids COMMIT under one).
            let path =
                ServerSchema.kind(definition) == "PROCEDURE" || signature == "vigil.refuse_change()"
                ? "" : "search_path=vigil, pg_temp"
            if config != path {
                return "function \(signature) no longer has its own search path"
            }
        }
        let functionCount =
            try c.query(
                "SELECT count(*)::bigint FROM pg_proc WHERE pronamespace = 'vigil'::regnamespace"
            ).first.map { try $0.decode(Int64.self) } ?? 0
        if functionCount != Int64(expected.count) { return "a function was added to the schema vigil" }
        // Triggers: exactly Vigil's, enabled, calling refuse_change.
        var triggers: [String: (String, String)] = [:]
        for row in try c.query(
            """
            SELECT c.relname || '.' || t.tgname, t.tgenabled::text, p.proname FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE c.relnamespace = 'vigil'::regnamespace AND NOT t.tgisinternal
            """)
        {
            let (name, enabled, function) = try row.decode((String, String, String).self)
            triggers[name] = (enabled, function)
        }
        for t in ServerSchema.appendOnly {
            for name in ["\(t).\(t)_no_change", "\(t).\(t)_no_truncate"] {
                guard let (enabled, function) = triggers.removeValue(forKey: name) else {
                    return "trigger \(name) is missing"
                }
                guard enabled == "O" || enabled == "A" else { return "trigger \(name) is disabled" }
                guard function == "refuse_change" else { return "trigger \(name) is not as Vigil made it" }
            }
        }
        if let extra = triggers.keys.sorted().first { return "trigger \(extra) was added" }
        // Grants on tables: SELECT to the operators' group on what consoles read, and nothing else to anyone.
        let group = ServerSchema.groupRole(database: database)
        let readable: Set<String> = ["meta", "event", "snapshot", "access", "heartbeat"]
        for row in try c.query(
            """
            SELECT c.relname, coalesce(r.rolname, 'PUBLIC'), a.privilege_type
            FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
            WHERE c.relnamespace = 'vigil'::regnamespace AND a.grantee <> c.relowner
            """)
        {
            let (table, grantee, privilege) = try row.decode((String, String, String).self)
            guard grantee == group, privilege == "SELECT", readable.contains(table) else {
                return "\(grantee) may \(privilege) on vigil.\(table), which Vigil never grants"
            }
        }
        // Functions are executed only by the group (and the owner), never by PUBLIC, and only those Vigil grants.
        let granted = Set(
            ServerSchema.functions.filter(\.granted).map { String($0.signature.dropFirst(6).prefix { $0 != "(" }) })
        for row in try c.query(
            """
            SELECT p.proname, p.proacl IS NULL, coalesce(r.rolname, 'PUBLIC'), coalesce(a.privilege_type, '')
            FROM pg_proc p LEFT JOIN LATERAL aclexplode(p.proacl) a ON true LEFT JOIN pg_roles r ON r.oid = a.grantee
            WHERE p.pronamespace = 'vigil'::regnamespace AND p.proname <> 'refuse_change'
                AND (a.grantee IS NULL OR a.grantee <> p.proowner)
            """)
        {
            let (name, defaulted, grantee, _) = try row.decode((String, Bool, String, String).self)
            if defaulted { return "function vigil.\(name) may be run by anyone" }
            guard grantee == group, granted.contains(name) else {
                return "\(grantee) may run vigil.\(name), which Vigil never grants"
            }
        }
        return nil
    }
}
