import Foundation
import WaiwangAgent
import WaiwangSNMP

/// Prints poll results: JSON lines for programs, short lines for people; each line is written at once (not
/// buffered), so a program reading the output sees a trap the moment it is handled.
struct PollOutput: Sendable {
    let json: Bool

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The JSON of one polled device: the snapshot, and its links' rates and health from the second poll on.
    private struct DeviceLine: Encodable {
        var device: DeviceSnapshot
        var links: [LinkReport]?
        var trigger: PollScheduler.Trigger?

        func encode(to encoder: any Encoder) throws {
            try device.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeIfPresent(links, forKey: .links)
            try container.encodeIfPresent(trigger, forKey: .trigger)
        }
        enum Key: String, CodingKey { case links, trigger }
    }

    /// An event line: `{"event": NAME, …the value's fields}`.
    private struct EventLine<Value: Encodable>: Encodable {
        var event: String
        var value: Value

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(event, forKey: .event)
            try value.encode(to: encoder)
        }
        enum Key: String, CodingKey { case event }
    }

    func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func writeJSON(_ value: some Encodable) {
        guard let data = try? Self.encoder().encode(value) else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    func emit(_ output: PollScheduler.Output) {
        switch output {
        case .device(let snapshot, let links, let trigger):
            device(snapshot, links: links, trigger: trigger == .trap ? .trap : nil)
        case .unreachable(let report): unreachable(report)
        case .change(let change):
            if json {
                writeJSON(EventLine(event: "health", value: change))
            } else {
                write(
                    "\(change.target)  \(change.ifName) (ifIndex \(change.ifIndex)): \(change.from) → \(change.to)"
                        + "  [\(change.cause.rawValue): \(change.reason)]")
            }
        case .trap(let trap):
            if json {
                writeJSON(EventLine(event: "trap", value: trap))
            } else {
                var line = "trap \(trap.kind) \(trap.version) from \(trap.source):\(trap.sourcePort)"
                if let ifIndex = trap.ifIndex { line += " ifIndex \(ifIndex)" }
                if let admin = trap.ifAdminStatus, let oper = trap.ifOperStatus {
                    line += " admin \(admin) oper \(oper)"
                }
                line +=
                    trap.targets.isEmpty ? " (no polled device)" : " → re-poll \(trap.targets.joined(separator: ", "))"
                write(line)
            }
        }
    }

    func statistics(_ statistics: TrapStatistics) {
        if json {
            writeJSON(EventLine(event: "trapStatistics", value: statistics))
        } else {
            write(
                "traps: \(statistics.received) received, \(statistics.delivered) delivered, "
                    + "\(statistics.malformed) malformed, \(statistics.wrongCommunity) wrong community, "
                    + "\(statistics.unsupported) unsupported, \(statistics.dropped) dropped")
        }
    }

    func device(_ snapshot: DeviceSnapshot, links: [LinkReport]?, trigger: PollScheduler.Trigger? = nil) {
        if json {
            writeJSON(DeviceLine(device: snapshot, links: links, trigger: trigger))
            return
        }
        var lines = [
            "\(snapshot.target)  \(snapshot.sysName ?? "?")  up \(snapshot.sysUpTime / 100) s  "
                + "\(snapshot.interfaces.count) interfaces  \(snapshot.requests) requests"
                + (snapshot.skippedValues > 0 ? "  \(snapshot.skippedValues) values skipped" : "")
                + (trigger == .trap ? "  (re-polled after a trap)" : "")
        ]
        let reports = Dictionary((links ?? []).map { ($0.ifIndex, $0) }, uniquingKeysWith: { first, _ in first })
        for interface in snapshot.interfaces {
            var line =
                "  \(interface.ifIndex)\t\(interface.portName)\tadmin \(interface.ifAdminStatus ?? 0) oper \(interface.ifOperStatus ?? 0)"
            if let report = reports[interface.ifIndex] {
                let inRate =
                    report.inBitsPerSecond.value.map { String(format: "%.0f", $0) } ?? report.inBitsPerSecond.missing
                    ?? "-"
                let outRate =
                    report.outBitsPerSecond.value.map { String(format: "%.0f", $0) } ?? report.outBitsPerSecond.missing
                    ?? "-"
                line += "\t\(report.health)\tin \(inRate) b/s out \(outRate) b/s"
            }
            lines.append(line)
        }
        write(lines.joined(separator: "\n"))
    }

    func unreachable(_ report: UnreachableReport) {
        if json {
            writeJSON(report)
            return
        }
        var line =
            "\(report.target)  unreachable (\(report.consecutiveFailures) in a row, next attempt in "
            + "\(String(format: "%.1f", report.nextAttemptInSeconds)) s): \(report.error) — \(report.advice)"
        if !report.links.isEmpty { line += "\n  \(report.links.count) links: unknown" }
        write(line)
    }
}
