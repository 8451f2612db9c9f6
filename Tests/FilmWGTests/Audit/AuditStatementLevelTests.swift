import Foundation
import Postgres
import TestSupport
import Testing

/// Migration 0007 (statement_level_audit): audit rows of inserts are written once per statement (trigger audit_insert,
/// transition table `inserted`) instead of once per row, and must be exactly what the per-row
/// trigger wrote: one row per inserted row, with the actor, the key and the whole new row.
@Suite struct AuditStatementLevelTests {
    func count(_ db: Connection, _ query: Query) throws -> Int {
        try db.query(query).one().decode(Int.self, at: 0)
    }

    @Test func everyRowOfAMultiRowInsertGetsExactlyOneAuditRowWithTheActor() throws {
        try TestDatabase.with { t in
            let db = try t.connect(actor: "audit-tester")
            let ids = try db.query(
                """
                INSERT INTO filmwg.companies (name, name_zh, kind, registered_capital)
                SELECT 'Company ' || g, '公司' || g, 'production', g * 1000
                  FROM generate_series(1, 500) AS g
                RETURNING id
                """
            ).map { try $0.decode(Int64.self, at: 0) }
            #expect(ids.count == 500)
            let audit = try db.query(
                """
                SELECT count(*), count(DISTINCT a.row_id),
                       count(*) FILTER (WHERE a.actor = 'audit-tester' AND a.action = 'insert'
                                          AND a.old_values IS NULL AND a.new_values = to_jsonb(c))
                  FROM filmwg.audit_log a
                  JOIN filmwg.companies c ON a.row_id = c.id::text
                 WHERE a.table_name = 'companies' AND c.id = ANY(\(ids))
                """
            ).one().decode((Int, Int, Int).self)
            #expect(audit == (500, 500, 500))
        }
    }

    @Test func aCopyIsAuditedRowByRowLikeAnInsert() throws {
        try TestDatabase.with { t in
            let db = try t.connect(actor: "copy-tester")
            var copy = try db.copyIn("COPY filmwg.companies (name, kind, district) FROM STDIN")
            for i in 1...300 { try copy.append(["拷贝公司 \(i)", "technology", "怀柔区"]) }
            #expect(try copy.finish() == 300)
            let perRow = try db.query(
                """
                SELECT count(*), min(n), max(n) FROM (
                    SELECT c.id, count(a.id) AS n
                      FROM filmwg.companies c
                      LEFT JOIN filmwg.audit_log a ON a.table_name = 'companies' AND a.row_id = c.id::text
                                                  AND a.action = 'insert' AND a.actor = 'copy-tester'
                     WHERE c.name LIKE '拷贝公司 %'
                     GROUP BY c.id) AS x
                """
            ).one().decode((Int, Int, Int).self)
            #expect(perRow == (300, 1, 1))
        }
    }

    @Test func withoutAnActorTheSessionUserIsRecorded() throws {
        try TestDatabase.with { t in
            let db = try t.connectRaw()
            let user = try db.query("SELECT session_user::text").one().decode(String.self, at: 0)
            let id = try db.query("INSERT INTO filmwg.companies (name) VALUES (\("No Actor Ltd.")) RETURNING id")
                .one().decode(Int64.self, at: 0)
            let actors = try db.query(
                "SELECT actor FROM filmwg.audit_log WHERE table_name = 'companies' AND row_id = \(String(id))"
            )
            .map { try $0.decode(String.self, at: 0) }
            #expect(actors == [user])
        }
    }

    @Test func anInsertOfNoRowsWritesNoAuditRow() throws {
        try TestDatabase.with { t in
            let db = try t.connect()
            let before = try count(db, "SELECT count(*) FROM filmwg.audit_log")
            #expect(try db.execute("INSERT INTO filmwg.companies (name) SELECT 'x' WHERE false") == 0)
            #expect(try count(db, "SELECT count(*) FROM filmwg.audit_log") == before)
        }
    }

