import Foundation
import Testing

@testable import WaiwangAgent

@Suite("agent.toml")
struct AgentConfigTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test("the shipped example parses with its documented values")
    func example() throws {
        let text = try String(
            contentsOf: Self.repository.appendingPathComponent("Config/agent.example.toml"), encoding: .utf8)
        let config = try AgentConfig(
            toml: text.replacingOccurrences(of: "ca_file = \"/etc/waiwang/registry-ca.pem\"\n", with: ""))
        #expect(config.registry.url == "https://waiwang.example.org")
        #expect(config.agent.stateDir == "/var/lib/waiwang-agent")
        #expect(config.maxObservations == 200_000)
        #expect(config.commandWaitSeconds == 20)
        #expect(config.metricsListen?.host == "127.0.0.1")
        #expect(config.metricsListen?.port == 9464)
        #expect(config.captureEnabled == false)
    }

    @Test("every hub profile in Agents/ parses (CA file aside, which lives on the hub)")
    func profiles() throws {
        let directory = Self.repository.appendingPathComponent("Agents")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }
        #expect(files.count == 10)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let config = try AgentConfig(
                toml: text.split(separator: "\n").filter { !$0.hasPrefix("ca_file") }.joined(separator: "\n"))
            #expect(config.registry.url.hasPrefix("https://"), "\(file)")
        }
    }

    @Test("minimal configuration gets defaults; mistakes name the key")
    func defaultsAndErrors() throws {
        let minimal = """
            [registry]
            url = "http://127.0.0.1:8080"
            allow_insecure_loopback = true
            [agent]
            state_dir = "/tmp/x"
            """
        let config = try AgentConfig(toml: minimal)
        #expect(config.batchSize == 1000)
        #expect(config.backoffCapSeconds == 60)
        #expect(throws: AgentConfigError.self) {
            try AgentConfig(toml: minimal.replacingOccurrences(of: "allow_insecure_loopback = true", with: ""))
        }
        #expect(throws: AgentConfigError.self) { try AgentConfig(toml: minimal + "\n[outbox]\nbatch_size = 0\n") }
        #expect(throws: AgentConfigError.self) { try AgentConfig(toml: "[agent]\nstate_dir = \"x\"\n") }
    }
}
