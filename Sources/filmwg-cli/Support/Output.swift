import FilmWG
import Foundation

/// One value in a printed record. Kept typed so JSON prints numbers and booleans as such.
enum Cell: Equatable {
    case text(String)
    case number(String)
    case bool(Bool)
    /// Already-encoded JSON (an array or object), printed as-is in JSON and as text elsewhere.
    case json(String)
    case null

    var plain: String {
        switch self {
        case .text(let s), .number(let s), .json(let s): s
        case .bool(let b): b ? "true" : "false"
        case .null: ""
        }
    }
}

/// A record as printed: SQL column names, in order, with their values.
struct Record {
    var fields: [(name: String, value: Cell)]
    init(_ fields: [(String, Cell)]) { self.fields = fields.map { (name: $0.0, value: $0.1) } }
}

enum Format: String, CaseIterable {
    case table, csv, json

    static let option = Option.value("format", "table|csv|json", "output format (default: table)")

    /// `options` with `--format` last, unless they place it themselves (`report list` lists it
    /// first), so a command's help shows it once and where it always stood.
    static func adding(to options: [Option]) -> [Option] {
        options.contains { $0.name == option.name } ? options : options + [option]
    }

    static func from(_ arguments: Arguments) throws -> Format {
        guard let text = arguments.string("format") else { return .table }
        guard let format = Format(rawValue: text.lowercased()) else {
            throw CLIError.usage("--format must be table, csv or json, not '\(text)'")
        }
        return format
    }
}

/// Where commands write: data to stdout, messages to stderr. Knows whether each is a terminal.
///
/// A failed write to stdout (a full disk, a closed descriptor, a reader gone) never traps: the
/// first failure is kept in `writeFailure`, later data is dropped, and `CLI.main` turns it into
/// one sentence and exit 74 after the command — saying what the command committed first when the
/// command named it in `committed`. A failed write to stderr is ignored: there is nowhere left to
/// say it.
final class Output {
    let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    let stdinIsTerminal = isatty(STDIN_FILENO) == 1

    /// Data for stdout, sent in large pieces: a long list costs few system calls.
    private var pending: [UInt8] = []

    /// Why stdout could not be written (`strerror`), once a write has failed.
    private(set) var writeFailure: String?

    /// What the running command has committed to the database, in words ("run 12 succeeded"),
    /// for the sentence reporting that its output could not be written.
    var committed: String?
    /// What stdout was to carry, for the same sentence ("summary").
    var outputName = "output"

    init(stdoutFailure: String? = StandardStreams.stdoutFailure) {
        writeFailure = stdoutFailure
    }

    func write(_ text: String) {
        guard writeFailure == nil else { return }
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        if writeFailure == nil, let failure = StandardStreams.write(pending, to: STDOUT_FILENO) {
            writeFailure = failure
        }
        pending.removeAll(keepingCapacity: true)
    }

    deinit { flush() }

    func message(_ text: String, newline: Bool = true) {
        flush()
        let shown = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TerminalText.visible(String($0))
        }
        .joined(separator: "\n")
        _ = StandardStreams.write(Array((shown + (newline ? "\n" : "")).utf8), to: STDERR_FILENO)
    }

    /// A progress line that rewrites itself, on a terminal only.
    func progress(_ text: String) {
        guard stderrIsTerminal else { return }
        _ = StandardStreams.write(Array("\r\u{1B}[K\(text)".utf8), to: STDERR_FILENO)
    }

    func endProgress() {
        guard stderrIsTerminal else { return }
        _ = StandardStreams.write(Array("\r\u{1B}[K".utf8), to: STDERR_FILENO)
    }

    /// One record: a two-column table of name and value, a one-row CSV, or a JSON object.
    func show(_ record: Record, format: Format) {
        switch format {
        case .table:
            let rows = record.fields.map { [$0.name, $0.value.plain] }
            write(TextTable.render(header: nil, rows: rows, numeric: [false, false]))
        case .csv:
            write(CSVWriter.line(record.fields.map(\.name)) + CSVWriter.line(record.fields.map { $0.value.plain }))
        case .json: write(JSONText.object(record) + "\n")
        }
    }

    /// Many records with the same columns: an aligned table, CSV with header, or a JSON array.
    func list(_ records: [Record], columns: [String], format: Format) {
        switch format {
        case .table:
            let numeric = columns.indices.map { i in
                !records.isEmpty
                    && records.allSatisfy { r in
                        guard i < r.fields.count else { return true }
                        if case .number = r.fields[i].value { return true }
                        return r.fields[i].value == .null
                    }
            }
            write(
                TextTable.render(
                    header: columns, rows: records.map { $0.fields.map { $0.value.plain } }, numeric: numeric))
            if stdoutIsTerminal { message("(\(records.count) row\(records.count == 1 ? "" : "s"))") }
        case .csv:
            write(CSVWriter.line(columns))
            for record in records { write(CSVWriter.line(record.fields.map { $0.value.plain })) }
        case .json:
            write("[" + records.map(JSONText.object).joined(separator: ",\n ") + "]\n")
        }
    }
}

enum JSONText {
    static func object(_ record: Record) -> String {
        "{" + record.fields.map { "\(string($0.name)): \(value($0.value))" }.joined(separator: ", ") + "}"
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): string(s)
        case .number(let s): s
        case .bool(let b): b ? "true" : "false"
        case .json(let s): s
        case .null: "null"
        }
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Text a terminal shows as it is: control characters (ESC sequences that would recolour or
/// retitle the admin's terminal, CR that would overwrite a line, BEL …) and bidirectional
/// overrides become visible stand-ins instead of being emitted. C0 controls and DEL become their
/// Unicode control pictures (ESC → ␛, CR → ␍, NUL → ␀), LF becomes ↵ and TAB ␉; C1 controls and
/// bidi controls become `<U+XXXX>`. Data formats (CSV, JSON) keep the exact text.
enum TerminalText {
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsStandIn) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0A: out.append("↵")
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                out.append(contentsOf: String(format: "<U+%04X>", v).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func needsStandIn(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }
}

/// Aligned columns where a Chinese character takes two cells, as terminals draw it.
enum TextTable {
    static func render(header: [String]?, rows: [[String]], numeric: [Bool]) -> String {
        let all = (header.map { [$0] } ?? []) + rows
        let clean = all.map { $0.map(TerminalText.visible) }
        let columns = clean.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in clean { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        var out = ""
        for (index, row) in clean.enumerated() {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
                let right = i < numeric.count && numeric[i] && !(header != nil && index == 0)
                let isLast = i == row.count - 1
                line += right ? pad + cell : cell + (isLast ? "" : pad)
                if !isLast { line += "  " }
            }
            out += line + "\n"
            if header != nil, index == 0 {
                out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return out
    }
}

enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width($1) }
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }
}
