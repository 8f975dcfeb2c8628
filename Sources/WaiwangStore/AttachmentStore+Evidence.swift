import Crypto
import Foundation
import WaiwangAPI
import WaiwangCore

extension AttachmentStore {
    /// Keeps an alert's evidence capture beside the attachments, named by its SHA-256 (the same bytes are kept
    /// once), and returns the digest. The caller has checked its size and that it is a capture.
    func saveEvidence(_ data: Data) throws -> String {
        let sha256 = HexEncoding.string(SHA256.hash(data: data))
        let path = self.path(of: sha256)
        if !FileManager.default.fileExists(atPath: path) {
            let temporary = path + ".partial-\(UUID().uuidString)"
            try data.write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                throw RegistryError(
                    .invalid, field: "evidencePcapBase64", rule: "evidence-storage",
                    "the evidence could not be stored; the operator finds the cause in the log")
            }
        }
        return sha256
    }
}
