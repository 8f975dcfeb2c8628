import Foundation
import Logging
import WaiwangCapture

/// The evidence pcaps of one capture's open alerts, under `<state dir>/evidence/<alert id>.pcap`, written as the
/// engine picks the packets and read back (capped) when the episode closes.
///
/// A file shipped whole is deleted once its closed alert is in the outbox; a file larger than the cap stays on disk
/// (the alert carries its first packets, the log names the file) for the unit's 溯源 and the authority's report.
/// Used from one task at a time (the writers own libpcap handles).
final class EvidenceArchive {
    private let directory: URL
    private let linkType: LinkType
    private let snapshotLength: Int
    private let cap: Int
    private let logger: Logger
    private var writers: [String: PcapEvidenceWriter] = [:]

    init(directory: URL, linkType: LinkType, snapshotLength: Int, cap: Int, logger: Logger) {
        self.directory = directory
        self.linkType = linkType
        self.snapshotLength = snapshotLength
        self.cap = cap
        self.logger = logger
    }

    /// Appends an evidence packet to its alert's file (opened at its first packet).
    func keep(_ packet: EvidencePacket) {
        let writer: PcapEvidenceWriter
        if let open = writers[packet.alertID] {
            writer = open
        } else {
            do {
                try FileManager.default.createDirectory(
                    at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                writer = try PcapEvidenceWriter(
                    path: path(of: packet.alertID), linkType: linkType, snapshotLength: snapshotLength)
            } catch {
                logger.error("cannot write evidence", metadata: ["alert": "\(packet.alertID)", "error": "\(error)"])
                return
            }
            writers[packet.alertID] = writer
        }
        packet.bytes.withUnsafeBytes { bytes in
            writer.write(bytes, timestampNanoseconds: packet.timestampNanoseconds, wireLength: packet.wireLength)
        }
    }

    /// Closes the alert's file and returns its contents capped to whole packets (and whether that is all of it),
    /// or nil when none was kept.
    func close(_ alertID: String) -> (pcap: Data, complete: Bool)? {
        guard let writer = writers.removeValue(forKey: alertID) else { return nil }
        do {
            try writer.close()
        } catch {
            logger.error("cannot write evidence", metadata: ["alert": "\(alertID)", "error": "\(error)"])
        }
        guard let data = FileManager.default.contents(atPath: writer.path),
            let capped = EvidencePcap.capped(data, cap: cap)
        else { return nil }
        if capped.omitted > 0 {
            logger.notice(
                "evidence larger than the cap: the alert carries its first packets, the whole file stays on disk",
                metadata: ["alert": "\(alertID)", "file": "\(writer.path)", "omitted": "\(capped.omitted)"])
        }
        return (capped.data, capped.omitted == 0)
    }

    /// Deletes the file of an alert whose evidence went into the outbox whole.
    func discard(_ alertID: String) {
        try? FileManager.default.removeItem(atPath: path(of: alertID))
    }

    private func path(of alertID: String) -> String {
        let safe = String(
            alertID.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": Character(scalar)
                default: "_"
                }
            })
        return directory.appendingPathComponent(safe + ".pcap").path
    }
}
