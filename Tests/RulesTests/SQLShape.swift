/// Whether `sql` is made only of what the compiler itself writes: quoted fact columns, cast
/// placeholders, keywords, operators and punctuation. Anything else could only have come from
/// the rule text.
func isOnlyCompilerStructure(_ sql: String) throws -> Bool {
    let column = try Regex(#"f\."[a-z0-9_]+""#)
    let placeholder = try Regex(#"\$[0-9]+::(bigint|numeric|text|date|boolean)"#)
    let rest = sql.replacing(column, with: " ").replacing(placeholder, with: " ")
    let words: Set<Substring> = ["AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "=", "<>", "<", "<=", ">", ">="]
    return rest.split(whereSeparator: { " (),".contains($0) }).allSatisfy(words.contains)
}

/// The placeholder numbers in order of appearance.
func placeholders(in sql: String) throws -> [Int] {
    let placeholder = try Regex<(Substring, Substring)>(#"\$([0-9]+)::"#)
    return sql.matches(of: placeholder).compactMap { Int($0.output.1) }
}
