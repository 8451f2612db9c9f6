internal import CLibPQ

extension Connection {
    /// Sends many statements without waiting for each answer (libpq pipeline mode) and returns
    /// their results in order.
    ///
    /// Statements go in segments of `segmentSize`, each ended by a sync point, so the server's
    /// answers never pile up unread while the client is still sending. Outside a transaction each
    /// segment commits on its own; wrap the call in `transaction` for all-or-nothing.
    /// - Throws: the first statement's error; the rest of its segment is not run.
    public func pipeline(_ queries: [Query], segmentSize: Int = 256) throws(PostgresError) -> [Rows] {
        try checkOpen()
        guard unsafe PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(kind: .client, message: "cannot enter pipeline mode: \(lastErrorMessage)")
        }
        defer { unsafe _ = PQexitPipelineMode(handle) }
        var results: [Rows] = []
        results.reserveCapacity(queries.count)
        var start = 0
        while start < queries.count {
            let segment = queries[start..<min(start + max(1, segmentSize), queries.count)]
            try runSegment(segment, into: &results)
            start += segment.count
        }
        return results
    }

    private enum Expect { case prepare(PreparedKey, String), statement }

    private func runSegment(_ segment: ArraySlice<Query>, into results: inout [Rows]) throws(PostgresError) {
        var expected: [Expect] = []
        var preparedInSegment: [PreparedKey: String] = [:]
        for query in segment {
            let types = query.binds.map(\.type.oid)
            let values = query.binds.map(\.text)
            let key = PreparedKey(sql: query.sql, types: types)
            var name = prepared[key] ?? preparedInSegment[key]
            if name == nil, !query.binds.isEmpty, !usesUnnamedStatements, prepared.count + preparedInSegment.count < Self.maxPrepared {
                let newName = "filmwg_\(prepared.count + preparedInSegment.count + 1)"
                let ok = unsafe types.withUnsafeBufferPointer {
                    unsafe PQsendPrepare(handle, newName, query.sql, Int32(types.count), $0.baseAddress)
                }
                guard ok == 1 else { throw connectionError() }
                expected.append(.prepare(key, newName))
                preparedInSegment[key] = newName
                name = newName
            }
            let sent = unsafe CStrings.with(values) { valuePointers in
                if let name {
                    return unsafe PQsendQueryPrepared(handle, name, Int32(values.count), valuePointers, nil, nil, 0)
                }
                return unsafe types.withUnsafeBufferPointer {
                    unsafe PQsendQueryParams(
                        handle, query.sql, Int32(values.count), $0.baseAddress, valuePointers, nil, nil, 0)
                }
            }
            guard sent == 1 else { throw connectionError() }
            expected.append(.statement)
        }
        guard unsafe PQpipelineSync(handle) == 1 else { throw connectionError() }

        var firstError: PostgresError?
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
