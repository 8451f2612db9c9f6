import FilmWG
import Foundation
import Postgres
import TestSupport
import Testing

/// GB 32100-2015 structure and GB/T 2260 region of a USCC: Swift and SQL agree phrase for phrase,
/// and both agree with an independent implementation (python-stdnum's `stdnum.cn.uscc`, installed
/// by scripts/setup) over thousands of generated codes.
@Suite struct USCCStructureTests {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func characters(_ count: Int, from set: [Character]) -> String {
            String((0..<count).map { _ in pick(set) })
        }
    }

    /// Codes of every kind: random over the alphabet, digits where the region stands, real
    /// regions with valid structure, the letter authorities, wrong check characters.
    static func codes(count: Int, regions: [String]) -> [String] {
        var random = Generator(state: 20_170_520)
        let digits = Array("0123456789")
        var codes: [String] = []
        for index in 0..<count {
            let body: String
            switch index % 6 {
            case 0: body = random.characters(17, from: alphabet)
            case 1: body = random.characters(8, from: digits) + random.characters(9, from: alphabet)
            case 2, 3:
                let authority = random.pick(["9", "9", "9", "1", "5", "A", "N", "Y", "3"] as [Character])
                let types = USCC.entityTypes[authority.unicodeScalars.first!]!
                body =
                    String(authority) + String(random.pick(Array(types))) + random.pick(regions)
                    + random.characters(9, from: alphabet)
            case 4:
                body =
                    "9" + random.characters(1, from: alphabet) + random.pick(regions)
                    + random.characters(9, from: alphabet)
            default:
                body =
                    random.characters(2, from: alphabet) + random.characters(6, from: digits)
                    + random.characters(9, from: alphabet)
            }
            var code = USCCFixture.withCheck(body)
            if index % 7 == 0 { code = USCCFixture.wrongCheck(code) }
            codes.append(code)
        }
        return codes
    }

    @Test func swiftGivesExactlyTheStructureReasonOfTheSQLFunction() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let regions = try connection.query("SELECT code FROM filmwg.regions ORDER BY code").map {
                try $0.decode(String.self, at: 0)
            }
            let inputs = Self.codes(count: 3000, regions: regions) + ["91110116MA01A2B3C4", "", "9111"]
            let sql = try connection.query(
                """
                SELECT filmwg.uscc_structure_problem(x), filmwg.uscc_region_problem(x)
                  FROM unnest(\(inputs)::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n
                """
            ).map { try $0.decode((String?, String?).self) }
            let known = Set(regions)
            for (input, (structure, region)) in zip(inputs, sql) {
                #expect(USCC.structureProblem(input) == structure, "input \(input)")
                let swiftRegion = USCC.regionCode(input).flatMap { known.contains($0) ? nil : USCC.regionProblem($0) }
                #expect(swiftRegion == region, "input \(input)")
            }
            #expect(sql.contains { $0.0?.hasPrefix("position 1 is") == true })
            #expect(sql.contains { $0.0?.hasPrefix("position 2 is") == true })
            #expect(sql.contains { $0.0?.hasPrefix("positions 3 to 8 are") == true })
            #expect(sql.contains { $0.1 != nil })
            #expect(sql.contains { $0.0 == nil && $0.1 == nil })
        }
    }

    /// Runs python-stdnum over `codes`: per code, whether `stdnum.cn.uscc` accepts it and whether
    /// its positions 3–8 are a county, prefecture or province of `stdnum/cn/loc.dat`.
    static func stdnum(_ codes: [String]) throws -> [(valid: Bool, region: Bool)] {
        let script = """
            import sys
            try:
                from stdnum.cn import uscc
                import stdnum.cn, os
            except ImportError:
                sys.exit(3)
            loc = os.path.join(os.path.dirname(stdnum.cn.__file__), 'loc.dat')
            codes, province = set(), None
            for line in open(loc, encoding='utf-8'):
                if line.startswith('#') or not line.strip(): continue
                key, _, rest = line.strip().partition(' ')
                if rest.startswith('province='): province = key; codes.add(key + '0000')
                else: codes.add(province + key)
            for code in sys.stdin.read().split():
                print('%d %d' % (uscc.is_valid(code), code[2:8] in codes))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(codes.joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0,
            "python3 with python-stdnum is needed (scripts/setup installs it); exit \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return (parts.first == "1", parts.last == "1")
        }
    }

    @Test func agreesWithPythonStdnumOverThousandsOfGeneratedCodes() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let regions = try connection.query("SELECT code FROM filmwg.regions ORDER BY code").map {
                try $0.decode(String.self, at: 0)
            }
            let codes = Self.codes(count: 6000, regions: regions)
            let theirs = try Self.stdnum(codes)
            try #require(theirs.count == codes.count)
            let known = Set(regions)
            var bothAccept = 0, bothRefuse = 0, onlyStructure = 0
            for (code, other) in zip(codes, theirs) {
                let checkOK = USCC.problem(code) == nil
                let structureOK = USCC.structureProblem(code) == nil
                let regionOK = USCC.regionCode(code).map(known.contains) ?? false
                let ours = checkOK && structureOK && regionOK
                let digitsFirst = code.prefix(8).allSatisfy(\.isNumber)
                // stdnum checks length, digits in 1–8, the alphabet and the check character.
                if digitsFirst {
                    #expect(
                        checkOK == other.valid, "check character of \(code): filmwg \(checkOK), stdnum \(other.valid)")
                }
                // What filmwg accepts, stdnum accepts, except GB 32100's letter authorities A, N, Y.
                if ours, !"ANY".contains(code.first!) {
                    #expect(other.valid, "filmwg accepts \(code), stdnum refuses it")
                }
                // A region filmwg knows is a division in stdnum's table too.
                if regionOK { #expect(other.region, "region of \(code) unknown to stdnum") }
                if ours && other.valid { bothAccept += 1 }
                if !ours && !other.valid { bothRefuse += 1 }
                // The point of the structure check: stdnum accepts, the structure or region refuses.
                if other.valid && checkOK && !(structureOK && regionOK) { onlyStructure += 1 }
            }
            #expect(bothAccept > 1000, "\(bothAccept) codes accepted by both")
            #expect(bothRefuse > 1000, "\(bothRefuse) codes refused by both")
            #expect(onlyStructure > 100, "\(onlyStructure) codes refused only by the structure or region check")
        }
    }

    @Test func theRegionTableDecodesHuairou() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let row = try connection.query("SELECT name, full_name, level FROM filmwg.regions WHERE code = '110116'")
                .one()
            let (name, full, level) = try row.decode((String, String, String).self)
            #expect(name == "怀柔区")
            #expect(full == "北京市怀柔区")
            #expect(level == "county")
            #expect(try connection.query("SELECT count(*) FROM filmwg.regions").one().decode(Int.self) > 3000)
        }
    }

    @Test func aStructureFailureIsRefusedUnlessOverriddenAndTheCheckCharacterNeverIs() throws {
        try TestDatabase.with { db in
            let connection = try db.connect()
            let repository = CompanyRepository(connection)
            let badType = USCCFixture.withCheck("94110116MA01A2B3C")
            #expect(
                throws: RecordError.invalid(
                    "uscc \(badType): position 2 is '4', an entity type that registration authority '9' does not use (it uses 1, 2, 3); if the code is real, accept it with an override reason (uscc_override)"
                )
            ) { try repository.create(CompanyInput(uscc: badType, name: "Pilot")) }
            let unknownRegion = USCCFixture.withCheck("91119999MA01A2B3C")
            #expect(
                throws: RecordError.invalid(
                    "uscc \(unknownRegion): positions 3 to 8 are '119999', which is no GB/T 2260 administrative division in filmwg's region table; if the code is real, accept it with an override reason (\(field: "uscc_override"))"
                        as Phrase
                )
            ) { try repository.create(CompanyInput(uscc: unknownRegion, name: "Pilot")) }
            let pilot = try repository.create(
                CompanyInput(uscc: badType, name: "Pilot", usccOverrideReason: "pilot code of 2014"))
            #expect(pilot.usccOverrideReason == "pilot code of 2014")
            #expect(pilot.usccOverrideBy != nil)
            #expect(pilot.regionCode == "110116")
            #expect(pilot.regionName == "北京市怀柔区")
            let wrong = USCCFixture.wrongCheck(unknownRegion)
            #expect(throws: RecordError.self) {
                try repository.create(CompanyInput(uscc: wrong, name: "Wrong", usccOverrideReason: "trust me"))
            }
            // The database refuses on its own too (constraint and foreign key), overridden or not.
            #expect(throws: PostgresError.self) {
                try connection.execute("INSERT INTO filmwg.companies (uscc, name) VALUES (\(unknownRegion), 'raw')")
            }
            #expect(throws: PostgresError.self) {
                try connection.execute(
                    "INSERT INTO filmwg.companies (uscc, name) VALUES (\(USCCFixture.withCheck("0A110116MA01A2B3C")), 'raw')"
                )
            }
            #expect(try repository.list(usccOverridden: true).map(\.id) == [pilot.id])
        }
    }
}
