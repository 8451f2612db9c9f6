/// Unified Social Credit Codes (GB 32100-2015) that look like real ones and are unique by index.
///
/// Layout of the 18 characters: registration authority (`9`, industry and commerce),
/// organisation type (`1`, enterprise), the 6-digit administrative division of the district,
/// the 9-character organisation code (8 digits and its GB 11714 check character), and the
/// GB 32100 check character over the first 17.
enum USCC {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    /// Weight of position i (0-based) is 3^i mod 31.
    static let weights: [Int] = {
        var result: [Int] = []
        var weight = 1
        for _ in 0..<17 {
            result.append(weight)
            weight = weight * 3 % 31
        }
        return result
    }()

    /// The code of company `index` (unique for 0 ≤ index < 10^8, the most `generate` accepts)
    /// registered in `division`.
    static func make(index: Int, division: String, seed: UInt64) -> String {
        // A bijection of 0..<10^8 (48271 is coprime with 10^8), shifted by the seed.
        let body = (index * 48_271 + Int(seed % 100_000_000) + 12_345_678) % 100_000_000
        var digits = Array(String(body).utf8)
        digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: 8 - digits.count), at: 0)
        var code = Array("91".utf8) + Array(division.utf8) + digits
        code.append(organisationCheck(digits))
        code.append(checkCharacter(code))
        return String(decoding: code, as: UTF8.self)
    }

    /// GB 11714 check character of an 8-digit organisation code: 11 − Σ c·w mod 11, with 10
    /// written X and 11 written 0.
    static func organisationCheck(_ digits: [UInt8]) -> UInt8 {
        let w = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (i, d) in digits.enumerated() { sum += Int(d - UInt8(ascii: "0")) * w[i] }
        switch 11 - sum % 11 {
        case 10: return UInt8(ascii: "X")
        case 11: return UInt8(ascii: "0")
        case let value: return UInt8(ascii: "0") + UInt8(value)
        }
    }

    /// GB 32100 check character over the first 17 characters: (31 − Σ value·3^i mod 31) mod 31.
    /// Callers pass code characters only; a byte outside the alphabet counts as 0 and past the
    /// 17th is ignored, so the result is then a wrong check character, never a trap.
    static func checkCharacter(_ first17: [UInt8]) -> UInt8 {
        var sum = 0
        for (i, byte) in first17.prefix(17).enumerated() {
            sum += (alphabet.firstIndex(of: byte) ?? 0) * weights[i]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    static func isValid(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count == 18, bytes.allSatisfy({ alphabet.contains($0) }) else { return false }
        return checkCharacter(Array(bytes.prefix(17))) == bytes[17]
    }
}
