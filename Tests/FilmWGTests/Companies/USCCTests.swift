import FilmWG
import Postgres
import TestSupport
import Testing

@Suite struct USCCTests {
    static let valid = USCCFixture.make(123_456)

    /// Inputs that exercise every branch of filmwg.uscc_problem, and the awkward characters.
    static let inputs: [String] = [
        "", "9", "91110116ABC", "9111011", String(valid.dropLast()), valid + "0", valid, USCCFixture.wrongCheck(valid),
        valid.lowercased(), "91110116MA01A2B3CI", "91110116MA01A2B3CO", "I1110116MA01A2B3C2", "9111011SMA01A2B3C2",
        "91110116MA01A2B3V2", "91110116MA01A2B3Z2", "91110116 A01A2B3C2", "91110116MA01A2B3C-", "91110116中国A2B3C22",
        "91110116MA01A2B3'2", "9111011👍MA01A2B3C2", "91110116MA01A2B3Ce\u{301}", "0000000000000000000",
        "000000000000000000", "YYYYYYYYYYYYYYYYYY", USCCFixture.make(0), USCCFixture.make(30 * 31 * 31),
        "91110116MA01A2B3C\u{0}", "\t91110116MA01A2B3C2",
    ]

    @Test func swiftGivesExactlyTheReasonOfTheSQLFunction() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let inputs = Self.inputs.filter { !$0.contains("\u{0}") } + Self.fuzz(count: 3000)
            let sql = try connection.query(
                """
                SELECT filmwg.uscc_problem(x) FROM unnest(\(inputs)::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n
                """
            ).map { try $0.decode(String?.self, at: 0) }
            #expect(sql.count == inputs.count)
            for (input, expected) in zip(inputs, sql) {
                #expect(USCC.problem(input) == expected, "input \(input.debugDescription)")
            }
            // The table really covers each phrase.
            #expect(sql.contains { $0?.hasPrefix("has ") == true })
            #expect(sql.contains { $0?.hasPrefix("character '") == true })
            #expect(sql.contains { $0?.hasPrefix("check digit is") == true })
            #expect(sql.contains { $0 == nil })
        }
    }

    @Test(arguments: [
        ("91110116ABC", "has 11 characters, a USCC has 18"),
        ("91110116MA01A2B3CI", "character 'I' at position 18 is not allowed in a USCC"),
        ("91110116ma01a2b3c2", "character 'm' at position 9 is not allowed in a USCC"),
        ("91110116MA01A2B3C3", "check digit is '3', expected '2'"),
    ])
    func phrasesAreWordForWord(code: String, reason: String) {
        #expect(USCC.problem(code) == reason)
        #expect(throws: RecordError.invalid("uscc \(code): \(reason)")) { try USCC.validate(code) }
    }

    @Test func theCheckCharacterMatchesAnIndependentComputation() {
        for n in stride(from: 0, to: 2_000_000, by: 7919) {
            let code = USCCFixture.make(n)
            #expect(USCC.checkCharacter(for: String(code.prefix(17))) == code.last)
            #expect(USCC.isValid(code))
            #expect(!USCC.isValid(USCCFixture.wrongCheck(code)))
        }
        #expect(USCC.checkCharacter(for: "short") == nil)
        #expect(USCC.checkCharacter(for: "91110116MA01A2B3I") == nil)
    }

    /// The user reads the same sentence whether Swift or the database caught the code.
    @Test func theDatabaseAndSwiftGiveTheSameSentence() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let repository = CompanyRepository(connection)
            for code in ["91110116ABC", USCCFixture.wrongCheck(Self.valid), "91110116MA01A2B3CO"] {
                var swiftSentence: String?
                do {
                    try repository.create(CompanyInput(uscc: code, name: "Swift caught it"))
                } catch let error as RecordError {
                    swiftSentence = error.sentence
                }
                var databaseSentence: String?
                do {
                    // Straight to the database, past Swift's own check.
                    try connection.execute(
                        "INSERT INTO filmwg.companies (uscc, name) VALUES (\(code), 'SQL caught it')")
                } catch let error as PostgresError {
                    #expect(error.sqlState == .checkViolation)
                    #expect(error.constraint == "companies_uscc_check")
                    databaseSentence = CompanyRepository.sentence(for: error)
                }
                #expect(swiftSentence != nil)
                #expect(swiftSentence == databaseSentence)
                #expect(swiftSentence == "uscc \(code): \(USCC.problem(code)!)")
            }
            let count = try connection.query("SELECT count(*) FROM filmwg.companies").one().decode(Int.self, at: 0)
            #expect(count == 0)
        }
    }

    /// Random strings near the shape of a USCC: mostly the alphabet, sometimes another character,
    /// lengths 16 to 19; a fixed seed so a failure repeats.
    static func fuzz(count: Int) -> [String] {
        var generator = RecordTestRandom(seed: 20_170_520)
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let others = Array("IOSVZabc-' 中😀é")
        return (0..<count).map { i in
            let length = [16, 17, 18, 18, 18, 18, 19][Int(generator.next() % 7)]
            var text = String(
                (0..<length).map { _ in
                    generator.next() % 25 == 0
                        ? others[Int(generator.next() % UInt64(others.count))]
                        : alphabet[Int(generator.next() % 31)]
                })
            // A third are made valid, so the check digit branch is exercised both ways.
            if i % 3 == 0, text.count == 18, text.allSatisfy(alphabet.contains) {
                text = USCCFixture.withCheck(String(text.prefix(17)))
            }
            return text
        }
    }
}

struct RecordTestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
