import Foundation
import TestSupport
import Testing

@Suite struct CompletionCommandTests {
    /// Runs `script` in `shell` with the completion script of the built binary in a file.
    static func shell(_ shell: String, _ kind: String, _ script: String) throws -> CommandResult {
        let completion = try FilmWGBinary.run(["completion", kind])
        #expect(completion.status == 0 && completion.stderr.isEmpty)
        return try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("filmwg-completion")
            try Data(completion.stdout.utf8).write(to: file)
            let harness = folder.appendingPathComponent("harness")
            try Data(script.replacingOccurrences(of: "COMPLETION", with: file.path).utf8).write(to: harness)
            return try FilmWGBinary.run(["-f", harness.path], executable: URL(fileURLWithPath: shell))
        }
    }

    @Test func bashCompletesNounsVerbsOptionsAndValuesFromTheCommands() throws {
        let result = try Self.shell(
            "/bin/bash", "bash",
            """
            source COMPLETION
            t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _filmwg; echo "${COMPREPLY[*]}"; }
            t filmwg ""
            t filmwg ro
            t filmwg role ""
            t filmwg --actor bob role assign --p
            t filmwg role end 3 --
            t filmwg event list --format ""
            t filmwg history co
            t filmwg seed ""
            """)
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= 8)
        guard lines.count >= 8 else { return }
        for noun in [
            "attendance", "audit", "completion", "db", "election", "event", "grant", "history", "jobs", "position",
            "role", "seed",
        ] {
            #expect(lines[0].split(separator: " ").contains(Substring(noun)), "\(noun)")
        }
        #expect(lines[1] == "role")
        #expect(lines[2] == "assign end list show")
        #expect(lines[3] == "--position --professional")
        #expect(lines[4] == "--on --expect-version --yes --format --database --actor --help")
        #expect(lines[5] == "table csv json")
        #expect(lines[6] == "company")
        #expect(lines[7] == "launch-2017 list")
    }

    static let zshPath = ["/usr/bin/zsh", "/bin/zsh"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// zsh's completion system is replaced by stubs that print what `_filmwg` offers.
    @Test(.enabled(if: zshPath != nil, "zsh is not installed"))
    func zshCompletesNounsVerbsOptionsAndValuesWithDescriptions() throws {
        let result = try Self.shell(
            Self.zshPath!, "zsh",
            """
            _describe() { local -a items names; items=("${(@P)4}"); names=("${(@)items%%:*}"); print -r -- "${(j: :)names}|${items[1]#*:}"; }
            compadd() { shift; print -r -- "$*"; }
            _files() { print -r -- "(files)"; }
            _message() { print -r -- "(message)"; }
            compdef() { print -r -- "compdef $*"; }
            source COMPLETION
            t() { words=("$@"); CURRENT=$#words; _filmwg; }
            t filmwg ''
            t filmwg role ''
            t filmwg --actor bob role assign --p
            t filmwg event list --format ''
            t filmwg attendance import --event 1 ''
            t filmwg event add --name ''
            """)
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7, "\(result)")
        guard lines.count == 7 else { return }
        #expect(lines[0] == "compdef _filmwg filmwg")
        #expect(
            lines[1].hasPrefix(
                "attendance audit award company completion db election eligibility event figure grant history jobs member policy position professional report role seed work|attendance commands: record, list, import"
            ))
        #expect(
            lines[2] == "assign end list show|Assign a position to a professional, on behalf of a company, from a day.")
        #expect(
            lines[3]
                == "--position --professional --company --from --to --format --database --actor --help|the position, e.g. head (required)"
        )
        #expect(lines[4] == "table csv json")
        #expect(lines[5] == "(files)")
        #expect(lines[6] == "(message)")
    }

    @Test func anUnknownShellIsAUsageError() throws {
        let result = try FilmWGBinary.run(["completion", "fish"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("filmwg: 'fish' is not a command of 'filmwg completion'"))
    }
}
