import Foundation
import Testing

/// The README's Layout section is how a newcomer finds their way in; it is only useful while it
/// names what the tree holds. These tests read its code block and the tree, both ways.
@Suite struct ReadmeLayoutTests {
    /// Tests/CLITests/Support/ThisFile.swift → the package root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The fenced block right under `## Layout`.
    static func layoutBlock() throws -> String {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "\n## Layout\n"), "README.md has no Layout section")
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    static func entries(of folder: String, directoriesOnly: Bool) throws -> [String] {
        let url = root.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { name in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return !name.hasPrefix(".") && (!directoriesOnly || isDirectory.boolValue)
        }.sorted()
    }

    @Test func everyTopFolderOfSourcesSqlAndTestsIsNamedInTheLayout() throws {
        let block = try Self.layoutBlock()
        for folder in ["Sources", "sql", "Tests"] {
            for name in try Self.entries(of: folder, directoriesOnly: true) {
                // Tests/ lists its targets by name on one line; the others by path.
                let named = folder == "Tests" ? block.contains(name) : block.contains("\(folder)/\(name)/")
                #expect(named, "Layout does not name \(folder)/\(name)/")
            }
        }
    }

    @Test func theDomainsFeatureFoldersAreExactlyTheOnesTheLayoutLists() throws {
        let block = try Self.layoutBlock()
        let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Sources/FilmWG/") })
        // The indented `Name/` entries under Sources/FilmWG/, up to the next top-level line.
        let listed = lines[(start + 1)...].prefix { $0.hasPrefix(" ") }.compactMap { line -> String? in
            let word = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
            return word.hasSuffix("/") ? String(word.dropLast()) : nil
        }.sorted()
        let onDisk = try Self.entries(of: "Sources/FilmWG", directoriesOnly: true)
        #expect(listed == onDisk)
        // The CLI and the tests use the same feature names (plus their own Support/Fixtures/…).
        let cli = try Self.entries(of: "Sources/filmwg-cli", directoriesOnly: true)
        #expect(
            Set(cli).subtracting(onDisk).isEmpty, "CLI folders without a domain folder: \(Set(cli).subtracting(onDisk))"
        )
    }

    @Test func everyScriptIsNamedInTheLayout() throws {
        let block = try Self.layoutBlock()
        for name in try Self.entries(of: "scripts", directoriesOnly: false) {
            #expect(block.contains(name), "Layout does not name scripts/\(name)")
        }
        #expect(block.contains(".ci/run"))
    }
}
