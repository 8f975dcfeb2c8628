import ArgumentParser
import Foundation
import WaiwangCapture

/// The options `analyze` and `capture` share: what is watched, on which link, the thresholds, the output.
struct DetectionOptions: ParsableArguments {
    @Option(help: "The watch file: units, their prefixes and links, the allowlist (docs/ALERTS.md).")
    var watch: String
    @Option(help: "The link the capture was taken on (may be left out when the watch file has one link).")
    var link: String?
    @Option(help: "Detector thresholds (JSON); default Config/detection.json when present, else built-in defaults.")
    var policy: String?
    @Option(help: "Write one evidence pcap per alert into this directory (created if missing).")
    var evidenceDir: String?
    @Flag(help: "Alerts as JSON lines and a final summary line without a `kind` field.")
    var json = false

    /// The validated watch file, policy and the engine built from them; errors name the file and field.
    func makeEngine() throws -> DetectionEngine {
        let watchFile = try WatchConfiguration.load(contentsOf: URL(fileURLWithPath: watch))
        return try DetectionEngine(watch: watchFile, policy: try loadPolicy(), link: link)
    }

    private func loadPolicy() throws -> DetectionPolicy {
        if let policy {
            return try DetectionPolicy.load(contentsOf: URL(fileURLWithPath: policy))
        }
        let shipped = URL(fileURLWithPath: "Config/detection.json")
        if FileManager.default.isReadableFile(atPath: shipped.path) {
            return try DetectionPolicy.load(contentsOf: shipped)
        }
        return DetectionPolicy()
    }

    /// The evidence directory, created when missing.
    func evidenceDirectory() throws -> URL? {
        guard let evidenceDir else { return nil }
        let url = URL(fileURLWithPath: evidenceDir, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("--evidence-dir \(evidenceDir) cannot be created: \(error.localizedDescription)")
        }
        return url
    }
}
