import Foundation
import PackagePlugin

/// Embeds every `.sql` file under the package's `sql/` folder into a generated Swift source,
/// so an installed `filmwg` binary can migrate a database without the source tree.
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let sqlRoot = context.package.directoryURL.appending(path: "sql")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        let inputs = Self.sqlFiles(under: sqlRoot)
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) SQL files",
                executable: try context.tool(named: "SQLEmbedder").url,
                arguments: [sqlRoot.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    static func sqlFiles(under root: URL) -> [URL] {
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "sql" }
            // sql/schema.sql (and any file at the top of sql/) is generated for readers, not applied.
            .filter { $0.deletingLastPathComponent().standardizedFileURL != root.standardizedFileURL } ?? []
        return files.sorted { $0.path < $1.path }
    }
}
