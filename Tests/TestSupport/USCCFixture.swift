/// Valid Unified Social Credit Codes for tests, computed here independently of the code under
/// test: weights 3^(i-1) mod 31 over `0123456789ABCDEFGHJKLMNPQRTUWXY`, check value
/// (31 - Σ mod 31) mod 31.
public enum USCCFixture {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// The 18-character code whose first 17 characters are `body`.
    public static func withCheck(_ body: String) -> String {
        precondition(body.count == 17, "a USCC body has 17 characters")
        var total = 0
        var weight = 1
        for character in body {
            guard let value = alphabet.firstIndex(of: character) else {
                preconditionFailure("'\(character)' is not in the USCC alphabet")
            }
            total += value * weight
            weight = weight * 3 % 31
        }
        return body + String(alphabet[(31 - total % 31) % 31])
    }

    /// A valid code for `n` (distinct numbers give distinct codes): `91110116` then `n` in base
    /// 31 over the alphabet, 9 characters, then the check character.
    public static func make(_ n: Int, prefix: String = "91110116") -> String {
        var digits: [Character] = []
        var rest = n
        for _ in 0..<(17 - prefix.count) {
            digits.append(alphabet[rest % 31])
            rest /= 31
        }
        return withCheck(prefix + String(digits.reversed()))
    }

    /// `code` with a wrong last character.
    public static func wrongCheck(_ code: String) -> String {
        let last = code.last!
        let other = alphabet[(alphabet.firstIndex(of: last)! + 1) % 31]
        return String(code.dropLast()) + String(other)
    }
}
