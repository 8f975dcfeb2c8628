import Crypto

/// One entry of the append-only audit log: who changed what, when, from what to what.
public struct AuditEntryView: Codable, Sendable, Equatable {
    public var seq: Int64
    /// ISO 8601 UTC time of the change.
    public var at: String
    public var actor: String
    public var action: String
    public var entity: String
    public var entityId: String
    /// JSON of the entity before the change, empty for a creation.
    public var before: String
    /// JSON of the entity after the change, empty for a deletion.
    public var after: String
    public var prevHash: String
    public var hash: String

    public init(
        seq: Int64, at: String, actor: String, action: String, entity: String, entityId: String,
        before: String, after: String, prevHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityId = entityId
        self.before = before
        self.after = after
        self.prevHash = prevHash
        self.hash = hash
    }
}

/// The hash chain of the audit log: each entry's hash covers its content and the previous hash.
public enum AuditChain {
    /// The previous hash of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the previous hash and every field, each field length-prefixed so no two entries collide.
    public static func hash(
        seq: Int64, at: String, actor: String, action: String, entity: String, entityId: String,
        before: String, after: String, prevHash: String
    ) -> String {
        var hasher = SHA256()
        for field in [prevHash, String(seq), at, actor, action, entity, entityId, before, after] {
            let bytes = Array(field.utf8)
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return HexEncoding.string(hasher.finalize())
    }

    /// The first entry whose hash or link to its predecessor is wrong, with the reason.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public var seq: Int64
        public var reason: String
        public var description: String { "audit chain broken at entry \(seq): \(reason)" }
    }

    /// Verifies a run of entries in order; `previous` is the hash before the first one.
    public static func verify(_ entries: [AuditEntryView], previous: String = genesis, previousSeq: Int64 = 0) -> Break?
    {
        var prev = previous
        var expectedSeq = previousSeq + 1
        for entry in entries {
            if entry.seq != expectedSeq {
                return Break(
                    seq: entry.seq, reason: "expected entry \(expectedSeq) next: entries were removed or reordered")
            }
            if entry.prevHash != prev {
                return Break(seq: entry.seq, reason: "its previous-hash does not match entry \(entry.seq - 1)")
            }
            let computed = hash(
                seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action,
                entity: entry.entity, entityId: entry.entityId, before: entry.before,
                after: entry.after, prevHash: entry.prevHash)
            if computed != entry.hash {
                return Break(seq: entry.seq, reason: "its content does not match its hash: the entry was altered")
            }
            prev = entry.hash
            expectedSeq += 1
        }
        return nil
    }
}
