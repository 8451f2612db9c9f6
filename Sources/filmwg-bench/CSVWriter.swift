import Foundation

/// Writes RFC 4180 rows (quoted only where needed, CRLF never, LF line ends) through a 1 MiB
/// buffer, so a file of any length is written in constant memory.
final class CSVWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20
    private(set) var rows = 0

    init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw BenchError("cannot create \(path)") }
        self.handle = handle
        buffer.reserveCapacity(Self.flushSize + 4096)
        write(header)
        rows = 0
    }

    deinit { try? handle.close() }

    /// One record; nil or empty fields are written empty.
    func write(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            guard let field, !field.isEmpty else { continue }
            let bytes = field.utf8
            let needsQuotes = bytes.contains {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
            }
            if needsQuotes {
                buffer.append(UInt8(ascii: "\""))
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
        buffer.append(10)
        rows += 1
        if buffer.count >= Self.flushSize { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

/// A plain text file written whole (policies, SQL).
func writeText(_ text: String, to path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        throw BenchError("cannot create \(path)")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
