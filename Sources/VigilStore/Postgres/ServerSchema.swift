import Crypto
import Foundation
import VigilCore

/// The log's layout on PostgreSQL, in schema `vigil`, owned by the administrator who ran `vigil log init`. Login roles
/// read through grants and write only through the functions here, which run as the owner (SECURITY DEFINER): they
/// take the append lock, check the chain's head, compute each hash and stamp the writer. Triggers refuse UPDATE,
/// DELETE and TRUNCATE even to the owner. `log verify` compares the server's definitions with these.
enum ServerSchema {
    /// The format `meta.format` records; a log of another format is refused as SQLite's `user_version` is.
    /// 3: each operator's role holds at most 12 connections, so one role cannot take every slot on the server.
    /// 4: each event carries its writer's signature, and each operator's signing key is sealed in `sealed_key`.
    static let formatVersion = 4
    /// The most events an operator's role appends in one call (the administrator's copies and simulations go in
    /// batches of their own).
    static let batchLimit = 1_000
    /// The largest payload either store takes, in bytes of JSON: an event is a fact, not a file store, and every
    /// console reads every payload on opening.
    static let payloadLimit = EventCoding.payloadLimit
    /// The channel `append` notifies with the new head's seq.
    static let channel = "vigil_event"

    /// A regular-expression class of the characters no stored text may hold (`isTerminalControl`), for the server's
    /// own checks of what it is handed: the same rule as every writer's, not PostgreSQL's narrower `[[:cntrl:]]`.
    static let controls: String = {
        func escaped(_ v: UInt32) -> String {
            let hex = String(v, radix: 16)
            if v < 0x100 { return "\\x" + hex }
            return v <= 0xFFFF
                ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }
        let parts = Unicode.Scalar.terminalControlRanges.map { r in
            let low = max(r.lowerBound, 1)
            return low == r.upperBound ? escaped(low) : escaped(low) + "-" + escaped(r.upperBound)
        }
        return "'[" + parts.joined() + "]'"
    }()

    /// The role every operator's login role belongs to, which holds the log's grants: per database, so two logs on
    /// one server never share roles.
    static func groupRole(database: String) -> String { roleBase(database) + "_operators" }

    /// An operator's login role on this log.
    static func loginRole(database: String, operator op: String) -> String {
        roleBase(database) + "_" + op.lowercased()
    }

    static func roleBase(_ database: String) -> String {
        let kept = String(
            database.lowercased().filter { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }.prefix(16))
        let tag = SHA256.hash(data: Data(database.utf8)).prefix(3).map { String(format: "%02x", $0) }.joined()
        return "vigil_\(kept)_\(tag)"
    }

