import Dispatch
import Foundation
import Postgres

/// SIGINT and SIGTERM, turned from a silent death into a cancelled statement and a sentence.
///
/// On the first signal the statement in flight on the command's connection is cancelled
/// (libpq's cancel request, sent from the signal queue), and again every 200 ms while the
/// command unwinds, so a statement started between two cancels is stopped too. The command's
/// transaction then fails with SQLSTATE 57014 and rolls back; the job marks its run `failed`
/// with the reason; `CLI.main` exits 130 (SIGINT) or 143 (SIGTERM) with one sentence. A command
/// with no connection open exits at once. A second signal exits at once: the server then ends
/// the session's work when it sees the client gone.
enum Interrupts {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var received: Int32?
    nonisolated(unsafe) private static var handles: [CancelHandle] = []
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let queue = DispatchQueue(label: "filmwg.signals")

    /// The signal that arrived, if any.
    static var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// "interrupted by SIGINT", for sentences and the job's `error` column.
    static var reason: String? { signal.map { "interrupted by \(name($0))" } }

    static func name(_ signal: Int32) -> String { signal == SIGTERM ? "SIGTERM" : "SIGINT" }

    /// The exit code of a command ended by `signal`: 128 + its number, as shells report it.
    static func exitCode(_ signal: Int32) -> ExitCode { ExitCode(rawValue: 128 + signal) }

    /// Call once, first thing: the signals are then delivered to the queue, not to the process.
    static func install() {
        // A parent may have left them blocked (the mask survives exec): unblock them.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { arrived(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Registers the connection whose statements a signal cancels.
    static func watch(_ connection: Connection) {
        guard let handle = try? connection.makeCancelHandle() else { return }
        lock.lock()
        handles.append(handle)
        lock.unlock()
    }

    private static func arrived(_ number: Int32) {
        lock.lock()
        let first = received == nil
        if first { received = number }
        let targets = handles
        lock.unlock()
        guard first, !targets.isEmpty else {
            // Nothing to unwind (no database work yet), or the second signal: leave now.
            let text =
                "filmwg: \(first ? "interrupted by \(name(number)); nothing was changed" : "\(name(number)) again; exiting at once, the server ends the session's work")\n"
            _ = StandardStreams.write(Array(text.utf8), to: STDERR_FILENO)
            _exit(128 + number)
        }
        cancelRepeatedly(targets)
    }

    private static func cancelRepeatedly(_ targets: [CancelHandle]) {
        for handle in targets { handle.cancel() }
        queue.asyncAfter(deadline: .now() + .milliseconds(200)) { cancelRepeatedly(targets) }
    }
}
