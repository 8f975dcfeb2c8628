import Foundation
import WaiwangAPI

@testable import WaiwangAgent

/// A fresh temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("waiwang-agent-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// The built `waiwang-agent` beside the test bundle (`swift build --build-tests` builds both).
func agentExecutable() throws -> URL {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    candidates.append(
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug"))
    for directory in candidates {
        var url = directory
        for _ in 0..<4 {
            let binary = url.appendingPathComponent("waiwang-agent")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
            url = url.deletingLastPathComponent()
        }
    }
    throw TestFailure("waiwang-agent not found beside the tests; run swift build --build-tests first")
}

/// A test's own failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum Samples {
    static func link(_ n: Int) -> ObservationPayload {
        .linkSample(
            LinkSampleObservation(
                device: "hub", ifName: "ge-0/0/\(n)", linkId: Int64(n), health: "up", inBitsPerSecond: Double(n)))
    }

    static func health(_ n: Int) -> ObservationPayload {
        .healthChange(
            HealthChangeObservation(
                device: "hub", ifName: "ge-0/0/\(n)", linkId: Int64(n), from: "up", to: "down",
                reason: "operDown(down)"))
    }

    static func alert(_ n: Int) -> AlertObservation {
        AlertObservation(
            alertId: "alert-\(n)", state: "open", kind: "portScan", attacker: "10.1.1.\(n)", unitId: "1", linkId: "1",
            spoofedSource: false, targetCount: 100, targetsSample: ["10.0.0.1"], ports: [22], firstSeen: "t",
            lastSeen: "t", packets: 1000, bytes: 60000, packetsPerSecond: 100)
    }

    static func trap(_ n: Int) -> ObservationPayload {
        .trap(TrapObservation(device: "hub", trap: "linkDown", ifIndex: n))
    }
}
