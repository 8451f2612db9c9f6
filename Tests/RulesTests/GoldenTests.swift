import Foundation
import Rules
import Testing

/// End-to-end cases kept as files, so a change in the SQL or in a message a person reads shows
/// up as a diff in review.
///
/// Each folder under `Golden/` holds `rule.txt` and either `expected.sql` (one criterion per
/// line), `expected-binds.txt` (one bind per line) and optionally `expected-criteria.txt` (one
/// criterion's source per line), or `expected-error.txt`. Run with `RULES_GOLDEN_RECORD=1` to
/// rewrite the expected files from the current output, then review the diff.
@Suite struct GoldenTests {
    static let folder = Bundle.module.url(forResource: "Golden", withExtension: nil)!
    static let sourceFolder = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Golden")
    static let recording = ProcessInfo.processInfo.environment["RULES_GOLDEN_RECORD"] == "1"

    static let cases: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))) ?? [])
        .filter { !$0.hasPrefix(".") }
        .sorted()

    @Test func hasEnoughCasesToMeanSomething() {
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: cases)
    func matchesTheGoldenFiles(name: String) throws {
        let source = try #require(Self.read(name, "rule.txt"), "\(name)/rule.txt is missing")
        let actual: [String: String]
        do {
            let rule = try compile(source, catalog: .fixture)
            actual = [
                "expected.sql": Self.lines(rule.criteria.map(\.sql)),
                "expected-binds.txt": Self.lines(rule.binds.map(\.description)),
                "expected-criteria.txt": Self.lines(rule.criteria.map(\.source)),
            ]
        } catch {
            actual = ["expected-error.txt": Self.lines([error.description])]
        }
        if Self.recording {
            try Self.record(name, actual)
            return
        }
        let expectsError = Self.read(name, "expected-error.txt") != nil
        #expect(expectsError == (actual["expected-error.txt"] != nil), "\(name): \(actual)")
        for (file, text) in actual.sorted(by: { $0.key < $1.key }) {
            // Criteria files are optional: only cases about criterion text carry one.
            guard let expected = Self.read(name, file) else {
                #expect(file == "expected-criteria.txt", "\(name)/\(file) is missing")
                continue
            }
            #expect(text == expected, "\(name)/\(file)")
        }
    }

    private static func read(_ name: String, _ file: String) -> String? {
        try? String(contentsOf: folder.appending(path: name).appending(path: file), encoding: .utf8)
    }

    private static func lines(_ items: [String]) -> String {
        items.map { $0 + "\n" }.joined()
    }

    private static func record(_ name: String, _ files: [String: String]) throws {
        let directory = sourceFolder.appending(path: name)
        for file in ["expected.sql", "expected-binds.txt", "expected-error.txt"] where files[file] == nil {
            try? FileManager.default.removeItem(at: directory.appending(path: file))
        }
        for (file, text) in files {
            let url = directory.appending(path: file)
            if file == "expected-criteria.txt", !FileManager.default.fileExists(atPath: url.path(percentEncoded: false))
            {
                continue
            }
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
