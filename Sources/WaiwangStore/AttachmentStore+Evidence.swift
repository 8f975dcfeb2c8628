import Foundation

extension AttachmentStore {
    /// Keeps an alert's evidence capture beside the attachments, named by its SHA-256 (the same bytes are kept
    /// once), and returns the digest. The caller has checked its size and that it is a capture.
    func saveEvidence(_ data: Data) throws -> String {
        try keep(data, field: "evidencePcapBase64", rule: "evidence-storage", what: "the evidence")
    }
}
