import Foundation
import WaiwangAPI
import WaiwangCapture

extension AlertObservation {
    /// The wire form of a detector's alert, with its evidence pcap (already capped) base64-encoded.
    init(_ alert: Alert, evidence: Data?) {
        self.init(
            alertId: alert.id, state: alert.state.rawValue, kind: alert.kind.rawValue, attacker: alert.attacker,
            unitId: alert.unit, linkId: alert.link, spoofedSource: alert.spoofedSource,
            targetCount: alert.targets.count, targetsSample: alert.targets.sample, ports: alert.ports.sample,
            firstSeen: alert.firstSeen.description, lastSeen: alert.lastSeen.description,
            packets: Int(clamping: alert.packets), bytes: Int(clamping: alert.bytes),
            packetsPerSecond: alert.rate.isFinite ? alert.rate : 0,
            evidencePcapBase64: evidence?.base64EncodedString())
    }
}
