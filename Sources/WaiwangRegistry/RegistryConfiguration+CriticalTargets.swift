import Foundation
import WaiwangCore

extension RegistryConfiguration {
    /// The important systems of `critical-targets.json`; none without the file. An invalid entry is refused with
    /// the file, the entry and what to fix.
    static func loadCriticalTargets(in directory: String) throws -> CriticalTargets {
        let file = "critical-targets.json"
        guard let list = try decode(CriticalTargetsFile.self, file: file, in: directory, required: false) else {
            return CriticalTargets.none
        }
        do { return try CriticalTargets(list.targets) } catch {
            throw ConfigurationError("\((directory as NSString).appendingPathComponent(file)): \(error)")
        }
    }
}

/// The shape of `critical-targets.json`: `{"targets": [{"name", "prefix", "description"?, "example"?}]}`.
struct CriticalTargetsFile: Decodable {
    var targets: [CriticalTarget]
}
