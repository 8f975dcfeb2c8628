/// Small fixed-width sets of 31-bit values, one per table slot, in one flat array; each value carries an
/// "answered" bit so that a set counts what is still unanswered without forgetting what it has seen.
struct DistinctSlots {
    private var storage: [UInt32]
    /// Values per set.
    let width: Int

    private static let answeredBit: UInt32 = 0x8000_0000

    init(slots: Int, width: Int) {
        self.width = max(1, width)
        storage = Array(hugePagesRepeating: 0, count: slots * self.width)
    }

    var memoryBytes: Int { storage.count * 4 }

    /// Adds `value` to set `slot` holding `count` values of which `answered` are answered; returns
    /// whether it was new. A full set gives up an answered value; a full set of unanswered values keeps all.
    @inline(__always)
    mutating func insert(_ value: UInt32, slot: Int, count: inout UInt8, answered: inout UInt8) -> Bool {
        let value = value & ~Self.answeredBit
        let base = slot &* width
        let used = Int(count)
        return storage.withUnsafeMutableBufferPointer { storage in
            for index in 0..<used where storage[base &+ index] & ~Self.answeredBit == value { return false }
            if used < width {
                storage[base &+ used] = value
                count &+= 1
                return true
            }
            for index in 0..<used where storage[base &+ index] & Self.answeredBit != 0 {
                storage[base &+ index] = value
                answered &-= 1
                return true
            }
            return false
        }
    }

    /// Marks `value` answered in set `slot`; returns whether it was there unanswered.
    mutating func markAnswered(_ value: UInt32, slot: Int, count: UInt8, answered: inout UInt8) -> Bool {
        let value = value & ~Self.answeredBit
        let base = slot &* width
        for index in 0..<Int(count) where storage[base &+ index] == value {
            storage[base &+ index] = value | Self.answeredBit
            answered &+= 1
            return true
        }
        return false
    }

    /// The values of set `slot`, answered bit cleared.
    func values(slot: Int, count: UInt8) -> [UInt32] {
        (0..<Int(count)).map { storage[slot &* width &+ $0] & ~Self.answeredBit }
    }
}
