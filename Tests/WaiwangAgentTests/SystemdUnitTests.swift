import Foundation
import Testing

@Suite("systemd/waiwang-agent.service")
struct SystemdUnitTests {
    static let unit = AgentConfigTests.repository.appendingPathComponent("systemd/waiwang-agent.service")

    @Test("hardened as the design asks: its own user, one writable state directory, CAP_NET_RAW only")
    func hardening() throws {
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        let lines = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for required in [
            "DynamicUser=yes", "StateDirectory=waiwang-agent", "ProtectSystem=strict", "NoNewPrivileges=yes",
            "CapabilityBoundingSet=CAP_NET_RAW", "AmbientCapabilities=CAP_NET_RAW", "Restart=on-failure",
            "ExecStart=/usr/local/bin/waiwang-agent run --config /etc/waiwang/agent.toml",
        ] {
            #expect(lines.contains(required), "missing \(required)")
        }
    }

    @Test("systemd-analyze verify finds nothing wrong (skipped where systemd-analyze is absent)")
    func verify() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else {
            print("SKIP: /usr/bin/systemd-analyze not installed; the unit is not verified here")
            return
        }
        // verify checks that ExecStart='s binary exists: verify a copy whose ExecStart points at a stand-in
        // (the installed path is checked by the test above).
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("waiwang-unit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let standIn = root.appendingPathComponent("waiwang-agent")
        try "#!/bin/sh\n".write(to: standIn, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: standIn.path)
        let copy = root.appendingPathComponent("waiwang-agent.service")
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
            .replacingOccurrences(of: "ExecStart=/usr/local/bin/waiwang-agent", with: "ExecStart=\(standIn.path)")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = ["verify", "--man=no", copy.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let problems = output.split(separator: "\n").filter { $0.contains("waiwang-agent.service") }
        #expect(process.terminationStatus == 0 && problems.isEmpty, "systemd-analyze verify: \(output)")
    }
}
