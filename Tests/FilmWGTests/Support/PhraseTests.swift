import FilmWG
import Foundation
import Testing

/// Domain sentences name fields, never flags; each edge spells a field its own way.
@Suite struct PhraseTests {
    @Test func aFieldIsItsColumnNameInTheSentenceAndWhatTheEdgeMakesOfIt() {
        let phrase: Phrase = "\(field: "valid_to") (2020-01-01) must be after \(field: "valid_from")"
        #expect(phrase.description == "valid_to (2020-01-01) must be after valid_from")
        #expect(phrase.fields == ["valid_to", "valid_from"])
        #expect(
            phrase.rendered { "--" + $0.replacingOccurrences(of: "_", with: "-") }
                == "--valid-to (2020-01-01) must be after --valid-from")
    }

    @Test func aPhraseInterpolatedIntoAnErrorKeepsItsFields() {
        let advice: Phrase = "; end it first with \(field: "on") DATE"
        let error = RecordError.invalid("overlaps\(advice)")
        #expect(error.phrase.fields == ["on"])
        #expect(error.sentence == "overlaps; end it first with on DATE")
        #expect(error == RecordError.invalid("overlaps; end it first with \(field: "on") DATE"))
        #expect(error != RecordError.invalid("overlaps; end it first with on DATE"))
    }

    @Test func noDomainSentenceNamesACommandLineFlag() throws {
        // The sources of the domain, read as text: a flag spelled in a string literal there
        // is a CLI word in the wrong layer.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/FilmWG")
        var offenders: [String] = []
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                // Options of PostgreSQL's own tools (pg_dump, pg_restore), marked where used.
                if code.hasSuffix("// tool options") { continue }
                if code.contains("\"") && code.range(of: #"[ '(\"]--[a-z]"#, options: .regularExpression) != nil {
                    offenders.append("\(file):\(number + 1)")
                }
            }
        }
        #expect(offenders == [])
    }

    @Test func aCommandIsNamedByItsWordsAndSpelledByTheEdge() {
        let phrase: Phrase = "see \(command: "member leave 7 \(field: "on") DATE") first"
        #expect(phrase.description == "see 'filmwg member leave 7 on DATE' first")
        #expect(phrase.fields == ["on"])
        #expect(phrase.rendered(field: { "--" + $0 }, command: { "`\($0)`" }) == "see `member leave 7 --on DATE` first")
        // The same sentence written with the command spelled out compares equal.
        #expect(phrase == "see 'filmwg member leave 7 \(field: "on") DATE' first")
        #expect(phrase != "see 'filmwg member leave 7 on DATE' first")
    }

    @Test func noDomainSentenceSpellsACommandLine() throws {
        // A command is named as \(command: "company list"); the program's name spelled in a
        // string literal of the domain is the edge's word in the wrong layer.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/FilmWG")
        var offenders: [String] = []
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") && file != "Support/Phrase.swift" {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                if code.contains("'filmwg ") { offenders.append("\(file):\(number + 1)") }
            }
        }
        #expect(offenders == [])
    }
}
