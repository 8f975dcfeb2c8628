import Prometheus

/// The agent's own metrics, in one Prometheus registry served on the local metrics port.
///
/// Capture hook: the capture engineer's code either takes ``registry`` and makes its own metrics there
/// (`waiwang_capture_packets_total`, `waiwang_capture_drops_total`, `waiwang_alerts_total`), or uses swift-metrics
/// (`Counter(label:)`): `waiwang-agent run` bootstraps swift-metrics with a `PrometheusMetricsFactory` over this same
/// registry, so both appear on `/metrics`. ``capturePackets`` and ``captureDrops`` are what the heartbeat reports;
/// the capture code adds to them.
public final class AgentMetrics: Sendable {
    /// Everything on `/metrics`.
    public let registry: PrometheusCollectorRegistry
    let pollsOK: Counter
    let pollsFailed: Counter
    let pollDuration: DurationHistogram
    let outboxDepth: Gauge
    let outboxDropped: Gauge
    let observationsSent: Counter
    let uplinkErrors: Counter
    let commandsExecuted: Counter
    let assignmentDevices: Gauge
    /// Packets the capture saw; the capture code increments it (0 until it lands).
    public let capturePackets: Counter
    /// Packets the capture lost (kernel or buffer drops).
    public let captureDrops: Counter

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        func name(_ subsystem: String, _ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "waiwang", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
        }
        let polls = name("agent", "polls", "total", "Device polls by result.")
        pollsOK = registry.makeCounter(descriptor: polls, labels: [("result", "ok")])
        pollsFailed = registry.makeCounter(descriptor: polls, labels: [("result", "unreachable")])
        pollDuration = registry.makeDurationHistogram(
            descriptor: name(
                "agent", "poll_duration", "seconds", "Time of one round of polls (every due device, in parallel)."),
            buckets: [
                .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                .seconds(1), .seconds(2), .seconds(5), .seconds(10),
            ])
        outboxDepth = registry.makeGauge(
            descriptor: name("agent", "outbox_depth", "", "Observations written and not yet acknowledged."))
        outboxDropped = registry.makeGauge(
            descriptor: name("agent", "outbox_dropped_samples", "", "Link samples dropped because the outbox was full.")
        )
        observationsSent = registry.makeCounter(
            descriptor: name("agent", "observations_acknowledged", "total", "Observations the registry acknowledged."))
        uplinkErrors = registry.makeCounter(
            descriptor: name("agent", "uplink_errors", "total", "Failed calls to the registry."))
        commandsExecuted = registry.makeCounter(
            descriptor: name("agent", "commands_executed", "total", "Port commands executed."))
        assignmentDevices = registry.makeGauge(
            descriptor: name("agent", "assigned_devices", "", "Devices in the current assignment."))
        capturePackets = registry.makeCounter(
            descriptor: name("capture", "packets", "total", "Packets seen on the mirror port."))
        captureDrops = registry.makeCounter(
            descriptor: name("capture", "drops", "total", "Packets dropped by the capture."))
    }

    /// The outbox's depth and drops, as last read.
    func record(_ status: OutboxStatus) {
        outboxDepth.set(Double(status.depth))
        outboxDropped.set(Double(status.droppedSamples))
    }

    /// The Prometheus text format of every metric.
    public func exposition() -> String { registry.emitToString() }
}
