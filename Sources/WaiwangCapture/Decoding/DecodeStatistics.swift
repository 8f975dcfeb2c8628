/// How many frames a decoder turned into packets, and how many it skipped, by reason.
public struct DecodeStatistics: Sendable, Hashable {
    /// Frames decoded into a `DecodedPacket`.
    public internal(set) var decoded: Int = 0
    private var failures = [Int](repeating: 0, count: DecodeFailure.allCases.count)

    /// Creates empty statistics.
    public init() {}

    /// Frames skipped for `reason`.
    public subscript(reason: DecodeFailure) -> Int {
        failures[reason.rawValue]
    }

    /// Frames skipped for any reason.
    public var skipped: Int {
        failures.reduce(0, &+)
    }

    /// The reasons with a non-zero count, in declaration order.
    public var skippedByReason: [(reason: DecodeFailure, count: Int)] {
        DecodeFailure.allCases.compactMap { reason in
            let count = failures[reason.rawValue]
            return count == 0 ? nil : (reason, count)
        }
    }

    mutating func record(_ reason: DecodeFailure) {
        failures[reason.rawValue] &+= 1
    }
}
