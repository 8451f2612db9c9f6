internal import CLibPQ

extension Connection {
    /// Sends many statements without waiting for each answer (libpq pipeline mode) and returns
    /// their results in order.
    ///
    /// Statements go in segments of `segmentSize`, each ended by a sync point, so the server's
    /// answers never pile up unread while the client is still sending. Outside a transaction each
    /// segment commits on its own; wrap the call in `transaction` for all-or-nothing.
    /// - Throws: the first statement's error; the rest of its segment is not run. Whatever
    ///   throws, the connection has left pipeline mode (or, if libpq could not leave it, is
    ///   closed), so the next statement runs normally.
    public func pipeline(_ queries: [Query], segmentSize: Int = 256) throws(PostgresError) -> [Rows] {
        let handle = unsafe try checkOpen()
        guard unsafe PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(kind: .client, message: "cannot enter pipeline mode: \(lastErrorMessage)")
        }
        var results: [Rows] = []
        results.reserveCapacity(queries.count)
        var start = 0
        do {
            while start < queries.count {
                let segment = queries[start..<min(start + max(1, segmentSize), queries.count)]
                try unsafe runSegment(segment, handle: handle, into: &results)
                start += segment.count
            }
        } catch {
            try unsafe leavePipelineMode(handle)
            throw error
        }
        try unsafe leavePipelineMode(handle)
        return results
    }

    /// Leaves pipeline mode, reading whatever is still queued; closes the connection when libpq
    /// refuses, so that no later statement is sent into a pipeline nobody reads.
    private func leavePipelineMode(_ handle: OpaquePointer) throws(PostgresError) {
        if unsafe PQexitPipelineMode(handle) == 1 { return }
        var left = 0
        while unsafe PQstatus(handle) == CONNECTION_OK, left < 10_000 {
            if let result = unsafe PQgetResult(handle) {
                unsafe PQclear(result)
            } else if unsafe PQexitPipelineMode(handle) == 1 {
                return
            }
            left += 1
        }
        let message = Self.firstLine(of: lastErrorMessage) ?? "pipeline mode could not be left"
        close()
        throw PostgresError(kind: .connectionLost, message: "\(message); the connection was closed")
    }

    private enum Expect { case prepare(PreparedKey, String), statement }

    /// Fails on the server, so a segment cut short by the client commits nothing.
    private static let abandonSegment = "DO $$BEGIN RAISE EXCEPTION 'pipeline segment abandoned by the client'; END$$"

    /// Sends a segment and its sync point, then reads every answer. A statement that cannot be
    /// sent (e.g. too many parameters) ends the sending: a statement that fails on the server
    /// follows it, so the segment's implicit transaction rolls back as for a server error, and
    /// what went before is read up to the sync point, leaving nothing queued.
    private func runSegment(
        _ segment: ArraySlice<Query>, handle: OpaquePointer, into results: inout [Rows]
    ) throws(PostgresError) {
        var expected: [Expect] = []
        var preparedInSegment: [PreparedKey: String] = [:]
        var sendError: PostgresError?
        sending: for query in segment {
            let types = query.binds.map(\.type.oid)
            let values = query.binds.map(\.text)
            let key = PreparedKey(sql: query.sql, types: types)
            var name = prepared[key] ?? preparedInSegment[key]
            if name == nil, !query.binds.isEmpty, !usesUnnamedStatements,
                prepared.count + preparedInSegment.count < Self.maxPrepared
            {
                let newName = "filmwg_\(prepared.count + preparedInSegment.count + 1)"
                let ok = unsafe types.withUnsafeBufferPointer {
                    unsafe PQsendPrepare(handle, newName, query.sql, Int32(types.count), $0.baseAddress)
                }
                guard ok == 1 else {
                    sendError = connectionError()
                    break sending
                }
                expected.append(.prepare(key, newName))
                preparedInSegment[key] = newName
                name = newName
            }
            let sent = unsafe CStrings.with(name: name, values: values) { cName, valuePointers in
                if let cName = unsafe cName {
                    return unsafe PQsendQueryPrepared(handle, cName, Int32(values.count), valuePointers, nil, nil, 0)
                }
                return unsafe types.withUnsafeBufferPointer {
                    unsafe PQsendQueryParams(
                        handle, query.sql, Int32(values.count), $0.baseAddress, valuePointers, nil, nil, 0)
                }
            }
            guard sent == 1 else {
                sendError = connectionError()
                break sending
            }
            expected.append(.statement)
        }
        if sendError != nil,
            unsafe PQsendQueryParams(handle, Self.abandonSegment, 0, nil, nil, nil, nil, 0) == 1
        {
            expected.append(.statement)
        }
        guard unsafe PQpipelineSync(handle) == 1 else { throw sendError ?? connectionError() }

        var firstError = sendError
        for item in expected {
            guard let result = unsafe PQgetResult(handle) else { throw connectionError() }
            let status = unsafe PQresultStatus(result)
            if status == PGRES_PIPELINE_ABORTED {
                unsafe PQclear(result)
            } else {
                do {
                    let storage = unsafe try check(result)
                    switch item {
                    case .prepare(let key, let name): prepared[key] = name
                    case .statement: results.append(Rows(storage))
                    }
                } catch {
                    if firstError == nil { firstError = error }
                }
            }
            // Each statement's results end with a null result.
            while let extra = unsafe PQgetResult(handle) { unsafe PQclear(extra) }
        }
        // The sync point's own result closes the segment.
        guard let sync = unsafe PQgetResult(handle) else { throw connectionError() }
        let syncStatus = unsafe PQresultStatus(sync)
        unsafe PQclear(sync)
        if let firstError { throw firstError }
        guard syncStatus == PGRES_PIPELINE_SYNC else {
            throw PostgresError(kind: .client, message: "pipeline lost its sync point")
        }
    }
}
