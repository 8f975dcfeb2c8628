import Foundation

/// A test peer run as a child process that prints `LISTENING <port>` when ready; stopped by `stop()` or,
/// should the test process die, by its stdin closing.
public final class SinkProcess: @unchecked Sendable {
    // @unchecked: the Process and pipes are set up in init and afterwards only terminated, once, in stop().
    public let port: Int
    private let process: Process
    private let stdin: Pipe

    /// The package root: this file is Tests/WaiwangTestSupport/SinkProcess.swift.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public init(_ executable: String, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = Self.repositoryRoot
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var output = Data()
        while true {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty {
                throw SinkError(
                    "\(executable) \(arguments) ended before listening: \(String(decoding: output, as: UTF8.self))")
            }
            output += chunk
            let text = String(decoding: output, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("LISTENING ") }),
                let port = Int(line.dropFirst("LISTENING ".count))
            {
                self.port = port
                break
            }
        }
    }

    /// Closes the sink's stdin (it exits on EOF); SIGKILL after 5 s. Not SIGTERM: children of the test
    /// process inherit its signal mask, in which SIGTERM may be blocked.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A test peer that could not be started or a helper command that failed.
public struct SinkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A fresh folder under the system's temporary folder, removed by the caller.
public func temporaryDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("waiwang-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A TCP port nothing listens on (bound once by us, then released).
public func unusedPort() throws -> Int {
    let output = try runProcess(
        "/usr/bin/python3",
        ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
    return Int(output.trimmingCharacters(in: .whitespacesAndNewlines))!
}

/// Runs a command to its end and returns its standard output; throws when it fails.
@discardableResult
public func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = SinkProcess.repositoryRoot
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw SinkError(
            "\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: output, as: UTF8.self)
}
