import Foundation
import Synchronization
import Testing
import WaiwangSNMP

/// A private net-snmp `snmpd` on a free loopback port, with its own config and state directory.
///
/// Use ``run(_:)``: it starts the agent, waits until it answers, and stops it by PID afterwards,
/// also when the body throws. snmpd runs under `timeout --kill-after=5 120`, so even a crashed
/// test run leaves no agent behind for more than about two minutes.
struct PrivateSNMPAgent: Sendable {
    static let community = "public"
    static let writeCommunity = "private"
    static let user = "waiwang"
    /// The same passphrases under SHA-256 and AES-256.
    static let strongUser = "waiwang256"
    static let authPassphrase = "authpass1234"
    static let privPassphrase = "privpass1234"
    static let sysName = "waiwang-test"

    let port: UInt16
    let directory: URL
    private let process: Process

    /// `udp:127.0.0.1:PORT`.
    var address: String { "udp:127.0.0.1:\(port)" }

    func target(community: String = Self.community, version: SNMPTarget.Version = .v2c) throws -> SNMPTarget {
        try SNMPTarget(address, credentials: version == .v1 ? .v1(community: community) : .v2c(community: community))
    }

    func v3Target(
        user: String = Self.user,
        auth: SNMPTarget.AuthProtocol = .sha,
        authPassphrase: String = Self.authPassphrase,
        priv: SNMPTarget.PrivProtocol = .aes128,
        privPassphrase: String = Self.privPassphrase,
        timeout: Duration = .seconds(1)
    ) throws -> SNMPTarget {
        try SNMPTarget(
            address,
            credentials: .v3(.init(name: user, auth: (auth, authPassphrase), priv: (priv, privPassphrase))),
            timeout: timeout)
    }

    /// Starts an agent (with `extraConfig` lines appended to its snmpd.conf), runs `body` with it,
    /// and stops the agent whatever happens.
    static func run<T: Sendable>(extraConfig: String = "", _ body: (PrivateSNMPAgent) async throws -> T) async throws
        -> T
    {
        let agent = try await start(extraConfig: extraConfig)
        do {
            let result = try await body(agent)
            await agent.stop()
            return result
        } catch {
            await agent.stop()
            throw error
        }
    }

    private static func start(extraConfig: String) async throws -> PrivateSNMPAgent {
        var lastError: any Error = AgentError("snmpd never started")
        for _ in 0..<3 {
            let port = try freeUDPPort()
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("waiwang-snmpd-\(port)-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let config = directory.appendingPathComponent("snmpd.conf")
            try """
            rocommunity \(community) 127.0.0.1
            rwcommunity \(writeCommunity) 127.0.0.1
            createUser \(user) SHA \(authPassphrase) AES \(privPassphrase)
            rwuser \(user) priv
            createUser \(strongUser) SHA-256 \(authPassphrase) AES-256 \(privPassphrase)
            rwuser \(strongUser) priv
            sysName \(sysName)
            \(extraConfig)

            """.write(to: config, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            process.arguments = [
                "--kill-after=5", "120", "/usr/sbin/snmpd", "-f", "-Lo", "-C", "-c", config.path, "-M", "/dev/null",
                "-p", directory.appendingPathComponent("snmpd.pid").path, "--persistentDir=\(directory.path)",
                "udp:127.0.0.1:\(port)",
            ]
            process.environment = ["MIBS": "", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
            let log = directory.appendingPathComponent("snmpd.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
            let agent = PrivateSNMPAgent(port: port, directory: directory, process: process)
            if await agent.waitUntilAnswering(within: .seconds(10)) { return agent }
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            lastError = AgentError("snmpd on port \(port) did not answer within 10 s: \(text.suffix(400))")
            await agent.stop()
        }
        throw lastError
    }

    /// Polls with `snmpget` until sysName answers.
    private func waitUntilAnswering(within limit: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline, process.isRunning {
            let output = try? await Self.runTool(
                "snmpget",
                ["-v2c", "-c", Self.community, "-m", "", "-On", "-t", "0.3", "-r", "0", address, "1.3.6.1.2.1.1.5.0"],
                within: .seconds(3))
            if let output, output.contains(Self.sysName) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Kills the agent by the PID in its pidfile (if `timeout` is its parent), then reaps `timeout`.
    ///
    /// SIGKILL, not SIGTERM: a child spawned by Foundation's `Process` from a test's thread inherits
    /// that thread's signal mask, in which SIGTERM is blocked, so snmpd would never see it.
    func stop() async {
        let pidFile = directory.appendingPathComponent("snmpd.pid")
        if let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = Int32(text.filter(\.isNumber)),
            Self.parent(of: pid) == process.processIdentifier
        {
            kill(pid, SIGKILL)
        } else if process.isRunning {
            process.terminate()  // timeout forwards SIGTERM, then SIGKILLs after 5 s.
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(8)
        while process.isRunning, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The parent PID of `pid`, from /proc.
    private static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// Runs a net-snmp command-line tool with `MIBS=""`, bounded in time, and returns its stdout.
    static func runTool(_ name: String, _ arguments: [String], within limit: Duration = .seconds(30)) async throws
        -> String
    {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "waiwang-\(name)-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(name)")
        process.arguments = arguments
        process.environment = ["MIBS": "", "PATH": "/usr/bin:/bin"]
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while process.isRunning {
            if clock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                throw AgentError("\(name) did not finish within \(limit)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        try handle.close()
        guard process.terminationStatus == 0 else {
            throw AgentError("\(name) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// A UDP port on 127.0.0.1 that nothing is bound to right now.
    static func freeUDPPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw AgentError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddr in
                bind(fd, sockaddr, length) == 0 && getsockname(fd, sockaddr, &length) == 0
            }
        }
        guard bound else { throw AgentError("bind() failed") }
        return UInt16(bigEndian: address.sin_port)
    }
}

struct AgentError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
