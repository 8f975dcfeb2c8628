import Foundation

/// A distinct count of 64-bit fingerprints: exact up to 64 values, then a HyperLogLog of 256 one-byte
/// registers (about 6.5 % error) — 768 bytes whatever the number of values.
struct DistinctTally {
    private var exact: [UInt64] = []
    private var registers: [UInt8] = []

    private static let exactLimit = 64
    private static let registerCount = 256

    /// Adds `fingerprint`; returns whether it was certainly new (always false once past the exact stage).
    @discardableResult
    mutating func insert(_ fingerprint: UInt64) -> Bool {
        if registers.isEmpty {
            if exact.contains(fingerprint) { return false }
            if exact.count < Self.exactLimit {
                if exact.isEmpty { exact.reserveCapacity(Self.exactLimit) }
                exact.append(fingerprint)
                return true
            }
            registers = Array(repeating: 0, count: Self.registerCount)
            for value in exact { record(value) }
            exact = []
        }
        record(fingerprint)
        return false
    }

    private mutating func record(_ fingerprint: UInt64) {
        let hash = KeyHash.mix(fingerprint ^ 0x1F83_D9AB_FB41_BD6B)
        let index = Int(hash & 0xFF)
        let rank = UInt8(min((hash >> 8).leadingZeroBitCount - 8, 55) + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// The number of distinct values (exact up to 64, estimated beyond, never below 64 then).
    var count: Int {
        guard !registers.isEmpty else { return exact.count }
        let m = Double(Self.registerCount)
        var sum = 0.0
        var zeros = 0
        for register in registers {
            sum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { zeros += 1 }
        }
        var estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum
        if estimate <= 2.5 * m, zeros > 0 { estimate = m * log(m / Double(zeros)) }
        return max(Self.exactLimit, Int(estimate.rounded()))
    }
}
