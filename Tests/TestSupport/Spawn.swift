import Foundation

/// Runs server tools (pg_ctl, pg_basebackup) to their end, as the postgres user when the tests
/// run as root, with stdin/stdout/stderr on /dev/null and no other descriptor inherited.
///
/// Not Foundation's `Process`: a server that pg_ctl leaves running would keep the descriptor by
/// which `Process` notices its child's exit (and the test run's output pipe), so the wait
/// would never end. Here bash (dash cannot name a descriptor above 9) closes every descriptor above 2 before `exec`, and the
/// child is reaped with `waitpid`.
public enum Spawn {
    public static func asServerUser(_ arguments: [String]) -> Int32 {
        runDirect((getuid() == 0 ? ["runuser", "-u", "postgres", "--"] : []) + arguments)
    }

    static func runDirect(_ command: [String]) -> Int32 {
        let script = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#
        let argv = ["/bin/bash", "-c", script, "bash"] + command
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, &cArguments, environ)
        guard spawned == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// The PostgreSQL server binaries' folder (newest installed version).
    public static var serverBin: String? {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        return versions.map { "/usr/lib/postgresql/\($0)/bin" }.first {
            FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl")
        }
    }
}
