internal import CLibPQ
import Foundation

/// A request to stop the statement a connection is running, sent from another thread (a
/// signal handler's queue) over a connection of its own, as libpq's `PQcancel` does.
///
/// The handle owns its `PGcancel` and frees it exactly once, when the handle goes away. It
/// outlives nothing it needs: `PQgetCancel` copies what it needs from the `PGconn`, so
/// cancelling after the connection closed is harmless (the server finds no such session).
/// `cancel()` may be called from any thread at any time, also while the connection's own
/// thread waits for the statement; calls are serialised by a lock.
@safe public final class CancelHandle: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()

    fileprivate init(handle: OpaquePointer) {
        unsafe self.handle = unsafe handle
    }

    deinit { unsafe PQfreeCancel(handle) }

    /// Asks the server to cancel the statement in flight; the statement then fails with
    /// SQLSTATE 57014 (`query_canceled`) on its own connection.
    /// - Returns: nil when the request was delivered (whether or not a statement was running),
    ///   else libpq's reason it could not be sent.
    @discardableResult
    public func cancel() -> String? {
        lock.lock()
        defer { lock.unlock() }
        var buffer = [CChar](repeating: 0, count: 256)
        let sent = unsafe buffer.withUnsafeMutableBufferPointer {
            unsafe PQcancel(handle, $0.baseAddress, Int32($0.count))
        }
        if sent == 1 { return nil }
        return unsafe buffer.withUnsafeBufferPointer { unsafe String(cString: $0.baseAddress!) }
    }
}

extension Connection {
    /// A new handle that can cancel this connection's statements from another thread.
    /// - Throws: `PostgresError` of kind `.client` when the connection is closed or libpq has
    ///   no cancel key for it.
    public func makeCancelHandle() throws(PostgresError) -> CancelHandle {
        let handle = unsafe try checkOpen()
        guard let cancel = unsafe PQgetCancel(handle) else {
            throw PostgresError(kind: .client, message: "libpq has no cancel key for this connection")
        }
        return unsafe CancelHandle(handle: cancel)
    }
}
