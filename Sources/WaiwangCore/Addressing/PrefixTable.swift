/// An immutable longest-prefix-match table from IP prefixes (nested or not) to values.
///
/// Built once from a list of entries; `prefixes[i]` and `values[i]` keep the order they were
/// given in, and the index look-ups return that `i`. Each family is flattened into sorted
/// disjoint intervals that name their most specific prefix, so a look-up is one branch-free
/// binary search over a contiguous array of integers: `lookupV4` and `lookupV6` take the raw
/// integer of a packet header and return an index without building an `IPAddress`.
public struct PrefixTable<Value: Sendable>: Sendable {
    /// The prefixes, in the order the entries were given.
    public var prefixes: [IPPrefix] { index.prefixes }
    /// The values, in the order the entries were given.
    public let values: [Value]

    // The look-up structure does not depend on `Value`, so it is built and searched by
    // non-generic code, fast even where the caller's `Value` is not specialized.
    @usableFromInline let index: PrefixIndex

    /// Builds the table; throws if the same prefix is given twice.
    public init(_ entries: [(IPPrefix, Value)]) throws(DuplicatePrefixError) {
        var prefixes: [IPPrefix] = []
        var values: [Value] = []
        prefixes.reserveCapacity(entries.count)
        values.reserveCapacity(entries.count)
        for (prefix, value) in entries {
            prefixes.append(prefix)
            values.append(value)
        }
        index = try PrefixIndex(prefixes)
        self.values = values
    }

    /// The number of entries.
    public var count: Int { values.count }

    /// Whether the table has no entries.
    public var isEmpty: Bool { values.isEmpty }

    /// The most specific prefix containing `address` and its value, or nil.
    public func lookup(_ address: IPAddress) -> (prefix: IPPrefix, value: Value)? {
        guard let found = lookupIndex(address) else { return nil }
        return (index.prefixes[found], values[found])
    }

    /// The index in `prefixes` and `values` of the most specific prefix containing `address`, or nil.
    @inlinable
    public func lookupIndex(_ address: IPAddress) -> Int? {
        switch address {
        case .v4(let value): index.lookupV4(value)
        case .v6(let value): index.lookupV6(value)
        }
    }

    /// The index of the most specific IPv4 prefix containing the host-order `address`, or nil.
    @inlinable
    public func lookupV4(_ address: UInt32) -> Int? {
        index.lookupV4(address)
    }

    /// The index of the most specific IPv6 prefix containing the host-order `address`, or nil.
    @inlinable
    public func lookupV6(_ address: UInt128) -> Int? {
        index.lookupV6(address)
    }

    /// The number of flattened intervals per family (a measure of the table's memory).
    public var intervalCount: (v4: Int, v6: Int) { (index.v4.count, index.v6.count) }
}

/// The value-free part of a `PrefixTable`: the prefixes and their flattened intervals per family.
@usableFromInline
struct PrefixIndex: Sendable {
    @usableFromInline let prefixes: [IPPrefix]
    @usableFromInline let v4: IntervalMap<UInt32>
    @usableFromInline let v6: IntervalMap<UInt128>

    init(_ prefixes: [IPPrefix]) throws(DuplicatePrefixError) {
        precondition(prefixes.count < Int(Int32.max), "too many prefixes for one table")
        self.prefixes = prefixes
        var v4Ranges: [IntervalMap<UInt32>.Range] = []
        var v6Ranges: [IntervalMap<UInt128>.Range] = []
        for (index, prefix) in prefixes.enumerated() {
            let (first, last) = prefix.bounds
            switch prefix.family {
            case .v4:
                v4Ranges.append(.init(first: UInt32(first), last: UInt32(last), index: Int32(index)))
            case .v6:
                v6Ranges.append(.init(first: first, last: last, index: Int32(index)))
            }
        }
        do {
            v4 = try IntervalMap(ranges: v4Ranges)
            v6 = try IntervalMap(ranges: v6Ranges)
        } catch {
            throw DuplicatePrefixError(
                prefix: prefixes[Int(error.first)], firstIndex: Int(error.first), secondIndex: Int(error.second))
        }
    }

    @inlinable @inline(__always)
    func lookupV4(_ address: UInt32) -> Int? {
        let target = v4.find(address)
        return target < 0 ? nil : Int(target)
    }

    @inlinable @inline(__always)
    func lookupV6(_ address: UInt128) -> Int? {
        let target = v6.find(address)
        return target < 0 ? nil : Int(target)
    }
}

/// The error of building a `PrefixTable` from entries that name the same prefix twice.
public struct DuplicatePrefixError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The prefix given twice.
    public let prefix: IPPrefix
    /// The index of its first entry.
    public let firstIndex: Int
    /// The index of its second entry.
    public let secondIndex: Int

    /// Creates the error for `prefix` given at `firstIndex` and again at `secondIndex`.
    public init(prefix: IPPrefix, firstIndex: Int, secondIndex: Int) {
        self.prefix = prefix
        self.firstIndex = firstIndex
        self.secondIndex = secondIndex
    }

    /// Says which prefix is duplicated and where.
    public var description: String {
        "\(prefix) is given twice (entries \(firstIndex) and \(secondIndex))"
    }
}
