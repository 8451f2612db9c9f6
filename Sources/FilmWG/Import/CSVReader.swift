import Foundation

/// Streams an RFC 4180 file record by record: quoted fields with commas, quotes and newlines,
/// UTF-8 with or without a BOM, LF or CRLF. Reads 64 KiB at a time, so memory stays flat
/// however long the file.
///
/// Use from one task at a time; the reader owns its file handle and closes it when it goes away.
public final class CSVReader {
    public struct Record: Sendable {
        /// The line the record starts on (1-based; the header is line 1), for error messages.
        public let line: Int
        public let fields: [String]
        /// What makes the record unusable though it parsed: a field over `maxFieldBytes` (left
        /// empty), a record over `maxRecordBytes` (fields after the limit left empty), a NUL byte.
        /// `field` is the 0-based index of the field concerned. The record is an invalid row.
        public var problems: [(field: Int, reason: String)] = []
    }

    /// A field longer than this (in UTF-8 bytes) is not kept: the row is invalid.
    public static let maxFieldBytes = 1 << 20
    /// A record longer than this is not kept: the row is invalid. Both limits keep memory flat
    /// on a file with one huge line (a 1 GB line used to take the client to 3 GB).
    public static let maxRecordBytes = 16 << 20

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        /// The file could not be read (an I/O error), as opposed to holding invalid CSV.
        public var readFailed = false
        public var description: String { "line \(line): \(reason)" }

        /// The failure as the importer reports it: exit 74 for a read error, else 65.
        public func recordError(file: String, suffix: String = "") -> RecordError {
            readFailed
                ? RecordError("\(file) could not be read at line \(line): \(reason)\(suffix)", .ioError)
                : RecordError.invalid("\(file):\(line): \(reason)\(suffix)")
        }
    }

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false

    /// - Throws: `CSVFileError` when `path` is missing, a directory, or cannot be opened.
    public init(path: String) throws {
        try Self.requireReadableFile(path)
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVFileError.unreadable(path) }
        self.handle = handle
    }

    /// The checks `init` makes, for a command to make them before it touches the database, so a
    /// wrong path is reported first (exit 66) even when the database is unreachable.
    public static func requireReadableFile(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CSVFileError.missing(path)
        }
        guard !isDirectory.boolValue else { throw CSVFileError.directory(path) }
        guard FileManager.default.isReadableFile(atPath: path) else { throw CSVFileError.unreadable(path) }
    }

    deinit { try? handle.close() }

    /// Why the last read failed (`/proc/self/mem`, a disk error), reported by `next()`.
    private var readError: String?

    private func fill() {
        guard !atEnd else { return }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        // read(2) itself: `readData(ofLength:)` traps on an I/O error, and `read(upToCount:)`
        // hides the errno behind a generic Foundation error.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 {
                atEnd = true
                readError = String(cString: strerror(errno))
            } else if count == 0 {
                atEnd = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
            return
        }
    }

    private func peek() -> UInt8? {
        if position >= buffer.count { fill() }
        return position < buffer.count ? buffer[position] : nil
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    /// - Throws: `Failure` for an unterminated quote, a stray quote, or invalid UTF-8.
    public func next() throws(Failure) -> Record? {
        let record = try nextRecord()
        if let readError { throw Failure(line: line, reason: readError, readFailed: true) }
        return record
    }

    private func nextRecord() throws(Failure) -> Record? {
        if !started {
            started = true
            // The first read holds the whole start of the file, so the BOM is in the buffer if present.
            if peek() == 0xEF, buffer.count >= position + 3, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF
            {
                position += 3
            }
        }
        while true {
            guard let first = peek() else { return nil }
            if first == 10 { position += 1; line += 1; continue }
            if first == 13 {
                position += 1
                if peek() == 10 { position += 1 }
                line += 1
                continue
            }
            break
        }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        var problems: [(field: Int, reason: String)] = []
        // Bytes of the current field and of the record seen so far, kept or not.
        var fieldBytes = 0
        var recordBytes = 0
        var hasNUL = false
        func append(_ byte: UInt8) {
            fieldBytes += 1
            recordBytes += 1
            if byte == 0 { hasNUL = true }
            if fieldBytes <= Self.maxFieldBytes, recordBytes <= Self.maxRecordBytes { field.append(byte) }
        }
        func finishField() throws(Failure) {
            let index = fields.count
            if fieldBytes > Self.maxFieldBytes {
                problems.append(
                    (
                        index,
                        "holds \(fieldBytes) bytes, more than the limit of 1 MiB (\(Self.maxFieldBytes)) for a field"
                    ))
                field.removeAll()
            } else if recordBytes > Self.maxRecordBytes {
                if !problems.contains(where: { $0.reason.contains("16 MiB") }) {
                    problems.append(
                        (index, "the record is longer than the limit of 16 MiB (\(Self.maxRecordBytes) bytes)"))
                }
                field.removeAll()
            } else if hasNUL {
                problems.append((index, "holds a NUL byte (\\0), which text may not contain; remove it"))
                field.removeAll { $0 == 0 }
            }
            // `String(decoding:)` repairs invalid UTF-8, so the text is the bytes exactly when
            // they were valid; unlike the generic `String(validating:as:)`, it costs no metadata
            // look-up per field (a tenth of an import's parse).
            var text = String(decoding: field, as: UTF8.self)
            let exact = text.withUTF8 { decoded in
                field.withUnsafeBytes { read in
                    guard decoded.count == read.count else { return false }
                    guard let a = decoded.baseAddress, let b = read.baseAddress else { return true }
                    return memcmp(a, b, read.count) == 0
                }
            }
            guard exact else {
                throw Failure(line: startLine, reason: "field \(fields.count + 1) is not valid UTF-8")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: field.count <= 1 << 16)
            wasQuoted = false
            fieldBytes = 0
            hasNUL = false
        }
        func record() -> Record {
            var record = Record(line: startLine, fields: fields)
            record.problems = problems
            return record
        }
        /// Appends the run of ordinary bytes from `position` (none of `"` `,` CR LF NUL) at once:
        /// a long field costs one scan, not a call per byte.
        func appendRun() -> Bool {
            let end = buffer.withUnsafeBufferPointer { bytes -> Int in
                var end = position
                while end < bytes.count {
                    let b = bytes[end]
                    if b == 0x22 || b == 10 || b == 13 || b == 0 || (!quoted && b == 0x2C) { break }
                    end += 1
                }
                return end
            }
            guard end > position else { return false }
            let length = end - position
            let room = max(0, min(Self.maxFieldBytes - fieldBytes, Self.maxRecordBytes - recordBytes))
            if room > 0 { field.append(contentsOf: buffer[position..<(position + min(room, length))]) }
            fieldBytes += length
            recordBytes += length
            position = end
            return true
        }
        while true {
            if position >= buffer.count { fill() }
            if (quoted || !wasQuoted), position < buffer.count, appendRun() { continue }
            guard let byte = peek() else {
                if quoted {
                    throw Failure(line: startLine, reason: "a quoted field is not closed before the end of the file")
                }
                try finishField()
                return record()
            }
            position += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if peek() == UInt8(ascii: "\"") {
                        position += 1
                        append(byte)
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 10 { line += 1 }
                    if byte == 13, peek() != 10 { line += 1 }
                    append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try finishField()
            case 10, 13:
                if byte == 13, peek() == 10 { position += 1 }
                line += 1
                try finishField()
                return record()
            case UInt8(ascii: "\""):
                guard fieldBytes == 0, !wasQuoted else {
                    throw Failure(
                        line: line,
                        reason: "a quote inside an unquoted field; quote the whole field and double the quote")
                }
                quoted = true
                wasQuoted = true
            default:
                if wasQuoted {
                    throw Failure(line: line, reason: "text after a closing quote; quote the whole field")
                }
                append(byte)
            }
        }
    }
}

