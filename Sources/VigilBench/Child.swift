#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts a program without waiting, its standard output going to the file `stdout` and `environment` added to ours;
/// returns its pid (0 if it failed).
func spawnChild(
    _ program: String, _ arguments: [String], stdout: String, stdin: String? = nil, environment: [String] = []
) -> pid_t {
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var inherited: [UnsafeMutablePointer<CChar>?] = []
    var e = environ
    while let entry = e.pointee { inherited.append(strdup(entry)); e += 1 }
    let envp = inherited + environment.map { strdup($0) } + [nil]
    defer { envp.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if let stdin { posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0) }
    var pid: pid_t = 0
    return posix_spawnp(&pid, program, &actions, nil, argv, envp) == 0 ? pid : 0
}

/// Runs a program to the end and returns its exit status and peak resident size in KiB.
/// A spawned child starts out sharing this process's memory, and Linux carries that high-water mark across `exec`, so
/// `wait4` would report at least this process's size. A `vigil` child therefore writes its own figure (`VmHWM`, which
/// belongs to the new program alone) to a file named by `VIGIL_PEAK_FILE`; other programs fall back to `wait4`.
func runChild(_ program: String, _ arguments: [String], stdout: String, stdin: String? = nil) -> (
    status: Int32, peakKilobytes: Int
) {
    let peakFile = "/tmp/vigil-peak-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
    defer { unlink(peakFile) }
    let pid = spawnChild(program, arguments, stdout: stdout, stdin: stdin, environment: ["VIGIL_PEAK_FILE=\(peakFile)"])
    guard pid != 0 else { return (-1, 0) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    return (status, ownPeak(peakFile) ?? usage.ru_maxrss)
}

func ownPeak(_ path: String) -> Int? {
    firstLine(path, where: { _ in true }).flatMap { Int($0.filter(\.isNumber)) }
}

/// The first line of a small text file that `matches`, read with C stdio (this module does not use Foundation's files).
func firstLine(_ path: String, where matches: (String) -> Bool) -> String? {
    guard let f = fopen(path, "r") else { return nil }
    defer { fclose(f) }
    var buffer = [CChar](repeating: 0, count: 256)
    while fgets(&buffer, Int32(buffer.count), f) != nil {
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if matches(line) { return line }
    }
    return nil
}

/// For benchmark children: when `VIGIL_PEAK_FILE` is set, writes this process's peak resident size (KiB) there at exit.
public enum PeakReport {
    public static func atExitIfAsked() {
        guard getenv("VIGIL_PEAK_FILE") != nil else { return }
        atexit {
            guard let path = getenv("VIGIL_PEAK_FILE"),
                let line = firstLine("/proc/self/status", where: { $0.hasPrefix("VmHWM:") }),
                let out = fopen(path, "w")
            else { return }
            fputs(String(line.filter(\.isNumber)) + "\n", out)
            fclose(out)
        }
    }
}
