/// What kind of failure an error is, so the command line can pick the exit code without
/// knowing the domain's error types one by one.
public enum FailureCategory: Sendable, Equatable {
    /// Input that breaks a rule of the records (exit 65).
    case invalid
    /// The named record does not exist (exit 1).
    case notFound
    /// Someone else changed the record, or a job is already running: try again (exit 75).
    case conflict
    /// The database refused the role (exit 77).
    case permission
    /// The database cannot be reached (exit 69).
    case unavailable
    /// An input file is missing or cannot be read (exit 66).
    case noInput
    /// A file or stream could not be read or written (exit 74).
    case ioError
    /// Anything else (exit 1).
    case other
}

/// A domain error that explains itself in one sentence a records admin understands.
public protocol UserFacingError: Error {
    var sentence: String { get }
    var category: FailureCategory { get }
}

/// The records' own failures, each phrased for the person who typed the command.
public struct RecordError: UserFacingError, Equatable, CustomStringConvertible {
    public let sentence: String
    public let category: FailureCategory

    public init(_ sentence: String, _ category: FailureCategory) {
        self.sentence = sentence
        self.category = category
    }

    public static func invalid(_ sentence: String) -> RecordError { RecordError(sentence, .invalid) }
    public static func notFound(_ sentence: String) -> RecordError { RecordError(sentence, .notFound) }
    public static func conflict(_ sentence: String) -> RecordError { RecordError(sentence, .conflict) }

    public var description: String { sentence }
}
