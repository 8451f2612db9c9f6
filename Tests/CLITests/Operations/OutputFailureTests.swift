import Foundation
import TestSupport
import Testing

/// A failed write or read is one sentence and exit 74 (EX_IOERR), never a trap; when the
/// database work committed first, the sentence says so.
@Suite struct OutputFailureTests {
    @Test func aJobWhoseSummaryCannotBeWrittenSaysTheRunSucceededAndExits74() throws {
        try TestDatabase.with { db in
            let full = try FilmWGBinary.shell(#""$FILMWG" eligibility run --as-of 2020-01-01 >/dev/full"#, database: db)
            #expect(full.status == 74, "\(full)")
            #expect(
                full.stderr.hasSuffix(
                    "filmwg: run 1 succeeded; its summary could not be written: No space left on device\n"), "\(full)")
            #expect(!full.stderr.contains("Fatal error"))
            let closed = try FilmWGBinary.shell(#""$FILMWG" eligibility run --as-of 2020-01-02 >&-"#, database: db)
            #expect(closed.status == 74, "\(closed)")
            #expect(
                closed.stderr.hasSuffix(
                    "filmwg: run 2 succeeded; its summary could not be written: standard output is closed\n"))
            // Both runs are kept, succeeded: the lost summary did not undo them.
            let runs = try FilmWGBinary.run(["jobs", "list", "--status", "succeeded", "--format", "csv"], database: db)
            #expect(runs.stdout.split(separator: "\n").count == 3, "\(runs)")
        }
    }

    @Test func anyCommandWhoseOutputCannotBeWrittenExits74WithOneSentence() throws {
        try TestDatabase.with { db in
            let list = try FilmWGBinary.shell(#""$FILMWG" position list >/dev/full"#, database: db)
            #expect(list.status == 74, "\(list)")
            #expect(
                list.stderr
                    == "filmwg: the command finished (any change it made is committed) but its output could not be written: No space left on device\n"
            )
            let help = try FilmWGBinary.shell(#""$FILMWG" company add --help >&-"#)
            #expect(help.status == 74)
            #expect(help.stderr.hasSuffix("standard output is closed\n"))
            let fine = try FilmWGBinary.shell(#""$FILMWG" position list >/dev/null"#, database: db)
            #expect(fine.status == 0, "\(fine)")
        }
    }

    @Test func anUnreadableInputIsAReadErrorExit74() throws {
        try TestDatabase.with { db in
            let csv = try FilmWGBinary.run(["company", "import", "/proc/self/mem"], database: db)
            #expect(csv.status == 74, "\(csv)")
            #expect(csv.stderr == "filmwg: /proc/self/mem could not be read at line 1: Input/output error\n")
            let rule = try FilmWGBinary.run(["policy", "check", "--rule-file", "/proc/self/mem"], database: db)
            #expect(rule.status == 74, "\(rule)")
            #expect(rule.stderr == "filmwg: rule file /proc/self/mem could not be read: Input/output error\n")
        }
    }
}
