import Foundation
import Testing
import WaiwangCore
import WaiwangRegistry

/// The registry reads Config/critical-targets.json with the rest of its configuration and refuses to start on a bad
/// entry, naming the file, the entry and what to fix.
@Suite("Critical targets configuration")
struct CriticalTargetConfigTests {
    /// A configuration directory holding the shipped divisions.json and, when given, `criticalTargets` as
    /// critical-targets.json.
    static func directory(criticalTargets: String?) throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Config")
        let directory = FileManager.default.temporaryDirectory.appending(path: "waiwang-critical-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: root.appending(path: "divisions.json"), to: directory.appending(path: "divisions.json"))
        if let criticalTargets {
            try Data(criticalTargets.utf8).write(to: directory.appending(path: "critical-targets.json"))
        }
        return directory
    }

    @Test("the shipped file loads with the rest of Config/, its examples in force")
    func shipped() {
        let systems = RegistryFixture.configuration.incidents.criticalTargets
        #expect(systems.entries.map(\.name).contains("市政务云核心区"))
        #expect(systems.entries.allSatisfy { $0.example == true })
    }

    @Test("without the file no target is critical")
    func absent() throws {
        let directory = try Self.directory(criticalTargets: nil)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try RegistryConfiguration.load(directory: directory.path).incidents.criticalTargets.isEmpty)
    }

    static let invalid: [(String, String, [String])] = [
        (
            "a prefix that does not parse",
            #"{"targets": [{"name": "市政务云核心区", "prefix": "10.250.0.0/24"}, {"name": "交换平台", "prefix": "10.250.1/24"}]}"#,
            ["targets[1].prefix", "交换平台", "10.250.1/24"]
        ),
        (
            "host bits set",
            #"{"targets": [{"name": "市政务云核心区", "prefix": "10.250.0.1/24"}]}"#,
            ["targets[0].prefix", "did you mean 10.250.0.0/24"]
        ),
        ("an empty name", #"{"targets": [{"name": "", "prefix": "10.250.0.0/24"}]}"#, ["targets[0].name", "give the system a name"]),
        (
            "a name twice",
            #"{"targets": [{"name": "核心区", "prefix": "10.250.0.0/24"}, {"name": "核心区", "prefix": "10.250.2.0/24"}]}"#,
            ["targets[1].name", "named twice"]
        ),
        (
            "a prefix twice",
            #"{"targets": [{"name": "核心区", "prefix": "10.250.0.0/24"}, {"name": "交换平台", "prefix": "10.250.0.0/24"}]}"#,
            ["targets[1].prefix", "already targets[0] (核心区)"]
        ),
        ("an entry without a prefix", #"{"targets": [{"name": "核心区"}]}"#, ["is not valid", "prefix"]),
    ]

    @Test("a bad file is refused naming the file, the entry and what to fix", arguments: invalid)
    func refused(name: String, json: String, mentions: [String]) throws {
        let directory = try Self.directory(criticalTargets: json)
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: ConfigurationError.self) { try RegistryConfiguration.load(directory: directory.path) }
        let text = error?.description ?? ""
        #expect(text.contains(directory.appending(path: "critical-targets.json").path), "\(name): \(text)")
        for mention in mentions { #expect(text.contains(mention), "\(name): \(text)") }
    }
}
