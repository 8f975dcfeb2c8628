/// A prefix together with the tag that says where it came from (a unit id, an import line).
public struct TaggedPrefix<Tag> {
    /// The prefix.
    public var prefix: IPPrefix
    /// Where the prefix came from.
    public var tag: Tag

    /// Pairs a prefix with its tag.
    public init(_ prefix: IPPrefix, tag: Tag) {
        self.prefix = prefix
        self.tag = tag
    }
}

extension TaggedPrefix: Sendable where Tag: Sendable {}
extension TaggedPrefix: Equatable where Tag: Equatable {}
extension TaggedPrefix: Hashable where Tag: Hashable {}

/// A new prefix that overlaps an existing prefix or another new prefix, with both sides named.
public struct PrefixConflict<Tag>: CustomStringConvertible {
    /// The new prefix in conflict (of two new prefixes, the later one in the batch).
    public var new: TaggedPrefix<Tag>
    /// The prefix it overlaps.
    public var conflictsWith: TaggedPrefix<Tag>
    /// Whether `conflictsWith` is from the existing prefixes rather than the new batch.
    public var conflictsWithExisting: Bool

    /// Creates a conflict record.
    public init(new: TaggedPrefix<Tag>, conflictsWith: TaggedPrefix<Tag>, conflictsWithExisting: Bool) {
        self.new = new
        self.conflictsWith = conflictsWith
        self.conflictsWithExisting = conflictsWithExisting
    }

    /// E.g. `10.1.0.0/16 (line 4) overlaps 10.1.2.0/24 (unit 17)`.
    public var description: String {
        "\(new.prefix) (\(new.tag)) overlaps \(conflictsWith.prefix) (\(conflictsWith.tag))"
    }
}

extension PrefixConflict: Sendable where Tag: Sendable {}
extension PrefixConflict: Equatable where Tag: Equatable {}
extension PrefixConflict: Hashable where Tag: Hashable {}

/// Every pair of overlapping prefixes in which at least one side is new: each new prefix against
/// the existing prefixes and against the other new prefixes (overlaps among existing prefixes
/// are not reported). Results are ordered by the position of `new` in the batch, then by the
/// position of the other side (existing before new).
///
/// Sorts once and sweeps with a stack of the prefixes containing the current position, so the
/// cost is O(n log n + k) for n prefixes and k conflicts. Identical prefixes overlap.
public func findOverlaps<Tag>(
    existing: [(IPPrefix, Tag)], new: [(IPPrefix, Tag)]
) -> [PrefixConflict<Tag>] {
    let pairs = overlappingPairs(existing: existing.map(\.0), new: new.map(\.0))
    return pairs.map { pair in
        let newEntry = new[pair.newIndex]
        let other = pair.otherIsNew ? new[pair.otherIndex] : existing[pair.otherIndex]
        return PrefixConflict(
            new: TaggedPrefix(newEntry.0, tag: newEntry.1),
            conflictsWith: TaggedPrefix(other.0, tag: other.1),
            conflictsWithExisting: !pair.otherIsNew)
    }
}

/// One prefix in the overlap sweep, as 128-bit bounds with where it came from.
private struct SweepItem {
    var family: IPFamily
    var first: UInt128
    var last: UInt128
    var length: Int
    var isNew: Bool
    var index: Int

    init(_ prefix: IPPrefix, isNew: Bool, index: Int) {
        (first, last) = prefix.bounds
        family = prefix.family
        length = prefix.length
        self.isNew = isNew
        self.index = index
    }
}

/// The sweep behind `findOverlaps`, on indices: (index in `new`, other side is new, its index).
func overlappingPairs(
    existing: [IPPrefix], new: [IPPrefix]
) -> [(newIndex: Int, otherIsNew: Bool, otherIndex: Int)] {
    var items: [SweepItem] = []
    items.reserveCapacity(existing.count + new.count)
    for (index, prefix) in existing.enumerated() { items.append(SweepItem(prefix, isNew: false, index: index)) }
    for (index, prefix) in new.enumerated() { items.append(SweepItem(prefix, isNew: true, index: index)) }
    // Containers before the prefixes they contain; on identical prefixes existing first, then by position.
    items.sort {
        if $0.family != $1.family { return $0.family == .v4 }
        if $0.first != $1.first { return $0.first < $1.first }
        if $0.length != $1.length { return $0.length < $1.length }
        if $0.isNew != $1.isNew { return !$0.isNew }
        return $0.index < $1.index
    }

    var pairs: [(newIndex: Int, otherIsNew: Bool, otherIndex: Int)] = []
    // The open prefixes that contain the current one, split by side so that every item visited
    // in the inner loops yields a pair.
    var openExisting: [SweepItem] = []
    var openNew: [SweepItem] = []
    var family = IPFamily.v4
    for current in items {
        if current.family != family {
            family = current.family
            openExisting.removeAll(keepingCapacity: true)
            openNew.removeAll(keepingCapacity: true)
        }
        while let top = openExisting.last, top.last < current.first { openExisting.removeLast() }
        while let top = openNew.last, top.last < current.first { openNew.removeLast() }
        // Everything still open contains `current`.
        if current.isNew {
            for other in openExisting {
                pairs.append((current.index, false, other.index))
            }
            for other in openNew {
                // Of two new prefixes, the later one in the batch is the one in conflict.
                if other.index < current.index {
                    pairs.append((current.index, true, other.index))
                } else {
                    pairs.append((other.index, true, current.index))
                }
            }
            openNew.append(current)
        } else {
            for other in openNew {
                pairs.append((other.index, false, current.index))
            }
            openExisting.append(current)
        }
    }

    pairs.sort {
        ($0.newIndex, $0.otherIsNew ? 1 : 0, $0.otherIndex) < ($1.newIndex, $1.otherIsNew ? 1 : 0, $1.otherIndex)
    }
    return pairs
}
