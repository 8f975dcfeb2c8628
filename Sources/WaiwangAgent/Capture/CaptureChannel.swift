import Foundation
import Logging
import WaiwangAPI
import WaiwangCapture

/// One assigned capture running: the libpcap capture on its own thread feeding the detectors, and what takes
/// their alerts to the outbox. Built, ticked and stopped by ``CaptureService`` from one task.
final class CaptureChannel {
    let assigned: AssignedCapture
    private let capture: LiveCapture
    private let detector: CaptureDetector
    private let shipper: AlertShipper
    private let stats: AgentStats
    private var reported = CaptureStatistics()
    private var failureLogged = false
    private let logger: Logger

    /// Opens the interface and starts capturing; throws when the interface, the filter or the watch is unusable.
    init(
        _ assigned: AssignedCapture, watch: WatchConfiguration, settings: CaptureSettings, outbox: Outbox,
        evidenceDirectory: URL, stats: AgentStats, logger: Logger
    ) throws {
        var logger = logger
        logger[metadataKey: "interface"] = "\(assigned.interface)"
        logger[metadataKey: "link"] = "\(assigned.linkId)"
        self.logger = logger
        self.assigned = assigned
        self.stats = stats
        let engine = try DetectionEngine(watch: watch, policy: settings.policy, link: String(assigned.linkId))
        let capture = try LiveCapture(
            configuration: LiveCaptureConfiguration(
                interface: assigned.interface, snapshotLength: settings.snapshotLength,
                bufferSize: settings.bufferSize, batchMilliseconds: settings.batchMilliseconds,
                filter: assigned.filter.isEmpty ? nil : assigned.filter))
        if let warning = capture.activationWarning {
            logger.warning("capture opened with a warning", metadata: ["warning": "\(warning)"])
        }
        let detector = CaptureDetector(engine: engine, linkType: capture.linkType)
        self.capture = capture
        self.detector = detector
        shipper = AlertShipper(
            outbox: outbox,
            evidence: EvidenceArchive(
                directory: evidenceDirectory, linkType: capture.linkType,
                snapshotLength: max(64, min(settings.snapshotLength, settings.policy.evidence.snapLength)),
                cap: settings.evidenceCapBytes, logger: logger),
            logger: logger)
        try capture.start { bytes, time, wireLength in
            detector.process(bytes, timestampNanoseconds: time, wireLength: wireLength)
        }
        logger.info("capturing")
    }

    /// Settles what has timed out by now, ships the alerts and evidence since the last tick, adds the counters.
    func tick() {
        shipper.ship(detector.flush(atNanoseconds: Int64(Date().timeIntervalSince1970 * 1e9)))
        report(capture.statistics)
        if let failure = capture.failure, !failureLogged {
            failureLogged = true
            logger.error("capture failed; reopening it shortly", metadata: ["error": "\(failure)"])
        }
    }

    /// Whether the capture thread ended on its own (the interface went down or away).
    var hasFailed: Bool { capture.isFinished }

    /// Stops the capture thread, closes every open episode and ships them with their evidence.
    func stop() async {
        let final = await capture.stop()
        shipper.ship(detector.finish())
        report(final)
        if shipper.backlog > 0 {
            logger.critical("alerts could not be written to the outbox before stopping", metadata: ["alerts": "\(shipper.backlog)"])
        }
        logger.info("capture stopped", metadata: ["packets": "\(final.delivered)", "drops": "\(drops(final))"])
    }

    private func report(_ now: CaptureStatistics) {
        let packets = Int(clamping: now.delivered &- reported.delivered)
        let lost = Int(clamping: drops(now) &- drops(reported))
        if packets > 0 || lost > 0 { stats.addCapture(packets: max(0, packets), drops: max(0, lost)) }
        reported = now
    }

    private func drops(_ statistics: CaptureStatistics) -> UInt64 {
        statistics.dropped &+ statistics.interfaceDropped &+ statistics.consumerDropped
    }
}
