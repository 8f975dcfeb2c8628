import WaiwangCore

/// The last few first contacts of each suspicious source, kept before any alert exists, so the alert
/// that opens later carries the packets that triggered it. A fixed pool: rings are evicted least
/// recently used, and bytes are copied into preallocated storage.
struct EvidenceRings {
    /// What is remembered of one packet besides its bytes.
    struct Record {
        var time: Int64 = 0
        var wireLength: Int32 = 0
        var captured: Int32 = 0
        var target: IPAddress = .v4(0)
        var port: UInt16 = 0
    }

    private struct Ring {
        var next: UInt8 = 0
        var filled: UInt8 = 0
    }

    private var table: AssociativeTable<Ring>
    private var records: [Record]
    private var bytes: [UInt8]
    private let depth: Int
    private let snap: Int

    /// The ring of a source's first contacts, the one every detector that fires on that source hands over.
    static func key(of source: UInt64) -> UInt64 { KeyHash.key(source, 0xE71D) }

    init(rings: Int, depth: Int, snapLength: Int) {
        table = AssociativeTable(capacity: rings, empty: Ring())
        self.depth = depth
        snap = snapLength
        records = Array(hugePagesRepeating: Record(), count: depth == 0 ? 0 : table.capacity * depth)
        bytes = Array(hugePagesRepeating: 0, count: depth == 0 ? 0 : table.capacity * depth * snapLength)
    }

    var memoryBytes: Int { table.memoryBytes + records.count * MemoryLayout<Record>.stride + bytes.count }

    func statistics() -> TableStatistics {
        var stats = table.statistics("evidence_rings")
        stats.memoryBytes = memoryBytes
        return stats
    }

    /// Remembers a packet of the candidate `key`.
    mutating func push(
        _ key: UInt64, time: Int64, wireLength: Int, target: IPAddress, port: UInt16, raw: UnsafeRawBufferPointer
    ) {
        guard depth > 0 else { return }
        let (slot, _) = table.slot(for: key, at: time, fresh: Ring())
        var ring = table.values[slot]
        let index = slot &* depth &+ Int(ring.next)
        let captured = min(raw.count, snap)
        records[index] = Record(
            time: time, wireLength: Int32(clamping: wireLength), captured: Int32(captured), target: target, port: port)
        if captured > 0 {
            bytes.withUnsafeMutableBytes { storage in
                storage.baseAddress!.advanced(by: index &* snap).copyMemory(from: raw.baseAddress!, byteCount: captured)
            }
        }
        ring.next = UInt8((Int(ring.next) + 1) % depth)
        ring.filled = UInt8(min(Int(ring.filled) + 1, depth))
        table.values[slot] = ring
    }

    /// Takes out the candidate's packets, oldest first, and frees its ring.
    mutating func take(_ key: UInt64) -> [(Record, [UInt8])] {
        guard depth > 0, let slot = table.find(key) else { return [] }
        let ring = table.values[slot]
        var result: [(Record, [UInt8])] = []
        result.reserveCapacity(Int(ring.filled))
        let start = Int(ring.filled) < depth ? 0 : Int(ring.next)
        for offset in 0..<Int(ring.filled) {
            let index = slot &* depth &+ (start + offset) % depth
            let record = records[index]
            let base = index &* snap
            result.append((record, Array(bytes[base..<(base + Int(record.captured))])))
        }
        table.remove(slot)
        return result
    }
}
