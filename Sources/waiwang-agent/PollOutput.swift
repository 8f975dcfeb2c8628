import Foundation
import WaiwangAgent
import WaiwangSNMP

/// Prints poll results: JSON lines for programs, short tables for people.
struct PollOutput {
    let json: Bool
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The JSON of one polled device: the snapshot, and its links' rates and health from the second poll on.
    private struct DeviceLine: Encodable {
        var device: DeviceSnapshot
        var links: [LinkReport]?

        func encode(to encoder: any Encoder) throws {
            try device.encode(to: encoder)
            if let links {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(links, forKey: .links)
            }
        }
        enum Key: String, CodingKey { case links }
    }

    private struct UnreachableLine: Encodable {
        var target: String
        var unreachable = true
        var error: String
    }

    func device(_ snapshot: DeviceSnapshot, links: [LinkReport]?) throws {
        if json {
            print(String(decoding: try encoder.encode(DeviceLine(device: snapshot, links: links)), as: UTF8.self))
            return
        }
        print(
            "\(snapshot.target)  \(snapshot.sysName ?? "?")  up \(snapshot.sysUpTime / 100) s  "
                + "\(snapshot.interfaces.count) interfaces  \(snapshot.requests) requests")
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
            print(line)
        }
    }

    func unreachable(_ target: SNMPTarget, _ error: SNMPError) throws {
        if json {
            let line = UnreachableLine(target: target.address, error: "\(error)")
            print(String(decoding: try encoder.encode(line), as: UTF8.self))
        } else {
            print("\(target.address)  unreachable: \(error) — \(error.advice)")
        }
    }
}
