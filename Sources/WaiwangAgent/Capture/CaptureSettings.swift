import WaiwangCapture

/// How the agent captures on its mirror ports: the detector thresholds (from `capture.detection_policy`, or the
/// built-in defaults), the bytes kept of each frame, the kernel ring, and the cap of the evidence an alert carries.
public struct CaptureSettings: Sendable {
    /// Thresholds, windows, table caps, evidence policy.
    public var policy: DetectionPolicy
    /// Bytes kept of each captured frame.
    public var snapshotLength: Int
    /// The kernel ring buffer of each capture, bytes.
    public var bufferSize: Int
    /// How long the kernel may hold frames to hand them over in blocks, ms; 0 for immediate mode.
    public var batchMilliseconds: Int
    /// The largest evidence pcap sent with a closed alert; packets past it stay in the file on disk only.
    public var evidenceCapBytes: Int
    /// How often the detectors are flushed (idle episodes closed, pending alerts shipped) while traffic is quiet.
    public var tick: Duration

    public init(
        policy: DetectionPolicy = DetectionPolicy(), snapshotLength: Int = 1518, bufferSize: Int = 64 << 20,
        batchMilliseconds: Int = LiveCaptureConfiguration.defaultBatchMilliseconds,
        evidenceCapBytes: Int = 256 << 10, tick: Duration = .milliseconds(250)
    ) {
        self.policy = policy
        self.snapshotLength = snapshotLength
        self.bufferSize = bufferSize
        self.batchMilliseconds = batchMilliseconds
        self.evidenceCapBytes = evidenceCapBytes
        self.tick = tick
    }
}
