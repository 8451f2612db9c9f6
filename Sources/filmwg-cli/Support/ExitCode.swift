/// The sysexits codes of DESIGN §5, by name.
struct ExitCode: Error, Equatable {
    let rawValue: Int32

    static let success = ExitCode(rawValue: 0)
    static let failure = ExitCode(rawValue: 1)
    static let usage = ExitCode(rawValue: 64)
    static let dataError = ExitCode(rawValue: 65)
    static let noInput = ExitCode(rawValue: 66)
    static let unavailable = ExitCode(rawValue: 69)
    /// EX_IOERR: stdout, or a file being read, could not be written or read.
    static let ioError = ExitCode(rawValue: 74)
    static let tempFail = ExitCode(rawValue: 75)
    static let noPermission = ExitCode(rawValue: 77)
}

/// An error the CLI reports as one sentence with an exit code.
struct CLIError: Error {
    let message: String
    let code: ExitCode
    /// Further lines (e.g. every invalid row of an import), printed after the sentence.
    var details: [String] = []

    static func usage(_ message: String) -> CLIError { CLIError(message: message, code: .usage) }
    static func data(_ message: String, details: [String] = []) -> CLIError {
        CLIError(message: message, code: .dataError, details: details)
    }
    static func notFound(_ message: String) -> CLIError { CLIError(message: message, code: .failure) }
}
