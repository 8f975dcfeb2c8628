import Foundation
import WaiwangCapture

/// Prints what the detection engine reports and writes each alert's evidence pcap; used from one thread.
///
/// `analyze` prints each episode once, as it closed (its final counts); `capture` prints every change
/// (open, updated, closed) as it happens. Evidence packets go to `<evidence-dir>/<alert id>.pcap`, a
/// file per alert, closed with the episode.
final class AlertOutput {
    /// Which alert states are printed.
    enum Printing {
        case closedOnly
        case everyChange
    }

    private let json: Bool
    private let printing: Printing
    private let evidenceDirectory: URL?
    private let linkType: LinkType
    private let snapshotLength: Int
    private var writers: [String: PcapEvidenceWriter] = [:]
    private var evidencePaths: [String: String] = [:]
    private(set) var evidenceErrors: [String] = []

    init(json: Bool, printing: Printing, evidenceDirectory: URL?, linkType: LinkType, snapshotLength: Int) {
        self.json = json
        self.printing = printing
        self.evidenceDirectory = evidenceDirectory
        self.linkType = linkType
        self.snapshotLength = max(snapshotLength, 64)
    }

    /// Handles the engine's events in order.
    func handle(_ events: [DetectionEvent]) {
        for event in events {
            switch event {
            case .alert(let alert):
                if alert.state == .closed { closeEvidence(of: alert.id) }
                if printing == .everyChange || alert.state == .closed { emit(alert) }
            case .evidence(let packet):
                keep(packet)
            }
        }
    }

    /// Closes every evidence file still open (at the end of the run).
    func finish() {
        for id in Array(writers.keys) { closeEvidence(of: id) }
    }

    private func emit(_ alert: Alert) {
        let evidence = evidencePaths[alert.id]
        writeLine(json ? Self.jsonLine(alert, evidence: evidence) : Self.humanLine(alert, evidence: evidence))
    }

    private func keep(_ packet: EvidencePacket) {
        guard let evidenceDirectory else { return }
        let writer: PcapEvidenceWriter
        if let open = writers[packet.alertID] {
            writer = open
        } else {
            let path = evidenceDirectory.appendingPathComponent(Self.fileName(for: packet.alertID)).path
            do {
                writer = try PcapEvidenceWriter(path: path, linkType: linkType, snapshotLength: snapshotLength)
            } catch {
                evidenceErrors.append("\(path): \(error)")
                return
            }
            writers[packet.alertID] = writer
            evidencePaths[packet.alertID] = path
        }
        packet.bytes.withUnsafeBytes { bytes in
            writer.write(bytes, timestampNanoseconds: packet.timestampNanoseconds, wireLength: packet.wireLength)
        }
    }

    private func closeEvidence(of id: String) {
        guard let writer = writers.removeValue(forKey: id) else { return }
        do {
            try writer.close()
        } catch {
            evidenceErrors.append("\(writer.path): \(error)")
        }
    }

    /// A file name for an alert id: letters, digits, `.`, `_` and `-` kept, anything else `_`.
    static func fileName(for id: String) -> String {
        let safe = id.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": Character(scalar)
            default: "_"
            }
        }
        return String(safe) + ".pcap"
    }

    /// The alert's JSON (docs/ALERTS.md) with `evidence`, the path of its pcap, when one was written.
    static func jsonLine(_ alert: Alert, evidence: String?) -> String {
        guard let line = try? alert.jsonLine() else { return #"{"error":"alert could not be encoded"}"# }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        guard let evidence, line.hasSuffix("}"), let path = try? encoder.encode(evidence) else { return line }
        return String(line.dropLast()) + #","evidence":"# + String(decoding: path, as: UTF8.self) + "}"
    }

    /// One line for a person: kind in Chinese, attacker, unit, link, targets, ports, time span, packets.
    static func humanLine(_ alert: Alert, evidence: String?) -> String {
        var parts = [
            "[\(alert.kind.chineseLabel)] \(alert.kind.rawValue)",
            "攻击方 \(alert.attacker)",
            "单位 \(alert.unit ?? alert.units.joined(separator: ","))" + (alert.spoofedSource ? "（伪造源地址）" : ""),
            "链路 \(alert.link)",
            "目标 \(alert.targets.count) 个" + sample(alert.targets.sample.map { $0 }),
        ]
        if alert.ports.count > 0 {
            parts.append("端口 \(alert.ports.count) 个" + sample(alert.ports.sample.map(String.init)))
        }
        parts.append("\(alert.firstSeen) – \(alert.lastSeen)")
        parts.append("\(alert.packets) 包")
        if let evidence { parts.append("证据 \(evidence)") }
        return parts.joined(separator: "  ")
    }

    private static func sample(_ values: [String]) -> String {
        guard !values.isEmpty else { return "" }
        let shown = values.prefix(5).joined(separator: ",")
        return values.count > 5 ? "（\(shown)…）" : "（\(shown)）"
    }
}

/// Writes one line to standard output at once (unbuffered, so a live capture's alerts are seen as they happen
/// and never interleave with the summary).
func writeLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension AlertKind {
    /// The kind as the security staff name it.
    var chineseLabel: String {
        switch self {
        case .portScan: "端口扫描"
        case .hostSweep: "主机扫描"
        case .wormFanout: "蠕虫扩散"
        case .synFlood: "SYN 洪泛"
        case .udpFlood: "UDP 洪泛"
        case .icmpFlood: "ICMP 洪泛"
        case .bruteForce: "暴力破解"
        case .arpSpoof: "ARP 欺骗"
        }
    }
}
