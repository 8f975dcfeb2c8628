import Foundation
import WaiwangCapture

/// The last line of `analyze --json` and `capture --json` (no `kind` field, so it is never taken for an
/// alert): what was read, how fast, what was skipped or dropped, how full the detector tables got.
struct AnalysisSummary: Encodable {
    var link: String
    /// Frames read from the file or the interface, and their bytes on the wire.
    var packets: Int
    var bytes: UInt64
    /// Frames decoded and given to the detectors.
    var decoded: UInt64
    var seconds: Double
    var packetsPerSecond: Double
    var bytesPerSecond: Double
    /// Frames the decoder skipped (malformed, truncated, unsupported), by reason.
    var decodeErrors: Int
    var decodeErrorsByReason: [String: Int]
    /// Live capture only: the kernel's and the interface's drops, and batches the consumer could not take.
    var drops: UInt64
    var interfaceDrops: UInt64
    var consumerDrops: UInt64
    var outbound: UInt64
    var spoofed: UInt64
    var inbound: UInt64
    var allowlisted: UInt64
    var arp: UInt64
    var tables: [TableStatistics]
    var tableMemoryBytes: Int
    var evictions: Int
    var episodeEvictions: Int
    /// Attack episodes (alerts) opened, all kinds together.
    var alerts: Int
    var alertsByKind: [String: Int]
    var evidencePackets: Int
    var evidenceErrors: [String]

    init(
        link: String, frames: Int, wireBytes: UInt64, decode: DecodeStatistics, detection: DetectionStatistics,
        capture: CaptureStatistics?, elapsed: Duration, evidenceErrors: [String]
    ) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        self.link = link
        packets = frames
        bytes = wireBytes
        decoded = detection.packets
        self.seconds = seconds
        packetsPerSecond = seconds > 0 ? Double(frames) / seconds : 0
        bytesPerSecond = seconds > 0 ? Double(wireBytes) / seconds : 0
        decodeErrors = decode.skipped
        decodeErrorsByReason = Dictionary(
            decode.skippedByReason.map { ("\($0.reason)", $0.count) }, uniquingKeysWith: +)
        drops = capture?.dropped ?? 0
        interfaceDrops = capture?.interfaceDropped ?? 0
        consumerDrops = capture?.consumerDropped ?? 0
        outbound = detection.outbound
        spoofed = detection.spoofed
        inbound = detection.inbound
        allowlisted = detection.allowlisted
        arp = detection.arp
        tables = detection.tables
        tableMemoryBytes = detection.tableMemoryBytes
        evictions = detection.evictions
        episodeEvictions = detection.episodeEvictions
        alerts = detection.alertsByKind.values.reduce(0, +)
        alertsByKind = detection.alertsByKind
        evidencePackets = detection.evidencePackets
        self.evidenceErrors = evidenceErrors
    }

    /// Prints the summary: the last JSON line on stdout with `json`, else lines for a person on stderr.
    func write(json: Bool) {
        if json {
            writeLine(jsonLine())
        } else {
            FileHandle.standardError.write(Data((humanText() + "\n").utf8))
        }
    }

    /// One JSON line, snake_case keys sorted.
    func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(self) else { return #"{"error":"summary could not be encoded"}"# }
        return String(decoding: data, as: UTF8.self)
    }

    /// A few lines for a person, on stderr.
    func humanText() -> String {
        var lines = [
            "链路 \(link)：读取 \(packets) 帧，解码 \(decoded) 帧，\(bytes) 字节，用时 \(String(format: "%.2f", seconds)) 秒"
                + "（\(String(format: "%.0f", packetsPerSecond)) 包/秒）",
            "解码跳过 \(decodeErrors)，丢包 \(drops)（接口 \(interfaceDrops)，处理 \(consumerDrops)）",
            "出向 \(outbound)，伪造源 \(spoofed)，入向 \(inbound)，白名单 \(allowlisted)，ARP \(arp)",
            "告警 \(alerts)，检测表内存 \(tableMemoryBytes / 1024) KiB，淘汰 \(evictions)",
        ]
        if !evidenceErrors.isEmpty { lines.append("证据写入失败：\(evidenceErrors.joined(separator: "; "))") }
        return lines.joined(separator: "\n")
    }
}
