import Foundation
import WaiwangCapture
import WaiwangCore

/// Builds synthetic decoded packets and runs them through an engine: the detectors' tests share it.
struct Traffic {
    /// The lab's watch file: U1 alone on L1 (gateway 10.77.1.1 with a known MAC); U2 and U3 sharing L2;
    /// U4 on L3 owning 10.88.0.0/16, which attackers on L1 forge; the authority's scanners in 10.99.0.0/24.
    static let watchJSON = """
        {"units": [
          {"id": "U1", "name": "Unit one", "prefixes": ["10.77.1.0/24", "2001:db8:77:1::/64"], "link": "L1"},
          {"id": "U2", "name": "Unit two", "prefixes": ["10.77.2.0/25"], "link": "L2"},
          {"id": "U3", "name": "Unit three", "prefixes": ["10.77.2.128/25"], "link": "L2"},
          {"id": "U4", "name": "Unit four", "prefixes": ["10.88.0.0/16"], "link": "L3"}],
         "links": [
          {"id": "L1", "units": ["U1"], "gateways": [{"ip": "10.77.1.1", "mac": "00:00:5e:00:01:01"}]},
          {"id": "L2", "units": ["U2", "U3"]},
          {"id": "L3", "units": ["U4"]}],
         "allow": ["10.99.0.0/24", {"prefix": "10.77.1.200/32", "port": 443}]}
        """

    static let watch: WatchConfiguration = {
        try! WatchConfiguration.decode(from: Data(watchJSON.utf8))
    }()

    /// The defaults with every detector but `keep` turned off.
    static func only(_ keep: AlertKind..., adjust: (inout DetectionPolicy) -> Void = { _ in }) -> DetectionPolicy {
        var policy = DetectionPolicy()
        policy.portScan.enabled = keep.contains(.portScan)
        policy.hostSweep.enabled = keep.contains(.hostSweep)
        policy.wormFanout.enabled = keep.contains(.wormFanout)
        policy.synFlood.enabled = keep.contains(.synFlood)
        policy.udpFlood.enabled = keep.contains(.udpFlood)
        policy.icmpFlood.enabled = keep.contains(.icmpFlood)
        policy.bruteForce.enabled = keep.contains(.bruteForce)
        policy.arpSpoof.enabled = keep.contains(.arpSpoof)
        policy.slowScan.enabled = false
        adjust(&policy)
        return policy
    }

    var engine: DetectionEngine
    /// Nanoseconds since the epoch of the next packet: 2026-11-27T00:00:00Z to start.
    var now: Int64 = 1_795_737_600 * 1_000_000_000
    var alerts: [Alert] = []
    var evidence: [EvidencePacket] = []
    var events: [DetectionEvent] = []
    /// Packets sent so far; each packet's raw bytes start with its number.
    var sent: UInt64 = 0

    init(policy: DetectionPolicy = DetectionPolicy(), link: String = "L1") {
        engine = try! DetectionEngine(watch: Self.watch, policy: policy, link: link)
    }

    static func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    /// Moves the clock on.
    mutating func wait(_ seconds: Double) { now += Int64(seconds * 1e9) }

    mutating func send(_ network: NetworkHeader, wireLength: Int = 60, mac: UInt64 = 0x0200_0000_0001) {
        let packet = DecodedPacket(
            timestampNanoseconds: now, wireLength: wireLength, sourceMAC: MACAddress(mac),
            destinationMAC: MACAddress(0x0200_0000_00FE), network: network)
        // The raw bytes carry the packet's number so evidence can be traced back.
        var raw = [UInt8](repeating: 0, count: min(wireLength, 64))
        withUnsafeBytes(of: sent.bigEndian) { raw.replaceSubrange(0..<8, with: $0) }
        sent += 1
        raw.withUnsafeBytes { engine.process(packet, raw: $0) }
        collect()
    }

    mutating func tcp(
        _ source: String, _ destination: String, _ sourcePort: UInt16, _ destinationPort: UInt16, _ flags: TCPFlags,
        wireLength: Int = 60
    ) {
        send(
            .ip(
                source: Self.ip(source), destination: Self.ip(destination),
                transport: .tcp(sourcePort: sourcePort, destinationPort: destinationPort, flags: flags),
                payloadLength: wireLength - 34), wireLength: wireLength)
    }

    mutating func udp(
        _ source: String, _ destination: String, _ sourcePort: UInt16, _ destinationPort: UInt16, wireLength: Int = 80
    ) {
        send(
            .ip(
                source: Self.ip(source), destination: Self.ip(destination),
                transport: .udp(sourcePort: sourcePort, destinationPort: destinationPort),
                payloadLength: wireLength - 34),
            wireLength: wireLength)
    }

    mutating func ping(_ source: String, _ destination: String, reply: Bool = false) {
        send(
            .ip(
                source: Self.ip(source), destination: Self.ip(destination),
                transport: .icmp(type: reply ? 0 : 8, code: 0), payloadLength: 64), wireLength: 98)
    }

    /// A whole TCP connection: handshake, `dataPackets` segments each way, FIN.
    mutating func connection(
        _ client: String, _ server: String, clientPort: UInt16, serverPort: UInt16, dataPackets: Int = 3
    ) {
        tcp(client, server, clientPort, serverPort, [.syn])
        wait(0.001)
        tcp(server, client, serverPort, clientPort, [.syn, .ack])
        tcp(client, server, clientPort, serverPort, [.ack])
        for _ in 0..<dataPackets {
            tcp(client, server, clientPort, serverPort, [.ack, .psh], wireLength: 400)
            tcp(server, client, serverPort, clientPort, [.ack, .psh], wireLength: 1514)
        }
        tcp(client, server, clientPort, serverPort, [.fin, .ack])
        tcp(server, client, serverPort, clientPort, [.fin, .ack])
        tcp(client, server, clientPort, serverPort, [.ack])
    }

    mutating func arp(senderMAC: UInt64, senderIP: String, targetIP: String, reply: Bool = true) {
        guard case .v4(let sender) = Self.ip(senderIP), case .v4(let target) = Self.ip(targetIP) else { return }
        send(
            .arp(
                ARPMessage(
                    operation: reply ? 2 : 1, senderMAC: MACAddress(senderMAC), senderIP: sender,
                    targetMAC: MACAddress(0), targetIP: target)), wireLength: 60, mac: senderMAC)
    }

    mutating func flush() {
        engine.flush(at: now)
        collect()
    }

    mutating func finish() {
        engine.finish()
        collect()
    }

    private mutating func collect() {
        guard engine.hasEvents else { return }
        for event in engine.takeEvents() {
            events.append(event)
            switch event {
            case .alert(let alert): alerts.append(alert)
            case .evidence(let packet): evidence.append(packet)
            }
        }
    }

    /// Alerts in state `open`.
    var opened: [Alert] { alerts.filter { $0.state == .open } }

    /// The last report of each alert id.
    var latest: [Alert] {
        var byID: [String: Alert] = [:]
        var order: [String] = []
        for alert in alerts {
            if byID[alert.id] == nil { order.append(alert.id) }
            byID[alert.id] = alert
        }
        return order.map { byID[$0]! }
    }
}
