import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// Migration 0020 made a company row cheaper to write by rewriting three SQL functions so that
/// PostgreSQL inlines them. Each must give exactly what the definition it replaced gave (copied
/// here from migration 0014 as temporary functions) for every input, tricky ones above all.
@Suite struct CompanyRowCostTests {
    /// `filmwg.company_name_key` as migration 0014 defined it.
    static let nameKey0014 = """
        CREATE FUNCTION pg_temp.company_name_key_0014(name text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
        $$
        SELECT regexp_replace(
                 regexp_replace(
                   regexp_replace(
                     regexp_replace(
                       lower(normalize(name, NFKC)),
                       '\\([^()]*\\)', '', 'g'),
                     '(集团)?(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)$', ''),
                   '[[:space:][:punct:]·・、，。]+(co\\.?,? *ltd\\.?|company limited|corporation limited|co\\.? limited|limited|ltd\\.?|inc\\.?|incorporated|corp\\.?|corporation|l\\.?l\\.?c\\.?|gmbh|s\\.?a\\.?|co\\.?)[[:space:][:punct:]]*$', ''),
                 '[[:space:][:punct:]·・、，。“”‘’《》]', '', 'g')
        $$
        """

    /// `filmwg.uscc_structure_problem` (and its helper) as migration 0014 defined them.
    static let structure0014 = [
        """
        CREATE FUNCTION pg_temp.uscc_entity_types_0014(authority text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
        $$
        SELECT CASE authority
            WHEN '1' THEN '1239' WHEN '2' THEN '19' WHEN '3' THEN '123459' WHEN '4' THEN '19'
            WHEN '5' THEN '1239' WHEN '6' THEN '129' WHEN '7' THEN '129' WHEN '8' THEN '19'
            WHEN '9' THEN '123' WHEN 'A' THEN '19' WHEN 'N' THEN '1239' WHEN 'Y' THEN '1'
        END
        $$
        """,
        """
        CREATE FUNCTION pg_temp.uscc_structure_problem_0014(code text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
        $$
        SELECT CASE
            WHEN char_length(code) <> 18 THEN NULL
            WHEN pg_temp.uscc_entity_types_0014(substr(code, 1, 1)) IS NULL THEN
                format('position 1 is ''%s'', which is no registration authority of GB 32100 (1 to 9, A, N or Y)',
                       substr(code, 1, 1))
            WHEN strpos(pg_temp.uscc_entity_types_0014(substr(code, 1, 1)), substr(code, 2, 1)) = 0 THEN
                format('position 2 is ''%s'', an entity type that registration authority ''%s'' does not use (it uses %s)',
                       substr(code, 2, 1), substr(code, 1, 1),
                       array_to_string(regexp_split_to_array(pg_temp.uscc_entity_types_0014(substr(code, 1, 1)), ''), ', '))
            WHEN substr(code, 3, 6) !~ '^[0-9]{6}$' THEN
                format('positions 3 to 8 are ''%s'', which is not the six digits of an administrative division code',
                       substr(code, 3, 6))
        END
        $$
        """,
    ]

    /// Pieces company names are made of: Latin and Chinese words, every legal form the key sets
    /// aside and near misses of them, brackets of both widths, full-width and compatibility
    /// characters that NFKC folds (ＣＯ．，ＬＴＤ, ㏇, ⑴, ㈱, ﹙), punctuation and spaces of many
    /// scripts, combining marks, other scripts, and characters just outside the ranges the new
    /// key takes a short cut for.
    static let pieces: [String] = [
        "Beijing", "Huairou", "Film", "Pictures", "Disco", "Taco", "Coco", "Alpha", "Visual", "Studio", "Limitless",
        "Incubator", "Corpus", "Saga", "Gmbhx", "LLC", "Ltd", "LTD.", "Co.", "Co", "CO.,LTD.", "Co., Ltd.", "Co.,Ltd",
        "Co Ltd", "Co. Limited", "Co limited", "Company Limited", "Corporation Limited", "Corporation", "Corp.",
        "Corp", "Inc.", "Inc", "Incorporated", "Limited", "L.L.C.", "L.LC", "LL.C", "GmbH", "S.A.", "S.A", "SA", "S.a.",
        "co.,  ltd", "co,ltd", "coltd", "s. a.", "北京", "怀柔", "影视", "文化", "传媒", "有限公司", "有限责任公司",
        "股份有限公司", "集团有限公司", "集团公司", "股份公司", "公司", "集团", "有限", "分公司", "(北京)", "（北京）",
        "(Beijing)", "（怀柔）", "((nested))", "(unclosed", "closed)", "()", "（）", "ＣＯ．，ＬＴＤ．", "Ｃｏ．，Ｌｔｄ．",
        "ＦＩＬＭ", "㏇", "⑴", "⒜", "㈱", "﹙北京﹚", "№", "ﬁlm", "Ⅻ", "½", "·", "・", "、", "，", "。", "“", "”", "‘",
        "’", "《", "》", "「", "」", "【", "】", "—", "–", "-", "&", "'", "\"", ";", ":", "!", "?", "/", "\\", "#",
        "@", "+", "=", "~", "`", "^", "|", "_", "*", "%", "$", ".", ",", " ", "  ", "\t", "\n", "\u{00A0}", "\u{3000}",
        "\u{2009}", "\u{200B}", "e\u{0301}", "é", "Ä", "İ", "ß", "Σ", "Ωmega", "Кино", "映画株式会社", "영화사", "🎬",
        "\u{3400}", "\u{4DFF}", "\u{4E00}", "\u{9FFF}", "\u{A000}", "\u{F900}", "\u{FA10}", "\u{2F800}", "\u{20000}",
        "0", "2017", "１２３", "@", "[", "`", "{", "\u{7F}", "A", "Z", "a", "z",
    ]

