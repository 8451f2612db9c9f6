import Foundation
import TestSupport
import Testing

/// What a user reads is held by files: every command's `--help`, and the overview, must equal
/// its golden file in `Tests/CLITests/Golden/help/` byte for byte. After changing a command (or
/// merging new ones) run `scripts/golden-help` and review the diff.
@Suite struct HelpGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/help")

    /// The commands `filmwg --help` lists, one a line: two spaces, the words, two or more spaces.
    static func commands(in overview: String) -> [String] {
        var listing = false
        var names: [String] = []
        for line in overview.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "Commands:" {
                listing = true
            } else if line.isEmpty {
                listing = false
            } else if listing, line.hasPrefix("  "), let gap = line.dropFirst(2).firstRange(of: "  ") {
                names.append(String(line.dropFirst(2)[..<gap.lowerBound]))
            }
        }
        return names
    }

    static func golden(_ file: String) -> String? {
        try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func everyCommandsHelpEqualsItsGoldenFile() throws {
        let overview = try FilmWGBinary.run(["--help"])
        #expect(overview.status == 0)
        #expect(overview.stdout == Self.golden("filmwg.txt"), "filmwg --help differs; run scripts/golden-help")
        let names = Self.commands(in: overview.stdout)
        #expect(names.count > 50, "the overview lists \(names.count) commands")
        #expect(names.contains("company add") && names.contains("attendance import"))
        var expectedFiles: Set<String> = ["filmwg.txt"]
        for name in names {
            let file = name.replacingOccurrences(of: " ", with: "-") + ".txt"
            expectedFiles.insert(file)
            let help = try FilmWGBinary.run(name.split(separator: " ").map(String.init) + ["--help"])
            #expect(help.status == 0, "filmwg \(name) --help: \(help)")
            #expect(help.stderr.isEmpty)
            #expect(
                help.stdout == Self.golden(file),
                "filmwg \(name) --help differs from Golden/help/\(file); run scripts/golden-help and review the diff")
        }
        let stored = Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder.path))
        #expect(
            stored == expectedFiles, "golden files without a command, or commands without one; run scripts/golden-help")
    }
}
