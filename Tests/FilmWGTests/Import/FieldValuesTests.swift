import Testing

@testable import FilmWG

/// An import's row values are held by position, not in a dictionary: they must read exactly as
/// the dictionary of the same record did (trimmed, nil columns read past, a later column of the
/// same name winning, a short or long record), and behave the same once edited.
@Suite struct FieldValuesTests {
    /// The dictionary `FieldValues(columns:fields:)` built before.
    static func dictionary(_ columns: [String?], _ fields: [String]) -> FieldValues {
        var named: [String: String] = [:]
        for (column, field) in zip(columns, fields) {
            if let column { named[column] = field }
        }
        return FieldValues(named)
    }

    static let cases: [([String?], [String])] = [
        (["uscc", "name", nil, "kind"], [" 911 ", "\u{3000}北京\u{3000}", "ignored", "production"]),
        (["uscc", "name", "kind"], ["a"]),
        (["name"], ["A", "extra", "more"]),
        (["name", "kind", "name"], ["first", "other", "second"]),
        ([nil, nil], ["x", "y"]),
        ([], []),
        (["name", "district"], ["", "  "]),
    ]

    @Test func readsExactlyAsTheDictionaryOfTheSameRecord() {
        for (columns, fields) in Self.cases {
            let values = FieldValues(columns: columns, fields: fields)
            let expected = Self.dictionary(columns, fields)
            #expect(values == expected, "\(columns) \(fields)")
            #expect(values.isEmpty == expected.isEmpty, "\(columns) \(fields)")
            for column in ["uscc", "name", "kind", "district", "ignored", "absent"] {
                #expect(values[column] == expected[column], "\(column) of \(columns) \(fields)")
                #expect(values.has(column) == expected.has(column), "\(column) of \(columns) \(fields)")
            }
        }
    }

    @Test func anEditedRowKeepsItsOtherValues() {
        var values = FieldValues(columns: ["name", "kind", "name"], fields: ["first", " other ", "second"])
        values["district"] = " 朝阳区 "
        #expect(values == FieldValues(["name": "second", "kind": "other", "district": "朝阳区"]))
        values["name"] = nil
        #expect(values["name"] == nil)
        #expect(values["kind"] == "other")
        #expect(values != FieldValues(["kind": "other"]))
    }
}