    @Test func personalFieldsOfErasedProfessionalsStayOutOfTheAuditLog() throws {
        try TestDatabase.with { t in
            let db = try t.connect(actor: "privacy-tester")
            let kept = try db.query(
                """
                INSERT INTO filmwg.professionals (full_name, latin_name, email, phone)
                VALUES ('王芳', 'Wang Fang', 'wang.fang@example.cn', '+86 138 0000 0000') RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
            let erased = try db.query(
                """
                INSERT INTO filmwg.professionals (full_name, erased_at) VALUES (NULL, now()) RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
            let whileErasing = try db.transaction { tx in
                try tx.execute("SELECT set_config('filmwg.erasing', 'on', true)")
                return try tx.query(
                    """
                    INSERT INTO filmwg.professionals (full_name, email) VALUES ('李明', 'li.ming@example.cn') RETURNING id
                    """
                ).one().decode(Int64.self, at: 0)
            }
            func newValues(_ id: Int64) throws -> [String] {
                try db.query(
                    """
                    SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM filmwg.audit_log a, jsonb_object_keys(a.new_values) AS k
                     WHERE a.table_name = 'professionals' AND a.row_id = \(String(id)) AND a.action = 'insert'
                    """
                ).one().decode([String].self, at: 0)
            }
            #expect(try newValues(kept).contains("email"))
            #expect(try newValues(kept).contains("full_name"))
            for id in [erased, whileErasing] {
                let keys = try newValues(id)
                #expect(keys.contains("id") && keys.contains("erased_at"))
                #expect(Set(keys).isDisjoint(with: ["full_name", "latin_name", "email", "phone"]))
            }
            let rows = try count(
                db, "SELECT count(*) FROM filmwg.audit_log WHERE table_name = 'professionals' AND action = 'insert'")
            #expect(rows == 3)
        }
    }

    @Test func compositeKeysAreJoinedWithCommasInKeyOrder() throws {
        try TestDatabase.with { t in
            let db = try t.connect()
            let person = try db.query("INSERT INTO filmwg.professionals (full_name) VALUES ('张伟') RETURNING id")
                .one().decode(Int64.self, at: 0)
            let election = try db.query(
                """
                INSERT INTO filmwg.elections (held_on, position_id)
                SELECT date '2017-05-20', id FROM filmwg.positions WHERE code = 'head' RETURNING id
                """
            ).one().decode(Int64.self, at: 0)
            try db.execute(
                """
                INSERT INTO filmwg.election_candidates (election_id, professional_id, votes_for, elected)
                VALUES (\(election), \(person), 90, true)
                """)
            let rowIds = try db.query("SELECT row_id FROM filmwg.audit_log WHERE table_name = 'election_candidates'")
                .map { try $0.decode(String.self, at: 0) }
            #expect(rowIds == ["\(election),\(person)"])
        }
    }

    @Test func updatesAndDeletesStillWriteOneAuditRowPerRow() throws {
        try TestDatabase.with { t in
            let db = try t.connect(actor: "editor")
            try db.execute("INSERT INTO filmwg.companies (name) SELECT 'Edit ' || g FROM generate_series(1, 4) AS g")
            #expect(try db.execute("UPDATE filmwg.companies SET employees = 10 WHERE name LIKE 'Edit %'") == 4)
            #expect(try db.execute("DELETE FROM filmwg.companies WHERE name IN ('Edit 1', 'Edit 2')") == 2)
            let actions = try db.query(
                """
                SELECT action, count(*), count(DISTINCT row_id),
                       count(*) FILTER (WHERE actor = 'editor' AND (action = 'insert') = (old_values IS NULL)
                                        AND (action = 'delete') = (new_values IS NULL))
                  FROM filmwg.audit_log WHERE table_name = 'companies' GROUP BY action ORDER BY action
                """
            ).map { try $0.decode((String, Int, Int, Int).self) }.map { "\($0.0) \($0.1) \($0.2) \($0.3)" }
            #expect(actions == ["delete 2 2 2", "insert 4 4 4", "update 4 4 4"])
        }
    }

    /// No table may audit an insert twice (row trigger and statement trigger) or not at all.
    @Test func everyAuditedTableAuditsInsertsOnlyThroughTheStatementTrigger() throws {
        try TestDatabase.with { t in
            let db = try t.connectRaw()
            let problems = try db.query(
                """
                WITH audited AS (
                    SELECT DISTINCT tgrelid FROM pg_trigger
                     WHERE tgfoid IN ('filmwg.audit()'::regprocedure, 'filmwg.audit_inserted()'::regprocedure)
                )
                SELECT a.tgrelid::regclass::text
                  FROM audited a
                 WHERE EXISTS (SELECT 1 FROM pg_trigger r WHERE r.tgrelid = a.tgrelid
                                  AND r.tgfoid = 'filmwg.audit()'::regprocedure AND (r.tgtype & 4) = 4)
                    OR NOT EXISTS (SELECT 1 FROM pg_trigger s WHERE s.tgrelid = a.tgrelid AND s.tgname = 'audit_insert'
                                      AND s.tgfoid = 'filmwg.audit_inserted()'::regprocedure AND (s.tgtype & 1) = 0)
                    OR NOT EXISTS (SELECT 1 FROM pg_trigger u WHERE u.tgrelid = a.tgrelid AND u.tgname = 'audit'
                                      AND (u.tgtype & 8) = 8 AND (u.tgtype & 16) = 16)
                """
            ).map { try $0.decode(String.self, at: 0) }
            #expect(problems == [])
            #expect(try count(db, "SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_insert'") >= 13)
        }
    }

    /// filmwg.uscc_is_valid (the CHECK and the trigger's WHEN) accepts exactly the codes that
    /// filmwg.uscc_problem finds nothing wrong with.
    @Test func theInlinedUSCCCheckAgreesWithUsccProblem() throws {
        try TestDatabase.with { t in
            let db = try t.connectRaw()
            let (total, valid, disagreements) = try db.query(
                """
                WITH alphabet(a) AS (VALUES ('0123456789ABCDEFGHJKLMNPQRTUWXY')),
                body AS (
                    SELECT g, string_agg(substr(a, 1 + ((hashint4(g * 31 + i)::bigint % 31 + 31) % 31)::integer, 1), '' ORDER BY i) AS b
                      FROM alphabet, generate_series(1, 6000) AS g, generate_series(1, 17) AS i GROUP BY g
                ),
                valid AS (
                    SELECT g, b || substr(a, (31 - (SELECT sum((strpos(a, substr(b, i, 1)) - 1) * ((3 ^ (i - 1))::numeric % 31))
                                                      FROM generate_series(1, 17) AS i)::integer % 31) % 31 + 1, 1) AS code
                      FROM body, alphabet
                ),
                codes AS (
                    SELECT code FROM valid
                    UNION ALL SELECT substr(code, 1, 17) || CASE WHEN right(code, 1) = '0' THEN '1' ELSE '0' END FROM valid
                    UNION ALL SELECT lower(code) FROM valid
                    UNION ALL SELECT substr(code, 1, 17) FROM valid WHERE g % 10 = 0
                    UNION ALL SELECT code || 'X' FROM valid WHERE g % 10 = 1
                    UNION ALL SELECT overlay(code PLACING substr('IOSVZ', 1 + g % 5, 1) FROM 1 + g % 18 FOR 1) FROM valid
                    UNION ALL SELECT overlay(code PLACING ' ' FROM 5 FOR 1) FROM valid WHERE g % 7 = 0
                    UNION ALL SELECT '' UNION ALL SELECT '91110116MA00XXXXX😀'
                )
                SELECT count(*), count(*) FILTER (WHERE filmwg.uscc_problem(code) IS NULL),
                       count(*) FILTER (WHERE filmwg.uscc_is_valid(code) IS DISTINCT FROM (filmwg.uscc_problem(code) IS NULL))
                  FROM codes
                """
            ).one().decode((Int, Int, Int).self)
            #expect(total > 20_000)
            #expect(valid >= 6000)
            #expect(disagreements == 0)
            #expect(try db.query("SELECT filmwg.uscc_is_valid(NULL) IS NULL").one().decode(Bool.self, at: 0))
        }
    }

    @Test func anInvalidUSCCStillGetsItsReadableReason() throws {
        try TestDatabase.with { t in
            let db = try t.connect()
            do {
                try db.execute(
                    "INSERT INTO filmwg.companies (uscc, name) VALUES ('911101167226437271', 'Bad Check Ltd.')")
                Issue.record("an invalid USCC must be refused")
            } catch let error as PostgresError {
                #expect(error.isCheckViolation)
                #expect(error.constraint == "companies_uscc_check")
                #expect(
                    error.message.hasPrefix("USCC '911101167226437271' is not valid: check digit is '1', expected 'D'"))
            }
            // A valid code passes both the CHECK and the trigger's WHEN.
            try db.execute("INSERT INTO filmwg.companies (uscc, name) VALUES ('91110116MA00XXXXXB', 'Probe')")
        }
    }
}
