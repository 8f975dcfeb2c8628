import WaiwangCore

/// arp_spoof: a MAC other than the gateway's claims a gateway address, or an address whose binding is
/// fresh (seen within `bindingFreshSeconds`) is claimed by another MAC. A configured gateway MAC is
/// trusted always; otherwise the first binding seen is trusted until it goes stale — unless it was
/// learned from unsolicited replies (no request for the address just before, as arpspoof sends them)
/// and a solicited reply contradicts it: then the capture began mid-spoof and the first MAC is the spoofer.
struct ARPSpoofDetector {
    private struct Binding {
        var mac: UInt64 = 0
        var lastSeen: Int64 = 0
        var unsolicited = false
    }

    private var bindings: AssociativeTable<Binding>
    /// Address → time of the last request for it, to tell solicited replies from unsolicited ones.
    private var requests: AssociativeTable<Int64>
    /// Configured gateway address → MAC.
    private let configured: [UInt32: UInt64]
    private let fresh: Int64
    private static let answerDelay: Int64 = 1_000_000_000

    init(policy: ARPSpoofPolicy, gateways: [Gateway], capacity: Int) {
        bindings = AssociativeTable(capacity: capacity, empty: Binding())
        requests = AssociativeTable(capacity: capacity, empty: 0)
        var known: [UInt32: UInt64] = [:]
        for gateway in gateways { known[gateway.ip] = gateway.mac?.value ?? 0 }
        configured = known
        fresh = Int64(policy.bindingFreshSeconds * 1e9)
    }

    func statistics() -> TableStatistics {
        var stats = bindings.statistics("arp_bindings")
        stats.memoryBytes += requests.memoryBytes
        return stats
    }

    /// Checks one ARP message's claim (sender IP → sender MAC); returns the spoofing MAC, if any.
    mutating func spoofer(_ message: ARPMessage, time: Int64) -> MACAddress? {
        if message.operation == 1, message.targetIP != 0 {
            let (slot, _) = requests.slot(
                for: KeyHash.key(UInt64(message.targetIP) | 0xB_0000_0000), at: time, fresh: 0)
            requests.values[slot] = time
        }
        let ip = message.senderIP
        let mac = message.senderMAC.value
        guard ip != 0, mac != 0, mac != MACAddress.broadcast.value else { return nil }
        if let known = configured[ip], known != 0 {
            return known == mac ? nil : message.senderMAC
        }
        var solicited = true
        if message.operation == 2 {
            let asked = requests.find(KeyHash.key(UInt64(ip) | 0xB_0000_0000)).map { requests.values[$0] }
            solicited = asked.map { time - $0 <= Self.answerDelay && time >= $0 } ?? false
        }
        let key = KeyHash.key(UInt64(ip) | 0xA_0000_0000)
        guard let slot = bindings.find(key) else {
            _ = bindings.insert(key, at: time, value: Binding(mac: mac, lastSeen: time, unsolicited: !solicited))
            return nil
        }
        let binding = bindings.values[slot]
        bindings.touch(slot, at: time)
        if binding.mac == mac {
            bindings.values[slot].lastSeen = time
            if solicited { bindings.values[slot].unsolicited = false }
            return nil
        }
        if time - binding.lastSeen > fresh {
            bindings.values[slot] = Binding(mac: mac, lastSeen: time, unsolicited: !solicited)
            return nil
        }
        if binding.unsolicited, solicited, message.operation == 2 {
            // The trusted binding came from unsolicited replies and a real answer contradicts it.
            bindings.values[slot] = Binding(mac: mac, lastSeen: time, unsolicited: false)
            return MACAddress(binding.mac)
        }
        return message.senderMAC
    }
}
