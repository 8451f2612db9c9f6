import FilmWG
import Foundation
import Postgres

// filmwg: the records backend's command line. Parses the noun and verb, runs the command, and
// turns every failure into one sentence on stderr and a sysexits code.

StandardStreams.prepare()
Interrupts.install()
let code = CLI.main(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(code.rawValue)
