internal import CLibPQ

/// Owns one `PGresult` and clears it exactly once, when the last `Rows` or `Row` reading it
/// goes away. Column names and types are read once, up front.
@safe final class ResultStorage {
    let pointer: OpaquePointer
    let rowCount: Int
    let columnTypes: [PostgresType]
    /// Read on first use: decoding by position (the common case in loops) never needs them.
    private(set) lazy var columnNames: [String] = (0..<columnTypes.count).map {
        unsafe PQfname(pointer, Int32($0)).map { unsafe String(cString: $0) } ?? ""
    }
    private(set) lazy var columnIndex: [String: Int] = {
        var index: [String: Int] = [:]
        for (i, name) in columnNames.enumerated() where index[name] == nil { index[name] = i }
        return index
    }()

    init(_ pointer: OpaquePointer) {
        unsafe self.pointer = unsafe pointer
        self.rowCount = Int(unsafe PQntuples(pointer))
        let columns = Int(unsafe PQnfields(pointer))
        self.columnTypes = (0..<columns).map { PostgresType(oid: unsafe PQftype(pointer, Int32($0))) }
    }

    deinit { unsafe PQclear(pointer) }

    func isNull(row: Int, column: Int) -> Bool {
        unsafe PQgetisnull(pointer, Int32(row), Int32(column)) == 1
    }

    func text(row: Int, column: Int) -> String {
        let length = Int(unsafe PQgetlength(pointer, Int32(row), Int32(column)))
        let start = unsafe PQgetvalue(pointer, Int32(row), Int32(column))!
        return unsafe start.withMemoryRebound(to: UInt8.self, capacity: length) {
            unsafe String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Rows affected by INSERT/UPDATE/DELETE/COPY, from the command tag (its digits read in
    /// place, without making a String).
    var affectedRows: Int {
        guard var digit = unsafe PQcmdTuples(pointer) else { return 0 }
        var value = 0
        while unsafe digit.pointee >= 0x30 && digit.pointee <= 0x39 {
            value = value &* 10 &+ Int(unsafe digit.pointee - 0x30)
            unsafe digit += 1
        }
        return value
    }
}

/// The rows a statement returned, in order. Collectors are named by how many rows the caller
/// expects: `one()`, `optional()`, or the collection itself for all of them.
public struct Rows: RandomAccessCollection {
    let storage: ResultStorage

    init(_ storage: ResultStorage) {
        self.storage = storage
    }

    /// For INSERT/UPDATE/DELETE/COPY: how many rows the statement touched.
    public var affectedRows: Int { storage.affectedRows }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.rowCount }
    public subscript(position: Int) -> Row { Row(storage: storage, index: position) }

    public var columnNames: [String] { storage.columnNames }
    public var columnTypes: [PostgresType] { storage.columnTypes }

    /// The single row. - Throws: when there is not exactly one.
    public func one(file: String = #fileID, line: Int = #line) throws(PostgresError) -> Row {
        guard count == 1 else {
            throw PostgresError(kind: .client, message: "expected exactly one row, got \(count) [\(file):\(line)]")
        }
        return self[0]
    }

    /// The row if there is one. - Throws: when there are several.
    public func optional(file: String = #fileID, line: Int = #line) throws(PostgresError) -> Row? {
        guard count <= 1 else {
            throw PostgresError(kind: .client, message: "expected at most one row, got \(count) [\(file):\(line)]")
        }
        return first
    }
}
