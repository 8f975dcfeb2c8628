import WaiwangCore

/// Finds attacks from the units of one link in a stream of decoded packets, attributes them to the
/// registered unit, aggregates them into alert episodes and picks the raw packets to keep as evidence.
///
/// Used from one thread: give it every packet of the capture in order with `process(_:raw:)`, collect
/// what it reports with `takeEvents()` (cheap to skip while `hasEvents` is false), call `flush(at:)` when
/// time passes without packets and `finish()` at the end. Memory is allocated at `init` from the
/// policy's table caps and never grows with the traffic. `Sendable`, so it can be built on one thread
/// and handed to the capture thread that owns it from then on.
public struct DetectionEngine: Sendable {
    private let attribution: LinkAttribution
    private var book: EpisodeBook
    private var contacts: ContactTracker
    private var portScan: PortScanDetector
    private var hostSweep: HostSweepDetector
    private var worm: WormFanoutDetector
    private var slowScan: SlowScanDetector
    private var floods: FloodDetector
    private var bruteForce: BruteForceDetector
    private var arp: ARPSpoofDetector
    private var doorkeeper: Doorkeeper
    private var counters = DetectionStatistics()
    private var latest = Int64.min
    private var nextHousekeeping = Int64.min
    private let enabled: Enabled

    private struct Enabled {
        var portScan, hostSweep, worm, slowScan, bruteForce, arp: Bool
    }

    /// The link the capture was taken on.
    public var link: String { attribution.naming.link }

    /// Creates the engine for the capture of `link` (may be nil when the watch file has exactly one link).
    public init(watch: WatchConfiguration, policy: DetectionPolicy = DetectionPolicy(), link: String?)
        throws(DetectionConfigurationError)
    {
        try watch.validate()
        try policy.validate()
        let chosen: String
        if let link {
            chosen = link
        } else {
            let links = watch.linkIDs
            guard links.count == 1 else {
                throw DetectionConfigurationError(
                    field: "link", "the watch file has \(links.count) links; name the one the capture was taken on")
            }
            chosen = links[0]
        }
        attribution = try LinkAttribution(watch: watch, link: chosen)
        let caps = policy.tables
        book = EpisodeBook(naming: attribution.naming, policy: policy.episodes, evidence: policy.evidence)
        contacts = ContactTracker(
            capacity: caps.contacts, pendingCapacity: caps.pendingContacts, trackPending: policy.slowScan.enabled)
        portScan = PortScanDetector(policy: policy.portScan, capacity: caps.pairs)
        hostSweep = HostSweepDetector(policy: policy.hostSweep, capacity: caps.sources)
        worm = WormFanoutDetector(policy: policy.wormFanout, capacity: caps.services)
        slowScan = SlowScanDetector(policy: policy.slowScan, capacity: caps.sources)
        floods = FloodDetector(
            syn: policy.synFlood, udp: policy.udpFlood, icmp: policy.icmpFlood, capacity: caps.targets)
        bruteForce = BruteForceDetector(policy: policy.bruteForce, capacity: caps.authSessions)
        arp = ARPSpoofDetector(policy: policy.arpSpoof, gateways: attribution.gateways, capacity: caps.arpBindings)
        doorkeeper = Doorkeeper(bits: caps.doorkeeperBits)
        enabled = Enabled(
            portScan: policy.portScan.enabled, hostSweep: policy.hostSweep.enabled, worm: policy.wormFanout.enabled,
            slowScan: policy.slowScan.enabled, bruteForce: policy.bruteForce.enabled, arp: policy.arpSpoof.enabled)
    }

    // MARK: Events

    /// Whether `takeEvents()` has anything.
    public var hasEvents: Bool { book.hasEvents }

    /// The alerts and evidence packets produced since the last call, in order.
    public mutating func takeEvents() -> [DetectionEvent] { book.takeEvents() }

    /// Settles first contacts unanswered by `time` and closes episodes idle at `time` (nanoseconds since
    /// the epoch); call it when the capture goes quiet, e.g. once a second of wall time in live capture.
    public mutating func flush(at time: Int64) {
        if enabled.slowScan { expireContacts(before: time - slowScan.timeout) }
        book.reportOpened()
        book.closeIdle(now: time)
        if time > latest { latest = time }
    }