    /// Deterministic names: two to seven pieces, with or without a space between.
    static func names(count: Int) -> [String] {
        var random = USCCStructureTests.Generator(state: 20_170_520)
        return (0..<count).map { _ in
            let parts = (0..<(2 + Int(random.next() % 6))).map { _ in random.pick(pieces) }
            return parts.joined(separator: random.next() % 3 == 0 ? "" : " ")
        }
    }

    @Test func theNameKeyIsTheKeyOfMigration0014ForEveryName() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            try connection.execute(Query(unsafeSQL: Self.nameKey0014))
            let handPicked =
                [
                    "", " ", "Co.", "Ltd", "有限公司", "（北京）", "Beijing Film Co., Ltd.", "北京电影有限公司",
                    "北京电影（北京）有限公司", "Beijing Film (Beijing) Co., Ltd.", "ＢＥＩＪＩＮＧ　ＦＩＬＭ　ＣＯ．，ＬＴＤ．",
                    "Disco", "Taco Inc", "Saga S.A.", "Huairou Film Corporation Limited", "影视 Co", "影视㏇", "影视⑴",
                    "Alpha , , , ltd . .", "Alpha-ltd", "Alpha,ltd", "AlphaLtd", "Alpha co.,ltd.(beijing)",
                ] + Self.pieces
            let inputs = handPicked + Self.names(count: 20_000)
            let rows = try connection.query(
                """
                SELECT n, x, pg_temp.company_name_key_0014(x), filmwg.company_name_key(x)
                  FROM unnest(\(inputs)::text[]) WITH ORDINALITY AS t(x, n)
                 WHERE pg_temp.company_name_key_0014(x) IS DISTINCT FROM filmwg.company_name_key(x)
                 ORDER BY n LIMIT 20
                """
            ).map { try $0.decode((Int, String, String?, String?).self) }
            for (_, name, old, new) in rows {
                Issue.record(
                    "key of \(name.debugDescription): 0014 \(old.debugDescription), now \(new.debugDescription)")
            }
            #expect(rows.isEmpty)
            // NULL stays NULL, as when the function was STRICT.
            let null = try connection.query("SELECT filmwg.company_name_key(NULL) IS NULL").one().decode(Bool.self)
            #expect(null)
            // The inputs exercise every step: keys that lost a legal form, a bracket, a Latin form.
            let stats = try connection.query(
                """
                SELECT count(*) FILTER (WHERE x ~ '公司$' AND filmwg.company_name_key(x) !~ '公司$'),
                       count(*) FILTER (WHERE x ~ '[(（]' AND filmwg.company_name_key(x) !~ '[(（]'),
                       count(*) FILTER (WHERE lower(x) ~ 'ltd\\.?$' AND filmwg.company_name_key(x) !~ 'ltd$'),
                       count(DISTINCT filmwg.company_name_key(x))
                  FROM unnest(\(inputs)::text[]) AS t(x)
                """
            ).one().decode((Int, Int, Int, Int).self)
            #expect(stats.0 > 100 && stats.1 > 100 && stats.2 > 100, "\(stats)")
            #expect(stats.3 > 10_000, "\(stats.3) distinct keys")
        }
    }

    @Test func theStructureProblemIsThePhraseOfMigration0014ForEveryCode() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            for sql in Self.structure0014 { try connection.execute(Query(unsafeSQL: sql)) }
            let regions = try connection.query("SELECT code FROM filmwg.regions ORDER BY code").map {
                try $0.decode(String.self, at: 0)
            }
            var inputs = USCCStructureTests.codes(count: 5000, regions: regions)
            // Every authority character with every entity-type character, valid or not.
            for authority in USCCStructureTests.alphabet + Array("abz*") {
                for type in USCCStructureTests.alphabet + Array("a-") {
                    let body = "\(authority)\(type)110116MA01A2B3C"
                    let alphabetOnly = body.allSatisfy(USCCStructureTests.alphabet.contains)
                    inputs.append(alphabetOnly ? USCCFixture.withCheck(body) : body + "0")
                    inputs.append("\(authority)\(type)1101A6MA01A2B3C4")
                }
            }
            inputs += ["", "9", "91110116MA01A2B3C", "91110116MA01A2B3C45", "九1110116MA01A2B3C4", " 1110116MA01A2B3C4"]
            let rows = try connection.query(
                """
                SELECT x, pg_temp.uscc_structure_problem_0014(x), filmwg.uscc_structure_problem(x)
                  FROM unnest(\(inputs)::text[]) WITH ORDINALITY AS t(x, n)
                 WHERE pg_temp.uscc_structure_problem_0014(x) IS DISTINCT FROM filmwg.uscc_structure_problem(x)
                 ORDER BY n LIMIT 20
                """
            ).map { try $0.decode((String, String?, String?).self) }
            for (code, old, new) in rows {
                Issue.record("structure of \(code): 0014 \(old.debugDescription), now \(new.debugDescription)")
            }
            #expect(rows.isEmpty)
            let null = try connection.query(
                "SELECT filmwg.uscc_structure_problem(NULL) IS NULL AND filmwg.uscc_entity_types(NULL) IS NULL"
            ).one().decode(Bool.self)
            #expect(null)
        }
    }

    /// What makes the row cheap: the constraint and the indexes evaluate expressions, not a
    /// query per call. A plan that names one of these functions means it stopped inlining.
    @Test func theKeyAndTheStructureCheckInline() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let plan = try connection.query(
                """
                EXPLAIN (VERBOSE, COSTS OFF)
                SELECT filmwg.company_name_key(c.name), filmwg.company_name_key(\("Beijing Film Co., Ltd.")),
                       filmwg.uscc_structure_problem(c.uscc)
                  FROM filmwg.companies c
                """
            ).map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
            #expect(!plan.contains("company_name_key"), "\(plan)")
            #expect(!plan.contains("uscc_structure_problem"), "\(plan)")
            #expect(!plan.contains("uscc_entity_types"), "\(plan)")
            #expect(plan.contains("regexp_replace"))
        }
    }

    /// The constraint still refuses with its own SQLSTATE, name, message and hint when a row
    /// reaches the table without the Swift checks (psql, `\copy`).
    @Test func theStructureCheckStillRefusesWithItsSentence() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let code = USCCFixture.withCheck("94110116MA01A2B3C")
            do {
                try connection.execute("INSERT INTO filmwg.companies (uscc, name) VALUES (\(code), 'Pilot')")
                Issue.record("inserted \(code)")
            } catch let error as PostgresError {
                #expect(error.sqlState == .checkViolation)
                #expect(error.constraint == "companies_uscc_structure_check")
                #expect(
                    error.message
                        == "USCC '\(code)' is not valid: position 2 is '4', an entity type that registration authority '9' does not use (it uses 1, 2, 3)"
                )
                #expect(error.hint == "A real code that breaks the structure is accepted with --uscc-override REASON.")
            }
            let unknownAuthority = USCCFixture.withCheck("X1110116MA01A2B3C")
            do {
                try connection.execute(
                    "INSERT INTO filmwg.companies (uscc, name) VALUES (\(unknownAuthority), 'Pilot')")
                Issue.record("inserted \(unknownAuthority)")
            } catch let error as PostgresError {
                #expect(error.constraint == "companies_uscc_structure_check")
                #expect(
                    error.detail
                        == "position 1 is 'X', which is no registration authority of GB 32100 (1 to 9, A, N or Y)")
            }
            // A good code, and one without USCC, still go in.
            let good = USCCFixture.withCheck("91110116MA01A2B3C")
            try connection.execute("INSERT INTO filmwg.companies (uscc, name) VALUES (\(good), 'Good'), (NULL, 'None')")
            let count = try connection.query("SELECT count(*) FROM filmwg.companies WHERE name IN ('Good', 'None')")
                .one().decode(Int.self)
            #expect(count == 2)
        }
    }
}
