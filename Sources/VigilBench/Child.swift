#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a program without waiting, its standard output going to the file `stdout`; returns its pid (0 if it failed).
func spawnChild(_ program: String, _ arguments: [String], stdout: String) -> pid_t {
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var pid: pid_t = 0
    return posix_spawnp(&pid, program, &actions, nil, argv, environ) == 0 ? pid : 0
}

/// Runs a program to the end and returns its exit status and peak resident size in KiB (from `wait4`, so the
/// child's own figure, not this process's).
func runChild(_ program: String, _ arguments: [String], stdout: String) -> (status: Int32, peakKilobytes: Int) {
    let pid = spawnChild(program, arguments, stdout: stdout)
    guard pid != 0 else { return (-1, 0) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    return (status, usage.ru_maxrss)
}
