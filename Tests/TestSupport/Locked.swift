import Foundation

/// A value that the threads of one test update together (concurrency tests).
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    public init(_ value: Value) { stored = value }
    public var value: Value { lock.withLock { stored } }
    public func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
