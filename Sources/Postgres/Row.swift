/// One row of a result. Decoding checks the column's PostgreSQL type against the Swift type
/// asked for, and a failure names the column, both types, and the caller's file and line.
public struct Row {
    let storage: ResultStorage
    public let index: Int

    public var columnNames: [String] { storage.columnNames }

    public func isNull(_ column: String) -> Bool {
        guard let i = storage.columnIndex[column] else { return true }
        return storage.isNull(row: index, column: i)
    }

    /// The raw text of a column (nil for NULL), e.g. for printing any result as a table.
    public func text(at column: Int) -> String? {
        storage.isNull(row: index, column: column) ? nil : storage.text(row: index, column: column)
    }

    public func decode<T: PostgresDecodable>(
        _ type: T.Type = T.self, at column: Int, file: String = #fileID, line: Int = #line
    ) throws(DecodingError) -> T {
        guard column >= 0, column < storage.columnTypes.count else {
            throw DecodingError(
                column: "#\(column)", index: column, postgresType: .unknown, swiftType: "\(T.self)",
                reason: "the result has only \(storage.columnTypes.count) columns", file: file, line: line)
        }
        let pgType = storage.columnTypes[column]
        func failure(_ reason: String) -> DecodingError {
            DecodingError(
                column: storage.columnNames[column], index: column, postgresType: pgType,
                swiftType: "\(T.self)", reason: reason, file: file, line: line)
        }
        guard T.accepts(pgType) else { throw failure("the column's type does not convert to \(T.self)") }
        do {
            if storage.isNull(row: index, column: column) { return try T.fromNull() }
            return try T(postgresText: storage.text(row: index, column: column), type: pgType)
        } catch {
            throw failure(error.reason)
        }
    }

    public func decode<T: PostgresDecodable>(
        _ type: T.Type = T.self, column name: String, file: String = #fileID, line: Int = #line
    ) throws(DecodingError) -> T {
        guard let column = storage.columnIndex[name] else {
            throw DecodingError(
                column: name, index: -1, postgresType: .unknown, swiftType: "\(T.self)",
                reason: "no such column; the result has \(storage.columnNames.joined(separator: ", "))",
                file: file, line: line)
        }
        return try decode(T.self, at: column, file: file, line: line)
    }

    public subscript<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) -> T {
        get throws(DecodingError) { try decode(T.self, column: name) }
    }

    /// Decodes the leading columns as a tuple: `try row.decode((Int64, String, Date?).self)`.
    public func decode<each T: PostgresDecodable>(
        _ types: (repeat each T).Type, file: String = #fileID, line: Int = #line
    ) throws(DecodingError) -> (repeat each T) {
        var column = 0
        func next<U: PostgresDecodable>(_: U.Type) throws(DecodingError) -> U {
            defer { column += 1 }
            return try decode(U.self, at: column, file: file, line: line)
        }
        return (repeat try next((each T).self))
    }
}
