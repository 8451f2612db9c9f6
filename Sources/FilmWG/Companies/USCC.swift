/// The Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters from
/// `0123456789ABCDEFGHJKLMNPQRTUWXY`, the last a check character over the first 17.
///
/// `problem(_:)` is the Swift twin of SQL `filmwg.uscc_problem(text)`: same checks, same order,
/// same phrases, so a user reads the same sentence whether Swift or the database caught the code.
/// Lengths and positions count Unicode scalars, as PostgreSQL's `char_length` and `substr` do.
public enum USCC {
    /// The characters a USCC may hold; a character's value is its index here.
    public static let alphabet: [Unicode.Scalar] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".unicodeScalars)

    /// Weight of position i (1-based) is 3^(i-1) mod 31.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    private static let values: [Unicode.Scalar: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// Why `code` is not a valid USCC, or nil when it is. The phrases are exactly those of
    /// `filmwg.uscc_problem`: `has N characters, a USCC has 18`,
    /// `character 'X' at position N is not allowed in a USCC`, `check digit is 'X', expected 'Y'`.
    public static func problem(_ code: String) -> String? {
        asciiValidity(code) == true ? nil : slowProblem(code)
    }

    /// A character's value (its index in `alphabet`) by ASCII code, -1 where it is not allowed.
    private static let asciiValues: [Int8] = (0..<128).map { byte in
        Int8(alphabet.firstIndex(of: Unicode.Scalar(UInt8(byte))) ?? -1)
    }

    /// Whether an all-ASCII code of 18 bytes is valid, read from its UTF-8 bytes without
    /// decoding or allocating (an import checks every row's code twice); nil for any other
    /// code, which `slowProblem` words. Only the verdict: the phrases stay with `slowProblem`.
    private static func asciiValidity(_ code: String) -> Bool? {
        var code = code
        return code.withUTF8 { bytes -> Bool? in
            guard bytes.count == 18 else { return nil }
            var total = 0
            for index in 0..<18 {
                let byte = bytes[index]
                guard byte < 0x80 else { return nil }
                let value = Int(asciiValues[Int(byte)])
                guard value >= 0 else { return false }
                if index < 17 { total += value * weights[index] } else { return value == (31 - total % 31) % 31 }
            }
            return false
        }
    }

    private static func slowProblem(_ code: String) -> String? {
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 18 else { return "has \(scalars.count) characters, a USCC has 18" }
        var total = 0
        for (index, scalar) in scalars.enumerated() {
            guard let value = values[scalar] else {
                return "character '\(Character(scalar))' at position \(index + 1) is not allowed in a USCC"
            }
            if index < 17 { total += value * weights[index] }
        }
        let expected = alphabet[(31 - total % 31) % 31]
        guard scalars[17] == expected else {
            return "check digit is '\(Character(scalars[17]))', expected '\(Character(expected))'"
        }
        return nil
    }

    public static func isValid(_ code: String) -> Bool { problem(code) == nil }

    /// The sentence a user reads for an invalid code: `uscc 91110116ABC: has 11 characters, a USCC has 18`.
    public static func sentence(code: String, problem: String) -> String { "uscc \(code): \(problem)" }

    /// The check character for the first 17 characters of a code, or nil when `body` is not 17
    /// characters of the alphabet. `body + String(check)` is then a valid USCC.
    public static func checkCharacter(for body: String) -> Character? {
        let scalars = Array(body.unicodeScalars)
        guard scalars.count == 17 else { return nil }
        var total = 0
        for (index, scalar) in scalars.enumerated() {
            guard let value = values[scalar] else { return nil }
            total += value * weights[index]
        }
        return Character(alphabet[(31 - total % 31) % 31])
    }

    /// The entity types (position 2) each registration authority (position 1) uses, GB 32100-2015
    /// table 1 with its amendments (N 农业, Y 其他). The SQL twin is `filmwg.uscc_entity_types`.
    public static let entityTypes: [Unicode.Scalar: String] = [
        "1": "1239", "2": "19", "3": "123459", "4": "19", "5": "1239", "6": "129", "7": "129", "8": "19",
        "9": "123", "A": "19", "N": "1239", "Y": "1",
    ]

    /// Why positions 1–8 of an 18-character code break GB 32100-2015 (authority, entity type, six
    /// digits of a division code), or nil. Exactly the phrases of SQL `filmwg.uscc_structure_problem`.
    /// Whether the division exists needs the region table: `regionProblem(_:)` words it and the
    /// database decides (`filmwg.uscc_region_problem`). A real code that breaks these (pilot codes
    /// exist) is accepted with an override reason; the check character (`problem`) never is.
    public static func structureProblem(_ code: String) -> String? {
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 18 else { return nil }
        guard let types = entityTypes[scalars[0]] else {
            return
                "position 1 is '\(Character(scalars[0]))', which is no registration authority of GB 32100 (1 to 9, A, N or Y)"
        }
        guard types.unicodeScalars.contains(scalars[1]) else {
            let uses = types.map(String.init).joined(separator: ", ")
            return
                "position 2 is '\(Character(scalars[1]))', an entity type that registration authority '\(Character(scalars[0]))' does not use (it uses \(uses))"
        }
        let region = scalars[2..<8]
        guard region.allSatisfy({ ("0"..."9").contains($0) }) else {
            return
                "positions 3 to 8 are '\(String(String.UnicodeScalarView(region)))', which is not the six digits of an administrative division code"
        }
        return nil
    }

    /// Positions 3–8 when they are six digits (the GB/T 2260 division of the issuing authority).
    public static func regionCode(_ code: String) -> String? {
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 18 else { return nil }
        let region = scalars[2..<8]
        guard region.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return String(String.UnicodeScalarView(region))
    }

    /// The phrase for a division code that is not in the region table (as `filmwg.uscc_region_problem`).
    public static func regionProblem(_ region: String) -> String {
        "positions 3 to 8 are '\(region)', which is no GB/T 2260 administrative division in filmwg's region table"
    }

    /// Throws the user's sentence when `code` is invalid.
    /// - Throws: `RecordError.invalid("uscc CODE: REASON")`.
    public static func validate(_ code: String) throws {
        if let problem = problem(code) { throw RecordError.invalid(sentence(code: code, problem: problem)) }
    }
}
