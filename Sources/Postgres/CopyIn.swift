internal import CLibPQ

extension Connection {
    /// Starts `COPY … FROM STDIN` (text format) and returns the writer that feeds it.
    /// - Throws: `PostgresError` when the server refuses the COPY statement.
    public func copyIn(_ statement: Query) throws(PostgresError) -> CopyIn {
        unsafe try checkOpen()
        let result = unsafe try send(statement)
        let storage = unsafe try check(result)
        guard unsafe PQresultStatus(storage.pointer) == PGRES_COPY_IN else {
            throw PostgresError(kind: .client, message: "the statement did not start COPY FROM STDIN")
        }
        return CopyIn(connection: self)
    }
}

/// Streams rows into a running `COPY … FROM STDIN` in PostgreSQL's text format.
///
/// Rows are encoded (tabs, newlines, carriage returns and backslashes escaped, nil as `\N`)
/// into a buffer sent in 256 KiB pieces, so memory stays flat however many rows pass.
/// `finish()` ends the COPY and reports the row count; a writer dropped without `finish()`
/// aborts the COPY, so nothing of it is written. Once its connection is closed, `append` (when
/// it would send), `finish` and the flush behind them throw "the connection is closed"; the
/// server has then dropped the COPY with the session.
public struct CopyIn: ~Copyable {
    let connection: Connection
    private var buffer: [UInt8] = []
    private var done = false
    private static let flushSize = 256 * 1024

    init(connection: Connection) {
        self.connection = connection
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Appends one row; each field is a column value in text form, nil for NULL.
    public mutating func append(_ fields: [String?]) throws(PostgresError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(9) }
            guard let field else {
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "N"))
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
                case 9: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
                case 10: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
                case 13: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(10)
        if buffer.count >= Self.flushSize { try flush() }
    }

    private mutating func flush() throws(PostgresError) {
        let handle = unsafe try connection.checkOpen()
        guard !buffer.isEmpty else { return }
        let sent = unsafe buffer.withUnsafeBufferPointer { bytes in
            unsafe bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                unsafe PQputCopyData(handle, $0, Int32(bytes.count))
            }
        }
        guard sent == 1 else { throw connection.connectionError() }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Ends the COPY. - Returns: the number of rows the server stored.
    /// - Throws: the server's error (e.g. a constraint violation); then nothing was stored.
    public consuming func finish() throws(PostgresError) -> Int {
        try flush()
        let handle = unsafe try connection.checkOpen()
        done = true
        guard unsafe PQputCopyEnd(handle, nil) == 1 else { throw connection.connectionError() }
        return try connection.drainCopyResults()
    }

    deinit {
        guard !done, let handle = unsafe connection.handle else { return }
        unsafe _ = PQputCopyEnd(handle, "COPY abandoned by the client")
        _ = try? connection.drainCopyResults()
    }
}

extension Connection {
    /// Reads the results after a COPY ends; the last non-null result decides.
    func drainCopyResults() throws(PostgresError) -> Int {
        var firstError: PostgresError?
        var rows = 0
        let handle = unsafe try checkOpen()
        while let result = unsafe PQgetResult(handle) {
            do {
                rows = unsafe try check(result).affectedRows
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        return rows
    }
}