public enum CSVFileError: UserFacingError, Equatable {
    case missing(String)
    case directory(String)
    case unreadable(String)

    public var sentence: String {
        switch self {
        case .missing(let path): "the file \(path) does not exist; check the path"
        case .directory(let path): "\(path) is a directory; name the CSV file in it"
        case .unreadable(let path): "the file \(path) cannot be read; check its permissions"
        }
    }

    public var category: FailureCategory { .noInput }
}

/// Maps a CSV header to known column names, and a record's fields to those names.
public struct CSVHeader: Sendable {
    public let columns: [String]
    /// The header as written, for the rejects file.
    public let fields: [String]
    /// Columns of `ignoring` the header names: read past, never used.
    public let ignored: [String]
    private let index: [String: Int]

    /// - Parameter ignoring: columns accepted and ignored (what a list export adds: `id`, …).
    /// - Throws: `RecordError.invalid` naming an unknown column (with the nearest known one) or a
    ///   missing required column.
    public init(_ fields: [String], known: [String], required: [String], file: String, ignoring: [String] = []) throws {
        let names = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        var ignored: [String] = []
        for (i, name) in names.enumerated() {
            if ignoring.contains(name), !known.contains(name) {
                ignored.append(name)
                continue
            }
            guard known.contains(name) else {
                let near = Spelling.nearest(to: name, among: known)
                throw RecordError.invalid(
                    "\(file):1: unknown column '\(name)'\(near.map { "; did you mean '\($0)'?" } ?? ""); the columns are \(known.joined(separator: ","))"
                )
            }
            guard index[name] == nil else { throw RecordError.invalid("\(file):1: column '\(name)' appears twice") }
            index[name] = i
        }
        for name in required where index[name] == nil {
            throw RecordError.invalid("\(file):1: the header has no '\(name)' column, which is required")
        }
        self.columns = names
        self.fields = fields
        self.ignored = ignored
        self.index = index
    }

    /// The field for `column`, nil when the column is absent or the field empty.
    public func value(_ column: String, in record: CSVReader.Record) -> String? {
        guard let i = index[column], i < record.fields.count else { return nil }
        let text = record.fields[i]
        return text.isEmpty ? nil : text
    }

    public func has(_ column: String) -> Bool { index[column] != nil }
}
