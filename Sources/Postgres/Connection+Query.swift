internal import CLibPQ

extension Connection {
    /// Runs a statement and returns its rows (empty for commands).
    ///
    /// A statement with parameters is prepared on first use and reused afterwards by its SQL
    /// text, so a loop of the same query costs one round trip per execution.
    /// - Throws: `PostgresError` with the server's SQLSTATE and fields.
    @discardableResult
    public func query(_ query: Query) throws(PostgresError) -> Rows {
        unsafe try checkOpen()
        let result = unsafe try send(query)
        return unsafe Rows(try check(result))
    }

    /// Runs a command and returns how many rows it touched.
    @discardableResult
    public func execute(_ query: Query) throws(PostgresError) -> Int {
        try self.query(query).affectedRows
    }

    /// Runs several statements of trusted SQL text at once (a migration file), with the simple
    /// protocol: no parameters, the server runs them in one implicit transaction unless the
    /// text says otherwise.
    public func executeScript(unsafeSQL sql: String) throws(PostgresError) {
        let handle = unsafe try checkOpen()
        guard let result = unsafe PQexec(handle, sql) else { throw connectionError() }
        // PQexec returns the last statement's result; an error stops the script there.
        _ = unsafe try check(result)
    }

    func send(_ query: Query) throws(PostgresError) -> OpaquePointer {
        let types = query.binds.map(\.type.oid)
        let values = query.binds.map(\.text)
        // libpq takes C strings: a NUL byte would silently cut the value there (a rule saved
        // cut short, with all its criteria). Refuse it instead, as PostgreSQL refuses NUL in text.
        if let index = values.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw PostgresError(
                kind: .client, sqlState: "22021",
                message:
                    "value $\(index + 1) holds a NUL byte (\\0), which PostgreSQL text cannot store; nothing was sent")
        }
        if query.binds.isEmpty {
            return try unsafe exchange { unsafe PQsendQueryParams(handle, query.sql, 0, nil, nil, nil, nil, 0) }
        } else if let name = try preparedName(for: query, types: types) {
            return try unsafe CStrings.with(name: name, values: values) { cName, valuePointers throws(PostgresError) in
                try unsafe exchange {
                    unsafe PQsendQueryPrepared(handle, cName, Int32(values.count), valuePointers, nil, nil, 0)
                }
            }
        } else {
            return try unsafe CStrings.with(values) { valuePointers throws(PostgresError) in
                try unsafe types.withUnsafeBufferPointer { typePointers throws(PostgresError) in
                    try unsafe exchange {
                        unsafe PQsendQueryParams(
                            handle, query.sql, Int32(values.count), typePointers.baseAddress, valuePointers, nil, nil, 0
                        )
                    }
                }
            }
        }
    }

    /// One round trip, as `PQexec…` makes it but cheaper: `start` sends the statement (a
    /// `PQsend…` call, which flushes it), then the answer is read from the socket right away,
    /// before waiting on it. On a local server the answer is usually there already, so this
    /// saves the `poll()` that `PQexec…` makes first on every statement (measured: one system
    /// call of three per point read). Returns the last result, or the first error, as `PQexec`.
    func exchange(_ start: () -> Int32) throws(PostgresError) -> OpaquePointer {
        guard start() == 1 else { throw connectionError() }
        _ = unsafe PQconsumeInput(handle)
        var kept: OpaquePointer?
        while let result = unsafe PQgetResult(handle) {
            let status = unsafe PQresultStatus(result)
            if let previous = unsafe kept {
                if unsafe PQresultStatus(previous) == PGRES_FATAL_ERROR {
                    unsafe PQclear(result)
                    continue
                }
                unsafe PQclear(previous)
            }
            unsafe kept = unsafe result
            // A COPY in progress has no end of results until the COPY ends.
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH { break }
        }
        guard let kept = unsafe kept else { throw connectionError() }
        return unsafe kept
    }

    /// The statement's name, preparing it now if this is its first use. Nil when the cache is
    /// full: the statement then runs unnamed.
    private func preparedName(for query: Query, types: [UInt32]) throws(PostgresError) -> String? {
        let key = PreparedKey(sql: query.sql, types: types)
        if let last = lastPrepared, last.key == key { return last.name }
        if let name = prepared[key] {
            lastPrepared = (key, name)
            return name
        }
        guard !usesUnnamedStatements, prepared.count < Self.maxPrepared else { return nil }
        let name = "filmwg_\(prepared.count + 1)"
        let result = try unsafe types.withUnsafeBufferPointer { typePointers throws(PostgresError) in
            try unsafe exchange {
                unsafe PQsendPrepare(handle, name, query.sql, Int32(types.count), typePointers.baseAddress)
            }
        }
        _ = unsafe try check(result)
        prepared[key] = name
        return name
    }

    /// Wraps a result, or turns an error result into a `PostgresError` (clearing it either way).
    func check(_ pointer: OpaquePointer) throws(PostgresError) -> ResultStorage {
        let storage = unsafe ResultStorage(pointer)
        switch unsafe PQresultStatus(pointer) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_PIPELINE_SYNC:
            return storage
        default:
            throw unsafe serverError(pointer)
        }
    }

    func serverError(_ pointer: OpaquePointer) -> PostgresError {
        func field(_ code: UInt8) -> String? {
            unsafe PQresultErrorField(pointer, Int32(code)).map { unsafe String(cString: $0) }
        }
        guard let sqlState = field(UInt8(ascii: "C")) else {
            let message = unsafe PQresultErrorMessage(pointer).map { unsafe String(cString: $0) } ?? ""
            if unsafe PQstatus(handle) != CONNECTION_OK {
                return PostgresError(
                    kind: .connectionLost, sqlState: .connectionFailure,
                    message: Self.firstLine(of: message) ?? "the server closed the connection", target: target)
            }
            return PostgresError(kind: .client, message: Self.firstLine(of: message) ?? "unexpected result")
        }
        let state = SQLState(sqlState)
        let broken = unsafe PQstatus(handle) != CONNECTION_OK
        let lost = state.classCode == "08" || state == .adminShutdown || state == .crashShutdown || broken
        return PostgresError(
            kind: lost ? .connectionLost : .server, sqlState: state,
            message: field(UInt8(ascii: "M")) ?? "error", detail: field(UInt8(ascii: "D")),
            hint: field(UInt8(ascii: "H")), constraint: field(UInt8(ascii: "n")),
            schema: field(UInt8(ascii: "s")), table: field(UInt8(ascii: "t")),
            column: field(UInt8(ascii: "c")), target: lost ? target : nil)
    }
}