    /// An identifier quoted for SQL.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A text literal quoted for SQL.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    static let tables: [String] = [
        "CREATE SCHEMA vigil",
        "REVOKE ALL ON SCHEMA vigil FROM PUBLIC",
        "CREATE TABLE vigil.meta (key text PRIMARY KEY, value text NOT NULL)",
        """
        CREATE TABLE vigil.event (
            seq bigint PRIMARY KEY CHECK (seq > 0),
            event_id text NOT NULL UNIQUE,
            type text NOT NULL,
            schema_version integer NOT NULL,
            occurred_at bigint NOT NULL,
            recorded_at bigint NOT NULL,
            operator text NOT NULL,
            console text NOT NULL,
            payload text NOT NULL,
            prev_hash bytea NOT NULL,
            hash bytea NOT NULL,
            signature bytea NOT NULL DEFAULT '\\x'::bytea,
            server_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            written_by name NOT NULL DEFAULT session_user
        )
        """,
        """
        CREATE TABLE vigil.snapshot (
            seq bigint PRIMARY KEY, version integer NOT NULL, created_at bigint NOT NULL, event_hash bytea NOT NULL,
            digest bytea NOT NULL, state bytea NOT NULL
        )
        """,
        """
        CREATE TABLE vigil.access (
            id bigserial PRIMARY KEY, at bigint NOT NULL, operator text NOT NULL, console text NOT NULL,
            record text NOT NULL, what text NOT NULL, server_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            written_by name NOT NULL DEFAULT session_user
        )
        """,
        // Keyed by operator and console: nobody's beat can stand in the way of another operator's.
        """
        CREATE TABLE vigil.heartbeat (
            operator text NOT NULL, console text NOT NULL, wall double precision NOT NULL,
            server_at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (operator, console)
        )
        """,
        // The verifier Vigil last set for each role, beside the event that recorded it: PostgreSQL lets any role
        // change its own password, and the administrator's watch puts back one changed outside Vigil.
        "CREATE TABLE vigil.login (role name PRIMARY KEY, operator text NOT NULL UNIQUE, verifier text)",
        // Each operator's signing key, sealed under their passphrase: set only beside the event that records its
        // public half, and read only by its own operator (`vigil.sealed_key`) or the administrator. It decides nothing:
        // a key signs only if the chain holds its public half.
        """
        CREATE TABLE vigil.sealed_key (
            operator text PRIMARY KEY, sealed text NOT NULL, server_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            written_by name NOT NULL DEFAULT session_user
        )
        """,
        // Who may administer operators, which the server checks itself since it gives out logins: the force file's
        // operators at creation, then each registration as it is appended.
        "CREATE TABLE vigil.authority (operator text PRIMARY KEY, role text NOT NULL)",
        """
        CREATE FUNCTION vigil.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'vigil.% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
        END $$
        """,
    ]

    /// The tables no one may change once written, and their triggers.
    static let appendOnly = ["meta", "event", "snapshot", "access", "authority"]

    static var triggers: [String] {
        appendOnly.flatMap { t in
            [
                "CREATE TRIGGER \(t)_no_change BEFORE UPDATE OR DELETE ON vigil.\(t) FOR EACH ROW EXECUTE FUNCTION vigil.refuse_change()",
                "CREATE TRIGGER \(t)_no_truncate BEFORE TRUNCATE ON vigil.\(t) FOR EACH STATEMENT EXECUTE FUNCTION vigil.refuse_change()",
            ]
        }
    }

    /// Who a session writes as: its operator's login role maps to the operator; the schema's owner (the
    /// administrator, and the simulator it runs) may write as any operator.
    static let writer = """
        CREATE FUNCTION vigil.writer() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = vigil, pg_temp AS $$
        DECLARE who text;
        BEGIN
            SELECT l.operator INTO who FROM vigil.login l WHERE l.role = session_user;
            IF who IS NOT NULL THEN
                -- A disabled operator's session that was open when they were disabled writes nothing more.
                IF NOT (SELECT r.rolcanlogin FROM pg_roles r WHERE r.rolname = session_user) THEN
                    RAISE EXCEPTION '% is disabled', who USING ERRCODE = '42501';
                END IF;
                RETURN who;
            END IF;
            IF session_user = (SELECT nspowner::regrole::name FROM pg_namespace WHERE nspname = 'vigil') THEN
                RETURN NULL;
            END IF;
            RAISE EXCEPTION '% is not an operator of this log', session_user USING ERRCODE = '42501';
        END $$
        """

    /// The chain's head: the last event's seq and hash, or 0 and the genesis.
    static let head = """
        CREATE FUNCTION vigil.head(OUT head_seq bigint, OUT head_hash bytea) LANGUAGE plpgsql STABLE
        SET search_path = vigil, pg_temp AS $$
        BEGIN
            SELECT e.seq, e.hash INTO head_seq, head_hash FROM vigil.event e ORDER BY e.seq DESC LIMIT 1;
            IF head_seq IS NULL THEN
                head_seq := 0;
                head_hash := decode((SELECT m.value FROM vigil.meta m WHERE m.key = 'genesis'), 'base64');
            END IF;
        END $$
        """

    /// Takes the append lock and returns the head: the first step of the administrator's transactions (a snapshot
    /// beside its event, a copy). Never granted to operators: a lock taken by one statement and held by the caller's
    /// transaction is a lock anyone can hold for ever.
    static let beginAppend = """
        CREATE FUNCTION vigil.begin_append(OUT head_seq bigint, OUT head_hash bytea) LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = vigil, pg_temp AS $$
        BEGIN
            PERFORM vigil.writer();
            LOCK TABLE vigil.event IN EXCLUSIVE MODE;
            SELECT h.head_seq, h.head_hash INTO head_seq, head_hash FROM vigil.head() h;
        END $$
        """

    /// Every event type, exactly as stored: generated from the Swift list, so a new event needs no SQL, and any
    /// other spelling (`operatorLockedOut`) is refused before a rule could miss it.
    static var eventTypes: String {
        "ARRAY[" + Change.typeNames.map(literal).joined(separator: ", ") + "]::text[]"
    }

    /// Appends events after the head the caller decided against: seq, event id, the writer and the hash are the
    /// server's, so a client can neither leave a gap, fork the chain nor write as someone else. On a training log,
    /// simulated operators (SIM-…) may be claimed by anyone at the shift. An operator's role reaches this only through
    /// the procedure `vigil.append`, which commits at once: it checks who called it.
    static var appendRows: String {
        """
        CREATE FUNCTION vigil.append_rows(
            p_after bigint, p_prev bytea, p_types text[], p_versions integer[], p_occurred bigint[], p_recorded bigint,
            p_operators text[], p_consoles text[], p_payloads text[], p_signatures bytea[] DEFAULT NULL
        ) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        DECLARE
            who text := vigil.writer();
            my_role text := (SELECT a.role FROM vigil.authority a WHERE a.operator = who);
            head_seq bigint; head_hash bytea; log_id text; training boolean; n integer; i integer;
            s bigint; eid text; op text; h bytea; pj jsonb; pjs jsonb[] := '{}'; caller text;
            staged text := coalesce(current_setting('vigil.staged_login', true), '');
        BEGIN
            -- An operator's role appends only through vigil.append, whose COMMIT lets the lock go: called from a
            -- transaction block, a function or anywhere else, the lock would be the caller's to hold. The procedure
            -- calls this as a plain assignment, so its frame comes straight after this one; any other caller's frame
            -- there is theirs (a DO block, a SQL statement), and only Vigil can create a routine in schema vigil.
            IF who IS NOT NULL THEN
                GET DIAGNOSTICS caller = PG_CONTEXT;
                IF split_part(caller, chr(10), 2) !~ '^PL/pgSQL function (vigil[.])?append[(]bigint,[^)]*[)] line [0-9]+ at assignment$' THEN
                    RAISE EXCEPTION 'an operator appends only with CALL vigil.append(…), outside a transaction block'
                        USING ERRCODE = '42501';
                END IF;
            END IF;
            n := coalesce(array_length(p_types, 1), 0);
            IF coalesce(array_length(p_versions, 1), 0) <> n OR coalesce(array_length(p_occurred, 1), 0) <> n
                OR coalesce(array_length(p_operators, 1), 0) <> n OR coalesce(array_length(p_consoles, 1), 0) <> n
                OR coalesce(array_length(p_payloads, 1), 0) <> n
                OR (p_signatures IS NOT NULL AND coalesce(array_length(p_signatures, 1), 0) <> n) THEN
                RAISE EXCEPTION 'append: the event arrays differ in length' USING ERRCODE = '22023';
            END IF;
            -- Checked before the lock is taken, so a hostile batch never holds it.
            IF who IS NOT NULL AND n > \(batchLimit) THEN
                RAISE EXCEPTION 'an append is at most \(batchLimit) events' USING ERRCODE = '22023';
            END IF;
            FOR i IN 1 .. n LOOP
                IF p_operators[i] IS NULL OR p_consoles[i] IS NULL OR length(p_operators[i]) > 64
                    OR length(p_consoles[i]) > 64 OR p_operators[i] ~ \(controls) OR p_consoles[i] ~ \(controls) THEN
                    RAISE EXCEPTION 'event % names its operator or console with more than 64 characters or controls', i
                        USING ERRCODE = '22023';
                END IF;
                IF p_types[i] IS NULL OR NOT (p_types[i] = ANY (\(eventTypes))) THEN
                    RAISE EXCEPTION 'event % is of no type Vigil knows (%)', i, p_types[i] USING ERRCODE = '22023';
                END IF;
                -- The server cannot check a signature (readers do, against the key the chain holds); it holds
                -- one to an Ed25519 signature's size.
                IF p_signatures IS NOT NULL AND octet_length(p_signatures[i]) NOT IN (0, 64) THEN
                    RAISE EXCEPTION 'event %''s signature is not an Ed25519 signature', i USING ERRCODE = '22023';
                END IF;
                IF octet_length(p_payloads[i]) > \(payloadLimit) THEN
                    RAISE EXCEPTION 'event % is over \(payloadLimit) bytes' , i USING ERRCODE = '22023';
                END IF;
                -- Read, and held to the rules below, before the lock too: a batch of big payloads whose last was
                -- not its type's held the lock for seconds while each was read (found by the sixth attacker).
                pj := p_payloads[i]::jsonb;
                IF (SELECT array_agg(k) FROM jsonb_object_keys(pj) k)
                    IS DISTINCT FROM ARRAY[lower(left(p_types[i], 1)) || substr(p_types[i], 2)] THEN
                    RAISE EXCEPTION 'the payload at % is not a % event', i, p_types[i] USING ERRCODE = '22023';
                END IF;
                -- A live record is stamped by the clock: an operator's events are within ten minutes of the server's.
                IF who IS NOT NULL AND NOT coalesce((SELECT m.value FROM vigil.meta m WHERE m.key = 'training') = '1', false)
                    AND (abs(p_occurred[i] - extract(epoch FROM clock_timestamp())) > 600
                        OR abs(p_recorded - extract(epoch FROM clock_timestamp())) > 600) THEN
                    RAISE EXCEPTION 'event % is stamped more than ten minutes from the server''s clock', i
                        USING ERRCODE = '22023';
                END IF;
                -- Logins follow from these events (set_login, NOLOGIN), so the server holds them to decide's rule
                -- itself: only a supervisor administers operators; anyone may set their own secret, and a lock-out
                -- is written by the one locked out (their own wrong PINs) or a supervisor. The type is one of the
                -- list above, exactly as stored, so no other spelling passes by these.
                IF who IS NOT NULL AND my_role IS DISTINCT FROM 'supervisor' AND (
                    p_types[i] IN ('OperatorRegistered', 'OperatorDisabled', 'OperatorUnlocked')
                    OR (p_types[i] = 'OperatorPINSet'
                        AND pj #>> '{operatorPINSet,operator}' IS DISTINCT FROM who)
                    OR (p_types[i] = 'OperatorLockedOut'
                        AND pj #>> '{operatorLockedOut,operator}' IS DISTINCT FROM who)) THEN
                    RAISE EXCEPTION '% may not append %: only a supervisor administers operators', who, p_types[i]
                        USING ERRCODE = '42501';
                END IF;
                pjs := array_append(pjs, pj);
            END LOOP;
            LOCK TABLE vigil.event IN EXCLUSIVE MODE;
            SELECT h.head_seq, h.head_hash INTO head_seq, head_hash FROM vigil.head() h;
            IF p_after IS DISTINCT FROM head_seq OR p_prev IS DISTINCT FROM head_hash THEN
                RAISE EXCEPTION 'the log moved on: its head is seq %, not %', head_seq, p_after USING ERRCODE = '40001';
            END IF;
            log_id := substr((SELECT m.value FROM vigil.meta m WHERE m.key = 'genesis'), 1, 8);
            training := (SELECT m.value FROM vigil.meta m WHERE m.key = 'training') = '1';
            FOR i IN 1 .. n LOOP
                op := CASE
                    WHEN who IS NULL THEN p_operators[i]
                    WHEN training AND p_operators[i] LIKE 'SIM-%' THEN p_operators[i]
                    ELSE who END;
                s := head_seq + i;
                eid := log_id || '-' || s::text;
                h := sha256(head_hash || convert_to(concat_ws(chr(31), s::text, eid, p_types[i], p_versions[i]::text,
                    p_occurred[i]::text, p_recorded::text, op, p_consoles[i], p_payloads[i]), 'UTF8'));
                INSERT INTO vigil.event (seq, event_id, type, schema_version, occurred_at, recorded_at, operator,
                    console, payload, prev_hash, hash, signature)
                VALUES (s, eid, p_types[i], p_versions[i], p_occurred[i], p_recorded, op, p_consoles[i],
                    p_payloads[i], head_hash, h, coalesce(p_signatures[i], '\\x'::bytea));
                pj := pjs[i];
                IF p_types[i] = 'OperatorRegistered' THEN
                    INSERT INTO vigil.authority (operator, role) VALUES (
                        pj #>> '{operatorRegistered,operator,id}',
                        pj #>> '{operatorRegistered,operator,role}');
                END IF;
                -- A disabled operator can no longer sign in, whichever path disabled them.
                IF p_types[i] = 'OperatorDisabled' THEN
                    PERFORM 1 FROM vigil.login l
                    WHERE l.operator = pj #>> '{operatorDisabled,operator}';
                    IF FOUND THEN
                        EXECUTE format('ALTER ROLE %I NOLOGIN',
                            vigil.login_role(pj #>> '{operatorDisabled,operator}'));
                    END IF;
                END IF;
                IF (p_types[i] = 'OperatorPINSet' AND pj #>> '{operatorPINSet,operator}' = staged)
                    OR (p_types[i] = 'OperatorRegistered' AND pj #>> '{operatorRegistered,operator,id}' = staged) THEN
                    staged := '';
                END IF;
                head_hash := h;
            END LOOP;
            -- A secret staged by the procedure stands only beside the event that records it.
            IF staged <> '' THEN
                RAISE EXCEPTION 'a secret is set only with the event that records it' USING ERRCODE = '42501';
            END IF;
            IF n > 0 THEN PERFORM pg_notify('\(channel)', (head_seq + n)::text); END IF;
            RETURN head_seq + n;
        END $$
        """
    }

    /// How an operator appends: one statement that takes the append lock, writes, and commits, letting the lock go,
    /// whatever the caller's session settings. A procedure that commits cannot run inside a transaction block or a
    /// function (PostgreSQL refuses the COMMIT, and everything is rolled back), and `append_rows` refuses any other
    /// caller. A secret set with its event (`p_verifier`, for `p_login`) is set in the same commit. No SET clause and no
    /// SECURITY DEFINER, which would forbid the COMMIT: it runs as the caller, so every name is qualified.
    static let appendProcedure = """
        CREATE PROCEDURE vigil.append(
            p_after bigint, p_prev bytea, p_types text[], p_versions integer[], p_occurred bigint[], p_recorded bigint,
            p_operators text[], p_consoles text[], p_payloads text[], p_login text, p_verifier text,
            INOUT o_seq bigint[] DEFAULT NULL, INOUT o_event_id text[] DEFAULT NULL,
            INOUT o_operator text[] DEFAULT NULL, INOUT o_prev_hash bytea[] DEFAULT NULL,
            INOUT o_hash bytea[] DEFAULT NULL, p_signatures bytea[] DEFAULT NULL, p_sealed text DEFAULT NULL
        ) LANGUAGE plpgsql AS $$
        DECLARE
            last bigint;
            staged boolean;
            i integer;
        BEGIN
            -- Weighed before the lock is taken: a call of many 1 MiB payloads held it for seconds while it was read.
            IF (SELECT pg_catalog.sum(pg_catalog.octet_length(x)) FROM pg_catalog.unnest(p_payloads) x) > 16777216 THEN
                RAISE EXCEPTION 'one append carries at most 16 MiB of payloads' USING ERRCODE = '54000';
            END IF;
            IF p_verifier IS NOT NULL THEN
                staged := vigil.stage_login(p_login, p_verifier, p_sealed);
            END IF;
            -- A disabled operator's role is made NOLOGIN before the lock too: a role holding its own row (an open
            -- ALTER ROLE of its own) keeps only this append waiting, and the administrator's watch ends it.
            FOR i IN 1 .. coalesce(pg_catalog.array_length(p_types, 1), 0) LOOP
                IF p_types[i] = 'OperatorDisabled' THEN
                    staged := vigil.stage_disable(p_payloads[i]);
                END IF;
            END LOOP;
            last := vigil.append_rows(p_after, p_prev, p_types, p_versions, p_occurred, p_recorded, p_operators,
                p_consoles, p_payloads, p_signatures);
            SELECT pg_catalog.array_agg(e.seq ORDER BY e.seq), pg_catalog.array_agg(e.event_id ORDER BY e.seq),
                pg_catalog.array_agg(e.operator ORDER BY e.seq), pg_catalog.array_agg(e.prev_hash ORDER BY e.seq),
                pg_catalog.array_agg(e.hash ORDER BY e.seq)
            INTO o_seq, o_event_id, o_operator, o_prev_hash, o_hash
            FROM vigil.event e WHERE e.seq > p_after AND e.seq <= last;
            COMMIT;
        END $$
        """

    /// An operator's login role on this log, named from the database and the operator: as `loginRole` in Swift.
    static let loginRoleFunction = """
        CREATE FUNCTION vigil.login_role(p_operator text) RETURNS name LANGUAGE sql STABLE
        SET search_path = vigil, pg_temp AS $$
            SELECT ('vigil_' || left(regexp_replace(lower(current_database()), '[^a-z0-9_]', '', 'g'), 16) || '_'
                || left(encode(sha256(convert_to(current_database(), 'UTF8')), 'hex'), 6) || '_'
                || lower(p_operator))::name
        $$
        """

    /// An operator's secret is their login role's SCRAM verifier, set only beside the event that records it in
    /// the same transaction (a registration or a PIN set for that operator), or by the administrator.
    static let setLogin = """
        CREATE FUNCTION vigil.set_login(p_operator text, p_verifier text, p_sealed text DEFAULT NULL)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        DECLARE
            who text := vigil.writer();
        BEGIN
            IF who IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM vigil.event e WHERE e.xmin::text::bigint = pg_current_xact_id()::text::bigint % 4294967296
                AND ((e.type = 'OperatorRegistered' AND e.payload::jsonb #>> '{operatorRegistered,operator,id}' = p_operator)
                  OR (e.type = 'OperatorPINSet' AND e.payload::jsonb #>> '{operatorPINSet,operator}' = p_operator))
            ) THEN
                RAISE EXCEPTION 'a secret is set only with the event that records it' USING ERRCODE = '42501';
            END IF;
            PERFORM vigil.put_login(p_operator, p_verifier, p_sealed);
        END $$
        """

    /// A secret set by `vigil.append` before it takes the append lock, so a role whose row someone holds (an open
    /// ALTER ROLE of their own) keeps only its own append waiting: `append_rows` then refuses the whole unless its
    /// events record that secret, and everything is rolled back together.
    static let stageLogin = """
        CREATE FUNCTION vigil.stage_login(p_operator text, p_verifier text, p_sealed text DEFAULT NULL)
        RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        DECLARE caller text;
        BEGIN
            GET DIAGNOSTICS caller = PG_CONTEXT;
            IF split_part(caller, chr(10), 2) !~ '^PL/pgSQL function (vigil[.])?append[(]bigint,[^)]*[)] line [0-9]+ at assignment$' THEN
                RAISE EXCEPTION 'a secret is staged only by CALL vigil.append(…)' USING ERRCODE = '42501';
            END IF;
            PERFORM vigil.writer();
            PERFORM vigil.put_login(p_operator, p_verifier, p_sealed);
            PERFORM set_config('vigil.staged_login', p_operator, true);
            RETURN true;
        END $$
        """

    /// A supervisor's disabling, its role made NOLOGIN ahead of the append lock; rolled back with everything if the
    /// append is refused. Anyone else's is left to `append_rows`, which refuses it.
    static let stageDisable = """
        CREATE FUNCTION vigil.stage_disable(p_payload text)
        RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        DECLARE caller text; who text; target text;
        BEGIN
            GET DIAGNOSTICS caller = PG_CONTEXT;
            IF split_part(caller, chr(10), 2) !~ '^PL/pgSQL function (vigil[.])?append[(]bigint,[^)]*[)] line [0-9]+ at assignment$' THEN
                RAISE EXCEPTION 'a disabling is staged only by CALL vigil.append(…)' USING ERRCODE = '42501';
            END IF;
            who := vigil.writer();
            IF (SELECT a.role FROM vigil.authority a WHERE a.operator = who) IS DISTINCT FROM 'supervisor' THEN
                RETURN false;
            END IF;
            target := p_payload::jsonb #>> '{operatorDisabled,operator}';
            IF EXISTS (SELECT 1 FROM vigil.login l WHERE l.operator = target) THEN
                EXECUTE format('ALTER ROLE %I NOLOGIN', vigil.login_role(target));
            END IF;
            RETURN true;
        END $$
        """

    /// Makes or changes an operator's login role: the secret only ever as a SCRAM-SHA-256 verifier, and with it the
    /// signing key sealed under the same secret.
    static let putLogin = """
        CREATE FUNCTION vigil.put_login(p_operator text, p_verifier text, p_sealed text)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        DECLARE
            r name := vigil.login_role(p_operator);
            g name := (SELECT m.value FROM vigil.meta m WHERE m.key = 'operators_role');
        BEGIN
            IF p_operator IS NULL OR p_verifier IS NULL OR p_operator !~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$' THEN
                RAISE EXCEPTION 'not an operator id: %', p_operator USING ERRCODE = '22023';
            END IF;
            IF p_verifier !~ '^SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
                RAISE EXCEPTION 'a secret is stored only as a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
            END IF;
            IF p_sealed IS NOT NULL AND (length(p_sealed) > 400
                OR p_sealed !~ '^scrypt-n[0-9]+-r[0-9]+-p[0-9]+([$][A-Za-z0-9+/=]+){3}$') THEN
                RAISE EXCEPTION 'not a sealed signing key' USING ERRCODE = '22023';
            END IF;

            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                IF NOT EXISTS (SELECT 1 FROM vigil.login l WHERE l.role = r) THEN
                    RAISE EXCEPTION 'role % exists and is not this log''s', r USING ERRCODE = '42710';
                END IF;
                EXECUTE format('ALTER ROLE %I PASSWORD %L CONNECTION LIMIT 12', r, p_verifier);
                UPDATE vigil.login SET verifier = p_verifier WHERE role = r;
            ELSE
                EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L CONNECTION LIMIT 12 IN ROLE %I', r, p_verifier, g);
                INSERT INTO vigil.login (role, operator, verifier) VALUES (r, p_operator, p_verifier);
            END IF;
            -- Kept under the operator's id as their login has it, whatever case this call spelt it in.
            IF p_sealed IS NOT NULL THEN
                INSERT INTO vigil.sealed_key (operator, sealed)
                VALUES ((SELECT l.operator FROM vigil.login l WHERE l.role = r), p_sealed)
                ON CONFLICT (operator) DO UPDATE SET sealed = excluded.sealed, server_at = clock_timestamp(),
                    written_by = session_user;
            END IF;
        END $$
        """

    /// An operator's sealed signing key, to its own operator (or the administrator) only: anyone else would hold a
    /// box to guess at offline.
    static let sealedKey = """
        CREATE FUNCTION vigil.sealed_key(p_operator text) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = vigil, pg_temp AS $$
        DECLARE who text := vigil.writer();
        BEGIN
            -- Operator ids compare in any case, as everywhere in Vigil.
            IF who IS NOT NULL AND lower(who) IS DISTINCT FROM lower(p_operator) THEN
                RAISE EXCEPTION 'only % reads their own sealed key', p_operator USING ERRCODE = '42501';
            END IF;
            RETURN (SELECT k.sealed FROM vigil.sealed_key k WHERE lower(k.operator) = lower(p_operator));
        END $$
        """

    /// Whether an operator has a login role on this log.
    static let hasLogin = """
        CREATE FUNCTION vigil.has_login(p_operator text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = vigil, pg_temp AS $$
            SELECT EXISTS (SELECT 1 FROM vigil.login l WHERE l.operator = p_operator)
        $$
        """

    static let addSnapshot = """
        CREATE FUNCTION vigil.add_snapshot(p_seq bigint, p_version integer, p_created bigint, p_digest bytea, p_state bytea)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        DECLARE h bytea;
        BEGIN
            -- Consoles open from the newest snapshot, which only the replay in verify holds to the chain: so on a
            -- server only the administrator writes them, never an operator's role.
            IF vigil.writer() IS NOT NULL THEN
                RAISE EXCEPTION 'only the log''s administrator writes snapshots' USING ERRCODE = '42501';
            END IF;
            SELECT e.hash INTO h FROM vigil.event e WHERE e.seq = p_seq;
            IF h IS NULL THEN RETURN; END IF;
            INSERT INTO vigil.snapshot (seq, version, created_at, event_hash, digest, state)
            VALUES (p_seq, p_version, p_created, h, p_digest, p_state) ON CONFLICT (seq) DO NOTHING;
        END $$
        """

    static let recordAccess = """
        CREATE FUNCTION vigil.record_access(p_at bigint, p_operator text, p_console text, p_record text, p_what text)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        DECLARE who text := vigil.writer();
        BEGIN
            -- An operator's line is stamped by the server's clock and held to the stored-text lengths.
            IF length(p_console) > 64 OR length(p_record) > 200 OR length(p_what) > 200 OR length(p_operator) > 64
                OR concat(p_console, p_record, p_what, p_operator) ~ \(controls) THEN
                RAISE EXCEPTION 'an access line is at most 200 characters a field, without controls' USING ERRCODE = '22023';
            END IF;
            INSERT INTO vigil.access (at, operator, console, record, what)
            VALUES (CASE WHEN who IS NULL THEN p_at ELSE extract(epoch FROM clock_timestamp())::bigint END,
                coalesce(who, p_operator), p_console, p_record, p_what);
        END $$
        """

    /// A console's beat, as its operator's (any operator's, for the administrator). An operator keeps at most
    /// `beatsPerOperator` consoles' beats, and those the server has not heard for two minutes (by its own clock,
    /// not the one a beat claims) go, so nobody can fill the table every console reads; a beat that cannot be kept
    /// is an error the console shows, never skipped.
    static let beatsPerOperator = 16
    static let beat = """
        CREATE FUNCTION vigil.beat(p_console text, p_operator text, p_wall double precision)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = vigil, pg_temp AS $$
        DECLARE who text := coalesce(vigil.writer(), p_operator);
        BEGIN
            IF p_console IS NULL OR length(p_console) > 64 OR p_console ~ \(controls) OR who IS NULL OR p_wall IS NULL
                OR p_wall <> p_wall
                OR p_wall IN ('Infinity', '-Infinity') THEN
                RAISE EXCEPTION 'not a heartbeat' USING ERRCODE = '22023';
            END IF;
            DELETE FROM vigil.heartbeat h WHERE h.operator = who AND h.console <> p_console
                AND h.server_at < clock_timestamp() - interval '2 minutes';
            INSERT INTO vigil.heartbeat (operator, console, wall) VALUES (who, p_console, p_wall)
            ON CONFLICT (operator, console) DO UPDATE SET wall = excluded.wall, server_at = clock_timestamp();
            IF (SELECT count(*) FROM vigil.heartbeat h WHERE h.operator = who) > \(beatsPerOperator) THEN
                RAISE EXCEPTION '% has more than \(beatsPerOperator) consoles beating', who USING ERRCODE = '54000';
            END IF;
        END $$
        """

    static let endBeat = """
        CREATE FUNCTION vigil.end_beat(p_console text, p_operator text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = vigil, pg_temp AS $$
        DECLARE who text := coalesce(vigil.writer(), p_operator);
        BEGIN
            DELETE FROM vigil.heartbeat h WHERE h.console = p_console AND h.operator = who;
        END $$
        """

    /// Whether the log's synchronous standby is there: `unused` until an administrator's standby watch says the log
    /// has one, then `ok` while one streams synchronously and `none` otherwise (every console shows that).
    static let standby = """
        CREATE FUNCTION vigil.standby() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = vigil, pg_temp AS $$
            SELECT CASE
                WHEN NOT EXISTS (SELECT 1 FROM vigil.meta m WHERE m.key = 'standby') THEN 'unused'
                WHEN EXISTS (SELECT 1 FROM pg_stat_replication r
                    WHERE r.state = 'streaming' AND r.sync_state IN ('sync', 'quorum')) THEN 'ok'
                ELSE 'none' END
        $$
        """

    /// Every function, by its signature, as `GRANT EXECUTE` and `log verify` name it.
    static var functions: [(signature: String, definition: String, granted: Bool)] {
        [
            ("vigil.writer()", writer, false),
            ("vigil.head()", head, false),
            ("vigil.begin_append()", beginAppend, false),
            (
                "vigil.append_rows(bigint, bytea, text[], integer[], bigint[], bigint, text[], text[], text[], bytea[])",
                appendRows, true
            ),
            (
                "vigil.append(bigint, bytea, text[], integer[], bigint[], bigint, text[], text[], text[], text, text, bigint[], text[], text[], bytea[], bytea[], bytea[], text)",
                appendProcedure, true
            ),
            ("vigil.login_role(text)", loginRoleFunction, false),
            ("vigil.set_login(text, text, text)", setLogin, true),
            ("vigil.stage_login(text, text, text)", stageLogin, true),
            ("vigil.put_login(text, text, text)", putLogin, false),
            ("vigil.stage_disable(text)", stageDisable, true),
            ("vigil.sealed_key(text)", sealedKey, true),
            ("vigil.has_login(text)", hasLogin, true),
            ("vigil.add_snapshot(bigint, integer, bigint, bytea, bytea)", addSnapshot, false),
            ("vigil.record_access(bigint, text, text, text, text)", recordAccess, true),
            ("vigil.beat(text, text, double precision)", beat, true),
            ("vigil.end_beat(text, text)", endBeat, true),
            ("vigil.standby()", standby, true),
        ]
    }

    /// `FUNCTION` or `PROCEDURE`, as GRANT and REVOKE name a routine.
    static func kind(_ definition: String) -> String {
        definition.hasPrefix("CREATE PROCEDURE") ? "PROCEDURE" : "FUNCTION"
    }

    /// Grants to the log's operators' group: reading what consoles read, and calling the functions above. Nothing
    /// else: no INSERT, UPDATE, DELETE or TRUNCATE anywhere, and no SELECT on credentials.
    static func grants(group: String) -> [String] {
        let g = quoted(group)
        return [
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(literal(group))) THEN CREATE ROLE \(g) NOLOGIN; END IF; END $$",
            "GRANT USAGE ON SCHEMA vigil TO \(g)",
            "GRANT SELECT ON vigil.meta, vigil.event, vigil.snapshot, vigil.access, vigil.heartbeat TO \(g)",
        ]
            + functions.map { "REVOKE ALL ON \(kind($0.definition)) \($0.signature) FROM PUBLIC" }
            + functions.filter(\.granted).map { "GRANT EXECUTE ON \(kind($0.definition)) \($0.signature) TO \(g)" }
    }

    /// Everything `log init` runs, in order, in one transaction.
    static func setup(database: String) -> [String] {
        tables + triggers + functions.map(\.definition) + grants(group: groupRole(database: database)) + [
            // Only this log's operators reach its database: another log's, on the same server, cannot connect to
            // stall this one's appends or list what is here.
            "REVOKE CONNECT, TEMPORARY ON DATABASE \(quoted(database)) FROM PUBLIC",
            "GRANT CONNECT ON DATABASE \(quoted(database)) TO \(quoted(groupRole(database: database)))",
        ]
    }
}
