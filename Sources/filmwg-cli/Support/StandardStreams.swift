import Foundation

/// The process's standard descriptors, written with `write(2)` so a failure is a value.
///
/// Foundation's `FileHandle.write(_:)` traps on a failed write (`/dev/full`, a closed stdout);
/// these functions return the reason instead, for `Output` to report as exit 74.
enum StandardStreams {
    /// Why stdout is unusable before anything is written (it was closed when the process
    /// started), else nil. Checked once, before any file or socket is opened.
    nonisolated(unsafe) static var stdoutFailure: String?

    /// Call first thing in `main`: a closed descriptor 0, 1 or 2 is replaced by `/dev/null`, so
    /// the next file or database socket opened cannot take its number and receive output meant
    /// for the terminal; a closed stdout is remembered as a write failure. SIGPIPE is ignored,
    /// so a reader that went away is an `EPIPE` failure and a sentence, not a silent death.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            if descriptor == STDOUT_FILENO { stdoutFailure = "standard output is closed" }
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
    }

    /// Writes every byte, retrying after interruptions. Returns nil, or why it failed.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    struct ReadFailure: Error { let reason: String }

    /// Reads a descriptor to its end, retrying after interruptions.
    static func readAll(_ descriptor: Int32) -> Result<[UInt8], ReadFailure> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(reason: String(cString: strerror(errno))))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
