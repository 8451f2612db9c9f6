import Foundation
import TestSupport
import Testing

/// No Docker engine runs where the tests run, so the compose file is checked against the
/// Compose JSON Schema, and its services against what filmwg needs of them.
@Suite struct ComposeFileTests {
    /// Tests/CLITests/Schema/ThisFile.swift → the package root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func composeFileMatchesTheComposeSchemaAndHasTheServicesWeNeed() throws {
        let script = """
            import json, sys, yaml, jsonschema
            doc = yaml.safe_load(open(sys.argv[1]))
            schema = json.load(open(sys.argv[2]))
            jsonschema.validate(doc, schema)
            s = doc["services"]
            assert s["db"]["image"].startswith("postgres:15"), "db must be PostgreSQL 15"
            assert "pg_isready" in " ".join(s["db"]["healthcheck"]["test"]), "db needs a pg_isready health check"
            assert s["migrate"]["command"] == ["db", "migrate"], "migrate must run filmwg db migrate"
            assert s["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
            assert s["migrate"]["restart"] == "no", "the migration is one-shot"
            assert s["eligibility"]["command"][:2] == ["eligibility", "run"]
            print("ok")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script,
            Self.root.appendingPathComponent("docker-compose.yml").path,
            Self.root.appendingPathComponent("Tests/CLITests/Fixtures/compose-spec.json").path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("ok"))
    }
}
