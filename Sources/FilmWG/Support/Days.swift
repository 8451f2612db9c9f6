import Postgres

/// Why a text is not a day, in the words a user needs: a shape that is not `YYYY-MM-DD`, or a
/// shape that is but names a day the calendar does not have (`2023-02-30`).
public enum Days {
    /// nil when `text` is a day.
    public static func problem(_ text: String) -> String? {
        if CalendarDate(iso: text) != nil { return nil }
        let bytes = Array(text.utf8)
        let digit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes.indices.allSatisfy({ $0 == 4 || $0 == 7 || digit(bytes[$0]) }),
            let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)), let day = Int(text.suffix(2))
        else { return "'\(text)' is not a date; write it as YYYY-MM-DD" }
        guard (1...12).contains(month) else {
            return "\(text) is not a day of the calendar: there is no month \(month)"
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let length = lengths[month - 1]
        guard (1...length).contains(day) else {
            return "\(text) is not a day of the calendar: \(names[month - 1]) \(year) has \(length) days"
        }
        return "'\(text)' is not a date; write it as YYYY-MM-DD"
    }
}
