internal import CLibPQ
import Foundation

/// One session with a PostgreSQL server, over libpq.
///
/// The connection owns its `PGconn` and closes it exactly once: on `close()` or when the last
/// reference goes away. Use a connection from one task at a time; it is deliberately not
/// `Sendable`. Every statement is sent with the extended protocol and text-format parameters;
/// statements with parameters are prepared once per connection and reused by their SQL text.
///
/// After `close()` the handle is nil: statements throw "the connection is closed", the
/// accessors return the defined values they document, and libpq is never handed freed memory.
@safe public final class Connection {
    /// The libpq handle; nil once closed. libpq treats a null `PGconn` as a bad connection in
    /// every function used here, so a call that slips past `checkOpen()` is still defined.
    private(set) var handle: OpaquePointer?
    /// SQL text (and parameter types) → prepared statement name.
    var prepared: [PreparedKey: String] = [:]
    /// The statement `query` found last, so that a loop of one statement compares its text
    /// instead of hashing it every time; cleared with `prepared`.
    var lastPrepared: (key: PreparedKey, name: String)?
    var savepointDepth = 0
    static let maxPrepared = 512
    /// Behind a transaction-mode pooler (see Connection+Pooler.swift): every statement is
    /// sent unnamed, since a named one would live on a server connection lent to others.
    public internal(set) var usesUnnamedStatements = false

    struct PreparedKey: Hashable {
        let sql: String
        let types: [UInt32]
    }

    private init(handle: OpaquePointer) {
        unsafe self.handle = unsafe handle
    }

    deinit {
        if let handle = unsafe handle { unsafe PQfinish(handle) }
    }

    /// Opens a session.
    ///
    /// - Parameters:
    ///   - conninfo: a `postgresql://` URI or `key=value` string; nil or empty leaves everything
    ///     to libpq's environment (`PGHOST`, `PGPORT`, `PGSERVICE`, `~/.pgpass`, …).
    ///   - applicationName: shown in `pg_stat_activity`; it wins over one in `conninfo`.
    /// - Throws: `PostgresError` of kind `.connectionFailed`, naming host and port, never the password.
    public static func connect(_ conninfo: String? = nil, applicationName: String? = nil) throws(PostgresError)
        -> Connection
    {
        var keys: [String] = []
        var values: [String] = []
        if let conninfo, !conninfo.isEmpty {
            keys.append("dbname")
            values.append(conninfo)
        }
        if let applicationName {
            keys.append("application_name")
            values.append(String(applicationName.prefix(63)))
        }
        keys.append("client_encoding")
        values.append("UTF8")
        let handle = unsafe CStrings.with(keys.map { Optional($0) } + [nil]) { keyPointers in
            unsafe CStrings.with(values.map { Optional($0) } + [nil]) { valuePointers in
                unsafe PQconnectdbParams(keyPointers, valuePointers, 1)
            }
        }
        guard let handle = unsafe handle else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        let connection = unsafe Connection(handle: handle)
        guard unsafe PQstatus(handle) == CONNECTION_OK else {
            let message = connection.lastErrorMessage
            let target = connection.target
            throw PostgresError(
                kind: .connectionFailed, sqlState: .connectionFailure,
                message: Self.firstLine(of: message) ?? "connection failed", target: target)
        }
        unsafe PQsetNoticeProcessor(handle, { _, _ in }, nil)
        return connection
    }

    /// Closes the session now; later use throws. Closing twice is harmless.
    public func close() {
        guard let handle = unsafe handle else { return }
        unsafe self.handle = nil
        unsafe PQfinish(handle)
    }

    public var isClosed: Bool { unsafe handle == nil }

    /// "host:port" or the unix socket directory and port, for messages about reachability;
    /// "closed connection" once closed.
    public var target: String {
        guard let handle = unsafe handle else { return "closed connection" }
        let host = unsafe PQhost(handle).map { unsafe String(cString: $0) } ?? ""
        let port = unsafe PQport(handle).map { unsafe String(cString: $0) } ?? ""
        if host.hasPrefix("/") { return "socket \(host) port \(port)" }
        return "\(host.isEmpty ? "localhost" : host):\(port)"
    }

    /// The server process serving this session, e.g. for `pg_stat_activity` look-ups; 0 once
    /// closed (libpq's value for no session).
    public var backendPID: Int32 {
        guard let handle = unsafe handle else { return 0 }
        return unsafe PQbackendPID(handle)
    }

