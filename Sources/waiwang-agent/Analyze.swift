import ArgumentParser
import Foundation
import WaiwangCapture

extension WaiwangAgentCommand {
    /// `waiwang-agent analyze`: runs the attack detectors over a pcap or pcapng file and prints one alert
    /// per attack episode, attributed to the registered unit, with its evidence pcap.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find attacks from unit LANs in a capture file: one alert per episode, with evidence.",
            discussion: """
                Alerts are attributed by the link the capture was taken on (--link) and the longest-prefix match of
                the source among that link's units' prefixes; a source outside them is a spoofed/unregistered source,
                attributed to the link's units. With --json each alert is one JSON line (docs/ALERTS.md) and the
                last line is a summary without a `kind` field; otherwise alerts are printed for a person and the
                summary goes to stderr. --pcap - reads the capture from standard input.
                """)

        @Option(help: "The capture file (pcap or pcapng), or - for standard input.")
        var pcap: String
        @OptionGroup var detection: DetectionOptions

        func run() throws {
            // A bad watch or policy file is bad input (65); a capture that cannot be opened is a missing input (66).
            var engine: DetectionEngine
            let reader: PcapFileReader
            do {
                engine = try detection.makeEngine()
            } catch let error as DetectionConfigurationError {
                FileHandle.standardError.write(Data("waiwang-agent analyze: \(error)\n".utf8))
                throw ExitCode(65)
            }
            do {
                reader = try PcapFileReader(path: pcap)
            } catch {
                FileHandle.standardError.write(Data("waiwang-agent analyze: \(error)\n".utf8))
                throw ExitCode(66)
            }
            guard reader.linkType.isDecodable else {
                throw ValidationError(
                    "\(pcap): link type \(reader.linkType) is not decoded (Ethernet, Linux cooked and raw IP are)")
            }
            let output = AlertOutput(
                json: detection.json, printing: .closedOnly, evidenceDirectory: try detection.evidenceDirectory(),
                linkType: reader.linkType, snapshotLength: reader.snapshotLength)
            var decoder = reader.makeDecoder()
            let started = ContinuousClock.now
            var readFailure: (any Error)?
            var wireBytes: UInt64 = 0
            do {
                // The per-packet loop runs inside WaiwangCapture (decode, process, hand over events), compiled
                // as one piece; a closure here would copy the engine to ask whether it has events.
                try reader.analyze(decoder: &decoder, engine: &engine, wireBytes: &wireBytes) { events in
                    output.handle(events)
                }
            } catch {
                readFailure = error  // the packets before the damage were analysed: report them, then fail
            }
            engine.finish()
            output.handle(engine.takeEvents())
            output.finish()
            AnalysisSummary(
                link: engine.link, frames: reader.packetsRead, wireBytes: wireBytes, decode: decoder.statistics,
                detection: engine.statistics, capture: nil, elapsed: started.duration(to: .now),
                evidenceErrors: output.evidenceErrors
            ).write(json: detection.json)
            if let readFailure {
                FileHandle.standardError.write(Data("waiwang-agent analyze: \(readFailure)\n".utf8))
                throw ExitCode(65)
            }
        }
    }
}
