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
///
/// `phrase` names the fields involved; the command line renders them as its flags. `sentence`
/// is the phrase with fields as column names, for every reader that is not the command line.
public protocol UserFacingError: Error {
    var sentence: String { get }
    var category: FailureCategory { get }
    var phrase: Phrase { get }
}

extension UserFacingError {
    public var phrase: Phrase { Phrase(sentence) }
}

/// The records' own failures: what was wrong (naming the field, never a flag) and its kind.
public struct RecordError: UserFacingError, Equatable, CustomStringConvertible {
    public let phrase: Phrase
    public let category: FailureCategory

    public init(_ phrase: Phrase, _ category: FailureCategory) {
        self.phrase = phrase
        self.category = category
    }

    // String overloads are disfavoured so that a literal interpolating a `Phrase` stays one,
    // keeping its fields; they serve sentences held in `String` variables.
    @_disfavoredOverload
    public init(_ sentence: String, _ category: FailureCategory) {
        self.init(Phrase(sentence), category)
    }

    public var sentence: String { phrase.description }

    public static func invalid(_ phrase: Phrase) -> RecordError { RecordError(phrase, .invalid) }
    public static func notFound(_ phrase: Phrase) -> RecordError { RecordError(phrase, .notFound) }
    public static func conflict(_ phrase: Phrase) -> RecordError { RecordError(phrase, .conflict) }
    @_disfavoredOverload
    public static func invalid(_ sentence: String) -> RecordError { RecordError(sentence, .invalid) }
    @_disfavoredOverload
    public static func notFound(_ sentence: String) -> RecordError { RecordError(sentence, .notFound) }
    @_disfavoredOverload
    public static func conflict(_ sentence: String) -> RecordError { RecordError(sentence, .conflict) }

    public var description: String { sentence }
}
