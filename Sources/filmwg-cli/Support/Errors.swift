import FilmWG
import Postgres

extension CLI {
    /// One sentence and an exit code for any failure; never a stack trace, never a password.
    static func translate(_ error: any Error) -> CLIError {
        switch error {
        case let error as CLIError:
            return error
        case let error as any UserFacingError:
            return CLIError(
                message: error.phrase.rendered(field: flag, command: command), code: code(for: error.category))
        case let error as PostgresError:
            let translated = DatabaseErrors.translate(error)
            if let record = translated as? RecordError { return translate(record) }
            return translate(error)
        case let error as DecodingError:
            return CLIError(
                message:
                    "filmwg could not read the database's answer (\(error.description)); is the schema migrated to this version?",
                code: .failure)
        default:
            return CLIError(message: "\(error)", code: .failure)
        }
    }

    /// The flag that sets a field the domain names: DESIGN §5 spells flags as the snake_case
    /// field names with `-` for `_` (`valid_to` → `--valid-to`).
    static func flag(for field: String) -> String {
        "--" + field.replacingOccurrences(of: "_", with: "-")
    }

    /// How a command the domain names is spelled: quoted, with the program's name.
    static func command(_ words: String) -> String { "'filmwg \(words)'" }

    static func code(for category: FailureCategory) -> ExitCode {
        switch category {
        case .invalid: .dataError
        case .notFound: .failure
        case .conflict: .tempFail
        case .permission: .noPermission
        case .unavailable: .unavailable
        case .noInput: .noInput
        case .ioError: .ioError
        case .other: .failure
        }
    }

    /// A `PostgresError` the domain's translator left as it is (`DatabaseErrors` reads every
    /// SQLSTATE): the connection, as the user can act on it.
    static func translate(_ error: PostgresError) -> CLIError {
        if error.kind == .connectionFailed {
            let target = error.target.map { " at \($0)" } ?? ""
            return CLIError(
                message:
                    "cannot reach the database\(target): \(error.message); check --database, DATABASE_URL or PGHOST/PGPORT, and that the server is running",
                code: .unavailable)
        }
        if error.isConnectionLost {
            return CLIError(
                message:
                    "the connection to the database was lost (\(error.message)); nothing after the last commit was saved, try again",
                code: .unavailable)
        }
        return CLIError(message: "the database reported: \(error.description)", code: .failure)
    }
}
