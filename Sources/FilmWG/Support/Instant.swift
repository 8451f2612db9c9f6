public import Foundation
public import Postgres

/// Instants as users type and read them: ISO 8601 with an explicit offset
/// (`2017-05-20T09:30:00+08:00`), shown in the group's calendar, Asia/Shanghai (UTC+8 all
/// year: China has kept no daylight saving time since 1991).
public enum Instant {
    /// Seconds east of UTC of the group's calendar.
    public static let groupOffset = 8 * 3600

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM` (`±HHMM`, `±HH`);
    /// a space may stand for the `T`.
    /// - Returns: nil for anything else, notably an instant without an offset, which would
    ///   otherwise be read in some server's time zone.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, let day = CalendarDate(iso: text.prefix(10)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
            let hour = number(bytes[11..<13]), bytes[13] == UInt8(ascii: ":"), let minute = number(bytes[14..<16]),
            hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard bytes.count >= index + 3, let s = number(bytes[(index + 1)..<(index + 3)]), s < 60 else { return nil }
            second = s
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var scale = 0.1
                let start = index
                while index < bytes.count, let digit = number(bytes[index..<(index + 1)]) {
                    fraction += Double(digit) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            let rest = Array(bytes[(index + 1)...])
            let digits: [UInt8]
            switch rest.count {
            case 2, 4: digits = rest
            case 5 where rest[2] == UInt8(ascii: ":"): digits = Array(rest[0..<2] + rest[3..<5])
            default: return nil
            }
            guard let h = number(digits[0..<2]), h <= 14 else { return nil }
            let m = digits.count == 4 ? number(digits[2..<4]) : 0
            guard let m, m < 60 else { return nil }
            offset = sign * (h * 3600 + m * 60)
        default:
            return nil
        }
        let seconds =
            Double(day.daysSinceEpoch) * 86_400 + Double(hour * 3600 + minute * 60 + second) + fraction
            - Double(offset)
        return Date(timeIntervalSince1970: seconds)
    }

    /// `2017-05-20T09:30:00+08:00`: the instant in the group's calendar, to the second.
    public static func format(_ date: Date) -> String {
        let local = Int((date.timeIntervalSince1970).rounded(.down)) + groupOffset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let rest = local - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(CalendarDate(daysSinceEpoch: days))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))+08:00"
    }

    /// The day of `date` in the group's calendar.
    public static func groupDay(_ date: Date) -> CalendarDate {
        let local = Int((date.timeIntervalSince1970).rounded(.down)) + groupOffset
        return CalendarDate(daysSinceEpoch: Int((Double(local) / 86_400).rounded(.down)))
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