    /// Ends the capture: settles what has timed out by the last packet and closes every episode.
    public mutating func finish() {
        if latest != .min { flush(at: latest) }
        book.closeAll()
    }

    /// Counters, table sizes and evictions, alerts by kind.
    public var statistics: DetectionStatistics {
        var stats = counters
        stats.doorkeeperRejected = UInt64(doorkeeper.rejected)
        stats.tables =
            contacts.statistics() + [
                portScan.statistics(), hostSweep.statistics(), worm.statistics(), slowScan.statistics(),
                floods.statistics(), bruteForce.statistics(), arp.statistics(), book.rings.statistics(),
                book.hintStatistics(),
                TableStatistics(
                    name: "doorkeeper", capacity: doorkeeper.memoryBytes * 8, count: 0, evictions: doorkeeper.resets,
                    memoryBytes: doorkeeper.memoryBytes),
            ]
        stats.openEpisodes = book.openCount
        stats.episodeEvictions = book.evictions
        stats.alertsByKind = Dictionary(uniqueKeysWithValues: book.opened.map { ($0.key.rawValue, $0.value) })
        stats.evidencePackets = book.evidencePackets
        return stats
    }

    // MARK: Packets

    /// Processes one packet without raw bytes (no evidence bytes are kept).
    public mutating func process(_ packet: DecodedPacket) {
        process(packet, raw: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// Processes one captured packet; `raw` is its captured bytes, read (and copied when kept as
    /// evidence) only during this call.
    public mutating func process(_ packet: DecodedPacket, raw: UnsafeRawBufferPointer) {
        counters.packets &+= 1
        counters.bytes &+= UInt64(packet.wireLength)
        let now = packet.timestampNanoseconds
        if now > latest { latest = now }
        if now >= nextHousekeeping {
            book.closeIdle(now: now)
            nextHousekeeping = now + 1_000_000_000
        }
        if enabled.slowScan, contacts.hasExpired(before: now - slowScan.timeout) {
            expireContacts(before: now - slowScan.timeout)
        }
        switch packet.network {
        case .ip(let source, let destination, let transport, _):
            processIP(source, destination, transport, packet, raw)
        case .arp(let message):
            counters.arp &+= 1
            if enabled.arp { processARP(message, packet, raw) }
        case .other:
            counters.ignored &+= 1
        }
        if book.hasPendingOpen { book.reportOpened() }
    }

    /// The header facts of an IP packet the detectors branch on.
    private struct Header {
        var transport: UInt8 = 0
        var sourcePort: UInt16 = 0
        var destinationPort: UInt16 = 0
        var flags: TCPFlags = []
        var echoRequest = false
        var echoReply = false
    }

    @inline(__always)
    private mutating func processIP(
        _ source: IPAddress, _ destination: IPAddress, _ transport: TransportHeader, _ packet: DecodedPacket,
        _ raw: UnsafeRawBufferPointer
    ) {
        var header = Header()
        switch transport {
        case .tcp(let sourcePort, let destinationPort, let flags):
            header = Header(transport: 6, sourcePort: sourcePort, destinationPort: destinationPort, flags: flags)
        case .udp(let sourcePort, let destinationPort):
            header = Header(transport: 17, sourcePort: sourcePort, destinationPort: destinationPort)
        case .icmp(let type, _):
            header = Header(transport: 1, echoRequest: type == 8, echoReply: type == 0)
        case .icmpv6(let type, _):
            header = Header(transport: 1, echoRequest: type == 128, echoReply: type == 129)
        case .fragment, .other:
            counters.ignored &+= 1
            return
        }
        guard Self.isUnicast(destination), Self.isRoutable(source) else {
            counters.ignored &+= 1
            return
        }
        if attribution.hasAllowlist,
            attribution.allows(
                source: source, destination: destination, sourcePort: header.transport == 1 ? nil : header.sourcePort,
                destinationPort: header.transport == 1 ? nil : header.destinationPort)
        {
            counters.allowlisted &+= 1
            return
        }
        let sourceOwner = attribution.owner(of: source)
        let destinationOwner = attribution.owner(of: destination)
        if let destinationOwner {
            if sourceOwner == nil { counters.inbound &+= 1 }
            answer(from: source, to: destination, owner: destinationOwner, header, time: packet.timestampNanoseconds)
        }
        if let sourceOwner {
            counters.outbound &+= 1
            probe(source, destination, owner: sourceOwner, header, packet, raw)
        } else if destinationOwner == nil {
            counters.spoofed &+= 1
            probe(source, destination, owner: Owner.spoofed, header, packet, raw)
        }
    }

    /// A packet toward a unit: the answer (or refusal) that settles one of its first contacts.
    @inline(__always)
    private mutating func answer(
        from remote: IPAddress, to local: IPAddress, owner: Int32, _ header: Header, time: Int64
    ) {
        let localKey = KeyHash.address(local)
        let remoteKey = KeyHash.address(remote)
        switch header.transport {
        case 6:
            guard header.flags.contains(.syn) || header.flags.contains(.rst) else { return }
            let contact = ContactTracker.key(source: localKey, target: remoteKey, transport: 6, port: header.sourcePort)
            if header.flags.contains(.syn), header.flags.contains(.ack) {
                floods.answered(.syn, target: remoteKey, owner: owner)
                if contacts.settle(contact, answered: true, time: time) {
                    succeeded(localKey, remoteKey, transport: 6, port: header.sourcePort, time: time)
                }
            } else if header.flags.contains(.rst), contacts.settle(contact, answered: false, time: time),
                enabled.slowScan
            {
                slowScan.outcome(
                    source: localKey, target: KeyHash.short(remoteKey), success: false, probed: time, time: time,
                    book: &book)
            }
        case 17:
            floods.answered(.udp, target: remoteKey, owner: owner)
            let contact = ContactTracker.key(
                source: localKey, target: remoteKey, transport: 17, port: header.sourcePort)
            if contacts.inboundDatagram(contact, time: time) {
                succeeded(localKey, remoteKey, transport: 17, port: header.sourcePort, time: time)
            }
        default:
            guard header.echoReply else { return }
            floods.answered(.icmp, target: remoteKey, owner: owner)
            let contact = ContactTracker.key(source: localKey, target: remoteKey, transport: 1, port: 0)
            if contacts.settle(contact, answered: true, time: time) {
                succeeded(localKey, remoteKey, transport: 1, port: 0, time: time)
            }
        }
    }

    private mutating func succeeded(_ local: UInt64, _ remote: UInt64, transport: UInt8, port: UInt16, time: Int64) {
        if transport != 1 {
            if enabled.portScan { portScan.answered(source: local, target: remote, transport: transport, port: port) }
            if enabled.worm, worm.watches(port) {
                worm.answered(source: local, target: remote, transport: transport, port: port)
            }
        }
        if enabled.hostSweep { hostSweep.answered(source: local, target: remote) }
        if enabled.slowScan, transport != 17 {
            slowScan.outcome(
                source: local, target: KeyHash.short(remote), success: true, probed: time, time: time, book: &book)
        }
    }

    /// A packet from a unit (or a forged source on the link): a probe when it opens something.
    @inline(__always)
    private mutating func probe(
        _ source: IPAddress, _ destination: IPAddress, owner: Int32, _ header: Header, _ packet: DecodedPacket,
        _ raw: UnsafeRawBufferPointer
    ) {
        let flavor: FloodDetector.Flavor?
        switch header.transport {
        case 6:
            // SYN, FIN, NULL and Xmas probes carry no ACK; established traffic always does.
            guard header.flags.isDisjoint(with: [.ack, .rst]) else { return }
            flavor = header.flags.contains(.syn) ? .syn : nil
        case 17:
            // traceroute's probes (UDP to 33434–33534, one port per hop) are not a port scan.
            guard !(33434...33534).contains(header.destinationPort) else { return }
            flavor = .udp
        default:
            guard header.echoRequest else { return }
            flavor = .icmp
        }
        let sourceKey = KeyHash.address(source)
        let probe = Probe(
            time: packet.timestampNanoseconds, wireLength: packet.wireLength, source: source, destination: destination,
            sourceKey: sourceKey, destinationKey: KeyHash.address(destination), transport: header.transport,
            sourcePort: header.sourcePort, destinationPort: header.destinationPort, flags: header.flags, owner: owner)
        if owner == Owner.spoofed, !doorkeeper.admit(sourceKey) {
            if let flavor { floods.outbound(flavor, probe, raw: raw, book: &book) }
            return
        }
        let contact = contacts.outbound(
            ContactTracker.key(
                source: sourceKey, target: probe.destinationKey, transport: header.transport,
                port: header.destinationPort),
            source: sourceKey, target: KeyHash.short(probe.destinationKey), time: probe.time,
            isUDP: header.transport == 17, awaitsOutcome: header.transport != 17)
        if contact == .reply { return }
        if let flavor { floods.outbound(flavor, probe, raw: raw, book: &book) }
        var suspicious = false
        if contact == .first {
            if enabled.portScan, probe.hasPorts, portScan.firstContact(probe, book: &book) { suspicious = true }
            if enabled.hostSweep, hostSweep.firstContact(probe, book: &book) { suspicious = true }
            if enabled.worm, probe.hasPorts, worm.watches(probe.destinationPort),
                worm.firstContact(probe, book: &book)
            {
                suspicious = true
            }
            // The walk reads TCP and ICMP only: many UDP services never answer (syslog, traps, flow export).
            if enabled.slowScan, header.transport != 17 {
                if slowScan.firstContact(probe) { suspicious = true }
            }
        }
        if enabled.bruteForce, header.transport == 6, header.flags.contains(.syn),
            bruteForce.watches(header.destinationPort), bruteForce.syn(probe, book: &book)
        {
            suspicious = true
        }
        let mask = book.kinds(of: sourceKey)
        if mask != 0 {
            book.feed(mask, subject: sourceKey, probe, raw: raw)
        } else if suspicious {
            book.remember(EvidenceRings.key(of: sourceKey), probe, raw: raw)
        }
    }

    private mutating func expireContacts(before deadline: Int64) {
        while let pending = contacts.nextExpired(before: deadline) {
            slowScan.outcome(
                source: pending.source, target: pending.target, success: false, probed: pending.time,
                time: pending.time + slowScan.timeout, book: &book)
        }
    }

    private mutating func processARP(_ message: ARPMessage, _ packet: DecodedPacket, _ raw: UnsafeRawBufferPointer) {
        let time = packet.timestampNanoseconds
        guard let spoofer = arp.spoofer(message, time: time) else { return }
        let subject = KeyHash.key(spoofer.value, 0xA4B)
        let claimed = IPAddress.v4(message.senderIP)
        let owner = attribution.owner(of: claimed) ?? Owner.spoofed
        let probe = Probe(
            time: time, wireLength: packet.wireLength, source: claimed, destination: claimed,
            sourceKey: spoofer.value, destinationKey: KeyHash.address(claimed), transport: 0, sourcePort: 0,
            destinationPort: 0, flags: [], owner: owner)
        if book.kinds(of: subject) & AlertKind.arpSpoof.bit == 0 {
            book.open(
                .init(
                    kind: .arpSpoof, subject: subject, owner: owner, attacker: spoofer.description,
                    method: .binding, firstSeen: time, priorPackets: 0, targetFloor: 1),
                now: time)
        }
        book.feed(AlertKind.arpSpoof.bit, subject: subject, probe, raw: raw)
    }

    // MARK: Address classes

    /// Not multicast, not broadcast, not unspecified: one host is meant.
    @inline(__always)
    private static func isUnicast(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let value): value >> 28 != 0xE && value != .max && value != 0
        case .v6(let value): value >> 120 != 0xFF && value != 0
        }
    }

    /// Not unspecified, loopback or IPv6 link-local: a source that can have crossed the link.
    @inline(__always)
    private static func isRoutable(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let value): value != 0 && value >> 24 != 127
        case .v6(let value): value > 1 && value >> 118 != 0x3FA
        }
    }
}
