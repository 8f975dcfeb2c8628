import ArgumentParser
import Foundation
import WaiwangAgent
import WaiwangCapture

extension WaiwangAgentCommand {
    /// `waiwang-agent capture`: the detectors on a live interface (a hub's mirror port) until stopped.
    struct Capture: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch a live interface (a mirror port) for attacks until SIGINT/SIGTERM or --duration.",
            discussion: """
                Needs CAP_NET_RAW. Every alert change (open, updated, closed) is printed as it happens; the summary
                at the end includes libpcap's drop counters (kernel and interface) and the packets the detectors
                could not keep up with, never hidden.
                """)

        @Option(help: "The interface to capture on (the mirror port).") var interface: String
        @Option(help: "A BPF filter (tcpdump syntax).") var filter: String?
        @Option(help: "Bytes kept of each frame.") var snaplen = 256
        @Option(help: "Kernel ring buffer in MiB.") var bufferMib = 64
        @Option(
            help: ArgumentHelp(
                "N > 0: the kernel hands over blocks of the ring when full or after N ms (TPACKET_V3): a third of "
                    + "immediate mode's CPU a frame at high rates. 0: immediate mode, every frame as it arrives.",
                valueName: "ms"))
        var batchMs = LiveCaptureConfiguration.defaultBatchMilliseconds
        @Option(help: "Stop after this many seconds.") var duration: Double?
        @OptionGroup var detection: DetectionOptions

        func validate() throws {
            guard (64...262_144).contains(snaplen) else { throw ValidationError("--snaplen must be 64…262144") }
            guard (1...4096).contains(bufferMib) else { throw ValidationError("--buffer-mib must be 1…4096") }
            guard (0...LiveCaptureConfiguration.maximumBatchMilliseconds).contains(batchMs) else {
                throw ValidationError("--batch-ms must be 0…\(LiveCaptureConfiguration.maximumBatchMilliseconds)")
            }
            if let duration, !(duration > 0) { throw ValidationError("--duration must be above 0") }
        }

        func run() async throws {
            let engine = try detection.makeEngine()
            let capture = try LiveCapture(
                configuration: LiveCaptureConfiguration(
                    interface: interface, snapshotLength: snaplen, bufferSize: bufferMib << 20,
                    batchMilliseconds: batchMs, filter: filter))
            if let warning = capture.activationWarning {
                FileHandle.standardError.write(Data("waiwang-agent capture: \(warning)\n".utf8))
            }
            let output = AlertOutput(
                json: detection.json, printing: .everyChange, evidenceDirectory: try detection.evidenceDirectory(),
                linkType: capture.linkType, snapshotLength: snaplen)
            let detector = CaptureDetector(engine: engine, linkType: capture.linkType)
            let stop = StopSignal()
            let signals = stop.installSignalHandlers()
            defer { signals.forEach { $0.cancel() } }

            let started = ContinuousClock.now
            try capture.start { bytes, time, wireLength in
                detector.process(bytes, timestampNanoseconds: time, wireLength: wireLength)
            }
            // Alerts are printed within a quarter of a second; idle episodes close and unanswered first contacts
            // settle even when the link goes quiet.
            let deadline = duration.map { started + .milliseconds(Int64($0 * 1000)) }
            while !stop.isStopped, !capture.isFinished {
                if let deadline, ContinuousClock.now >= deadline { break }
                await stop.sleep(until: ContinuousClock.now + .milliseconds(250))
                output.handle(detector.flush(atNanoseconds: Int64(Date().timeIntervalSince1970 * 1e9)))
            }
            let counters = await capture.stop()
            output.handle(detector.finish())
            output.finish()
            let counts = detector.counts
            AnalysisSummary(
                link: detector.link, frames: counts.frames, wireBytes: counts.wireBytes, decode: counts.decode,
                detection: detector.statistics, capture: counters, elapsed: started.duration(to: .now),
                evidenceErrors: output.evidenceErrors
            ).write(json: detection.json)
            if let failure = capture.failure {
                FileHandle.standardError.write(Data("waiwang-agent capture: \(failure)\n".utf8))
                throw ExitCode(74)
            }
        }
    }
}
