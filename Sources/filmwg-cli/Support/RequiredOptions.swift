import FilmWG

extension Arguments {
    /// A required option read by `parse` (`date`, `int`, `decimal` …), so every missing one is
    /// refused with the same sentence: `missing --NAME[ FORM]; it is required here` (exit 64).
    /// An option that is given but unreadable fails as `parse` says.
    func required<Value>(_ name: String, form: String? = nil, _ parse: (String) throws -> Value?) throws -> Value {
        guard let value = try parse(name) else {
            throw CLIError.usage("missing --\(name)\(form.map { " " + $0 } ?? ""); it is required here")
        }
        return value
    }
}
