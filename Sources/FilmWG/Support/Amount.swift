public import Foundation

/// Money as users type it: plain decimals (`5000000.00`), never floating point.
public enum Amount {
    /// - Returns: nil unless `text` is digits with an optional sign and fraction (no exponent,
    ///   no grouping), so `1e6` or `5,000` are refused rather than guessed at.
    public static func parse(_ text: String) -> Decimal? {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            parts.count == 1 || !parts[1].isEmpty
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
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
