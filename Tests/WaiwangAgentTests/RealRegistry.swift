import Foundation
import WaiwangAPI
import WaiwangClient

/// The real `waiwang-registry serve` (the binary built beside the tests) on a free loopback port with a temporary
/// data directory and the repository's `Config/`, and an admin client of it. Stopped by PID after the body.
struct RealRegistry: Sendable {
    let url: URL
    let adminToken: String

    static func run<T: Sendable>(_ body: (RealRegistry, RegistryClient) async throws -> T) async throws -> T {
        let binary = try agentExecutable().deletingLastPathComponent().appendingPathComponent("waiwang-registry")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw TestFailure("\(binary.path) is missing; run swift build --build-tests first")
        }
        return try await withTemporaryDirectory { dir in
            let config = AgentConfigTests.repository.appendingPathComponent("Config").path
            let token =
                try runTool(
                    binary,
                    ["token", "create", "--data-dir", dir, "--config", config, "--role", "admin", "--name", "t"]
                )
                .split(separator: "\n").last.map(String.init) ?? ""
            let port = try freeTCPPort()
            let process = Process()
            process.executableURL = binary
            process.arguments = [
                "serve", "--data-dir", dir, "--config", config, "--host", "127.0.0.1", "--port", String(port),
            ]
            let log = dir + "/serve.log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardError = process.standardOutput
            try process.run()
            defer {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            let registry = RealRegistry(url: URL(string: "http://127.0.0.1:\(port)")!, adminToken: token)
            let admin = RegistryClient(baseURL: registry.url, token: token)
            do {
                var up = false
                for _ in 0..<100 where !up {
                    up = (try? await admin.health()) != nil
                    if !up { try await Task.sleep(for: .milliseconds(100)) }
                }
                guard up else {
                    throw TestFailure(
                        "registry did not answer: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                }
                let result = try await body(registry, admin)
                try await admin.shutdown()
                return result
            } catch {
                try? await admin.shutdown()
                throw error
            }
        }
    }

    private static func runTool(_ binary: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("\(binary.lastPathComponent) \(arguments)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    static func freeTCPPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
