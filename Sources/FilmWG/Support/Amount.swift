public import Foundation

/// Money as users type it: plain decimals (`5000000.00`), never floating point.
public enum Amount {
    /// - Returns: nil unless `text` is digits with an optional sign and fraction (no exponent,
    ///   no grouping), so `1e6` or `5,000` are refused rather than guessed at.
    public static func parse(_ text: String) -> Decimal? { scan(text)?.value }

    /// An amount as written: its value, and the digits before the point (leading zeros not
    /// counted) and after it, for the rules of numeric(20,2).
    struct Scanned {
        var value: Decimal
        var integerDigits: Int
        var fractionDigits: Int
    }

    /// One pass over the bytes: an import parses an amount per row, and `Decimal(string:locale:)`
    /// (a locale and a scanner each time) was a quarter of its client time. Up to 18 significant
    /// digits, the value is built from an integer; longer ones go through `Decimal(string:)`.
    static func scan(_ text: String) -> Scanned? {
        var utf8 = text.utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var integerDigits = 0
        var leadingZeros = true
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard !sawPoint, sawDigit else { return nil }
                sawPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = UInt64(byte - UInt8(ascii: "0"))
            if sawPoint {
                fractionDigits += 1
            } else {
                sawDigit = true
                if digit != 0 { leadingZeros = false }
                if !leadingZeros { integerDigits += 1 }
            }
            if mantissa != 0 || digit != 0 { significant += 1 }
            if significant <= 18 { mantissa = mantissa &* 10 &+ digit }
        }
        guard sawDigit, !sawPoint || fractionDigits > 0 else { return nil }
        let value: Decimal
        if significant <= 18 {
            // A zero is never negative: a negative zero Decimal would be NaN.
            value = Decimal(
                sign: negative && mantissa != 0 ? .minus : .plus, exponent: -fractionDigits,
                significand: Decimal(mantissa))
        } else {
            guard let long = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
            value = long
        }
        return Scanned(value: value, integerDigits: integerDigits, fractionDigits: fractionDigits)
    }

    /// Whether `value` has at most two decimals, so storing it as numeric(20,2) rounds nothing.
    public static func isCents(_ value: Decimal) -> Bool {
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 2, .plain)
        return rounded == value
    }

    /// Plain digits with two decimals, as the CSV and JSON formats print amounts.
    public static func format(_ value: Decimal) -> String {
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 2, .plain)
        let text = rounded.description
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
    }
}