    /// The server's version as libpq reports it (e.g. 150004); 0 once closed.
    public var serverVersion: Int {
        guard let handle = unsafe handle else { return 0 }
        return Int(unsafe PQserverVersion(handle))
    }

    public enum TransactionStatus: Sendable { case idle, active, inTransaction, inFailedTransaction, unknown }

    /// Where the session stands; `.unknown` once closed.
    public var transactionStatus: TransactionStatus {
        guard let handle = unsafe handle else { return .unknown }
        return switch unsafe PQtransactionStatus(handle) {
        case PQTRANS_IDLE: .idle
        case PQTRANS_ACTIVE: .active
        case PQTRANS_INTRANS: .inTransaction
        case PQTRANS_INERROR: .inFailedTransaction
        default: .unknown
        }
    }

    var lastErrorMessage: String {
        guard let handle = unsafe handle else { return "the connection is closed" }
        return unsafe PQerrorMessage(handle).map { unsafe String(cString: $0) } ?? ""
    }

    /// The open handle, for a call into libpq.
    /// - Throws: `PostgresError` of kind `.client` once the connection is closed.
    @discardableResult
    func checkOpen() throws(PostgresError) -> OpaquePointer {
        guard let handle = unsafe handle else { throw Self.closedError }
        return unsafe handle
    }

    static var closedError: PostgresError { PostgresError(kind: .client, message: "the connection is closed") }

    /// The error for a missing or failed result: a lost session or a client-side problem.
    func connectionError() -> PostgresError {
        guard let handle = unsafe handle else { return Self.closedError }
        let message = Self.firstLine(of: lastErrorMessage) ?? "no result from the server"
        if unsafe PQstatus(handle) != CONNECTION_OK {
            return PostgresError(kind: .connectionLost, sqlState: .connectionFailure, message: message, target: target)
        }
        return PostgresError(kind: .client, message: message)
    }

    static func firstLine(of text: String) -> String? {
        let line = text.split(whereSeparator: \.isNewline).first.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let line, !line.isEmpty else { return nil }
        return line.hasPrefix("ERROR:  ") ? String(line.dropFirst(8)) : line
    }
}

/// Passes Swift strings to C as a NULL-able array of C strings that live for the call.
///
/// Every string's bytes go, each with its terminating NUL, into one buffer, and the pointers
/// into another, both temporary allocations (on the stack when small): a point read's one
/// parameter costs no heap allocation, where a `strdup` per value and two arrays cost three
/// (measured with callgrind: a fifth of the driver's instructions per round trip were
/// allocations and releases).
enum CStrings {
    static func with<R, E: Error>(
        _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) throws(E) -> R
    ) throws(E) -> R {
        try unsafe with(name: nil, values: strings) { (_, values) throws(E) -> R in unsafe try body(values) }
    }

    /// A statement's name and its parameter values in the same buffer: a `String` passed to a C
    /// function as such is converted into a new array on every call (and an array `[name] +
    /// values` costs as much).
    static func with<R, E: Error>(
        name: String?, values strings: [String?],
        _ body: (UnsafePointer<CChar>?, UnsafePointer<UnsafePointer<CChar>?>) throws(E) -> R
    ) throws(E) -> R {
        var total = (name?.utf8.count).map { $0 + 1 } ?? 0
        for string in strings { total += (string?.utf8.count).map { $0 + 1 } ?? 0 }
        return try unsafe withUnsafeTemporaryAllocation(of: CChar.self, capacity: max(total, 1)) {
            (bytes) throws(E) -> R in
            try unsafe withUnsafeTemporaryAllocation(
                of: UnsafePointer<CChar>?.self, capacity: strings.count + 1
            ) { (pointers) throws(E) -> R in
                var offset = 0
                // Copies `string` and its NUL into the buffer; its first byte's address.
                func copy(_ string: String) -> UnsafePointer<CChar> {
                    let start = unsafe bytes.baseAddress! + offset
                    for byte in string.utf8 {
                        unsafe bytes.initializeElement(at: offset, to: CChar(bitPattern: byte))
                        offset += 1
                    }
                    unsafe bytes.initializeElement(at: offset, to: 0)
                    offset += 1
                    return unsafe UnsafePointer(start)
                }
                // Slot 0 is the name, the values follow.
                unsafe pointers.initializeElement(at: 0, to: name.map(copy))
                for (index, string) in strings.enumerated() {
                    unsafe pointers.initializeElement(at: index + 1, to: string.map(copy))
                }
                return try unsafe body(pointers[0], pointers.baseAddress! + 1)
            }
        }
    }
}
