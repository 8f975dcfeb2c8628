import Foundation
import Testing

@testable import WaiwangAgent

@Suite("agent.toml [capture]")
struct CaptureConfigTests {
    static func config(_ capture: String) throws -> AgentConfig {
        try AgentConfig(
            toml: """
                [registry]
                url = "http://127.0.0.1:8080"
                allow_insecure_loopback = true
                [agent]
                state_dir = "/tmp/waiwang-capture-config"
                [capture]
                \(capture)
                """)
    }

    @Test("capture on, a detection policy file and the evidence cap")
    func keys() throws {
        let config = try Self.config(
            "enabled = true\ndetection_policy = \"/etc/waiwang/detection.json\"\nevidence_max_kib = 512\nbatch_ms = 0")
        #expect(config.captureEnabled)
        #expect(config.capture.detectionPolicy == "/etc/waiwang/detection.json")
        #expect(config.evidenceMaxBytes == 512 * 1024)
        #expect(config.captureBatchMilliseconds == 0)
    }

    @Test("defaults: capture off, built-in thresholds, 256 KiB of evidence, frames handed over in 10 ms blocks")
    func defaults() throws {
        let config = try Self.config("")
        #expect(!config.captureEnabled && config.capture.detectionPolicy == nil)
        #expect(config.evidenceMaxBytes == 256 * 1024)
        #expect(config.captureBatchMilliseconds == 10)
    }

    @Test("an evidence cap the registry would refuse, an empty policy path or a hand-over delay out of range names the key")
    func refused() {
        let refusals = [
            "evidence_max_kib = 0", "evidence_max_kib = 8192", "detection_policy = \"\"", "batch_ms = -1",
            "batch_ms = 1001",
        ]
        for bad in refusals {
            #expect(throws: AgentConfigError.self) { try Self.config(bad) }
            do { _ = try Self.config(bad) } catch let error as AgentConfigError {
                #expect(error.message.hasPrefix("capture."))
            } catch {}
        }
    }
}
