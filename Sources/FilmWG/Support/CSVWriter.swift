import Foundation

/// The project's one RFC 4180 writer: every CSV filmwg writes (`--format csv` lists and reports,
/// import rejects files) goes through `CSVWriter.line`.
///
/// A field is quoted when it holds a comma, a double quote, CR or LF, and its quotes are doubled.
/// The test looks at UTF-8 bytes, not `Character`s: Swift reads "\r\n" as one grapheme that equals
/// neither "\r" nor "\n", so a Character test lets a CRLF inside a field through unquoted and the
/// file no longer parses (issue 12). Lines end with LF on stdout (what Unix tools expect) and
/// with CRLF, as RFC 4180 writes them, in files filmwg writes (rejects); filmwg's reader takes both.
public enum CSVWriter {
    public enum LineEnd: String, Sendable {
        case lf = "\n"
        case crlf = "\r\n"
    }

    /// One field as it goes in a line: quoted only where needed.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
        }
        guard needsQuotes else { return text }
        var out = "\""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 2)
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out.unicodeScalars.append("\"") }
            out.unicodeScalars.append(scalar)
        }
        out.unicodeScalars.append("\"")
        return out
    }

    /// One record, fields joined by commas, ending with `end`.
    public static func line(_ fields: [String], end: LineEnd = .lf) -> String {
        fields.map(field).joined(separator: ",") + end.rawValue
    }
}

/// A CSV file written through a 64 KiB buffer with `CSVWriter.line`: constant memory for any
/// number of lines. Close it to flush; dropping it unclosed closes without the last buffer.
public final class CSVFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    public let path: String

    /// - Throws: `RecordError.invalid` naming the file when it cannot be created.
    public init(path: String, purpose: String = "the file", lineEnd: CSVWriter.LineEnd = .crlf) throws {
        self.lineEnd = lineEnd
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw RecordError.invalid("\(purpose) \(path) cannot be written; check the folder exists and is writable")
        }
        self.handle = handle
        self.path = path
        self.purpose = purpose
    }

    private let purpose: String
    private let lineEnd: CSVWriter.LineEnd

    public func write(_ fields: [String]) throws {
        buffer.append(contentsOf: CSVWriter.line(fields, end: lineEnd).utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw RecordError.invalid("\(purpose) \(path) cannot be written: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        try flush()
        try handle.close()
    }

    deinit { try? handle.close() }
}
