import Foundation
import Logging
import Metrics
import WaiwangAPI
import WaiwangCapture

/// Takes one capture's detection events to the outbox: every alert change (open, updated, closed) as a priority
/// observation, written synchronously and never dropped; evidence packets into the alert's file, sent base64 with
/// the closed alert.
///
/// An alert the outbox cannot take right now (the disk is full) is kept and retried at the next tick, in order.
/// Used from one task at a time.
final class AlertShipper {
    private let outbox: Outbox
    private let evidence: EvidenceArchive
    private let logger: Logger
    private var unsent: [(observation: AlertObservation, discard: String?)] = []

    init(outbox: Outbox, evidence: EvidenceArchive, logger: Logger) {
        self.outbox = outbox
        self.evidence = evidence
        self.logger = logger
    }

    /// Handles the events in order; returns how many alert changes went into the outbox.
    @discardableResult
    func ship(_ events: [DetectionEvent]) -> Int {
        for event in events {
            switch event {
            case .evidence(let packet):
                evidence.keep(packet)
            case .alert(let alert):
                var pcap: (pcap: Data, complete: Bool)?
                if alert.state == .closed { pcap = evidence.close(alert.id) }
                unsent.append(
                    (AlertObservation(alert, evidence: pcap?.pcap), pcap?.complete == true ? alert.id : nil))
                Counter(
                    label: "waiwang_alerts_total",
                    dimensions: [("kind", alert.kind.rawValue), ("state", alert.state.rawValue)]
                ).increment()
                if alert.state == .open {
                    logger.warning(
                        "attack detected",
                        metadata: [
                            "kind": "\(alert.kind.rawValue)", "attacker": "\(alert.attacker)",
                            "unit": "\(alert.unit ?? alert.units.joined(separator: ","))", "link": "\(alert.link)",
                            "alert": "\(alert.id)",
                        ])
                }
            }
        }
        return retry()
    }

    /// Writes the alerts not yet in the outbox; returns how many went in.
    @discardableResult
    func retry() -> Int {
        var written = 0
        while let next = unsent.first {
            do {
                try outbox.enqueueAlert(next.observation)
            } catch {
                logger.error(
                    "cannot write an alert to the outbox; retrying",
                    metadata: ["alert": "\(next.observation.alertId)", "error": "\(error)"])
                break
            }
            unsent.removeFirst()
            written += 1
            if let id = next.discard { evidence.discard(id) }
        }
        return written
    }

    /// Alerts waiting for the outbox.
    var backlog: Int { unsent.count }
}
