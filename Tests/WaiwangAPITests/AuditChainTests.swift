import Testing
import WaiwangAPI

/// The audit log is hash-chained so that tampering shows: each entry's hash covers its content and the
/// previous entry's hash.
@Suite("Audit chain")
struct AuditChainTests {
    /// Five entries of a plausible day at the registry, hashed as the store hashes them.
    static func chain(count: Int = 5) -> [AuditEntryView] {
        var entries: [AuditEntryView] = []
        var previous = AuditChain.genesis
        for seq in Int64(1)...Int64(count) {
            let entry = sealed(AuditEntryView(
                seq: seq, at: "2025-03-0\(seq)T09:00:00.000Z", actor: seq.isMultiple(of: 2) ? "ht@530402" : "admin",
                action: seq == 1 ? "unit.create" : "unit.update", entity: "unit", entityId: "11530402MB0000001X",
                before: seq == 1 ? "" : #"{"state":"applying"}"#, after: #"{"state":"active","n":\#(seq)}"#,
                prevHash: previous, hash: ""))
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    /// The entry with its hash computed from its content and `prevHash`.
    static func sealed(_ entry: AuditEntryView) -> AuditEntryView {
        var entry = entry
        entry.hash = AuditChain.hash(seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action,
                                     entity: entry.entity, entityId: entry.entityId, before: entry.before,
                                     after: entry.after, prevHash: entry.prevHash)
        return entry
    }

    @Test("an untouched chain verifies, and so does an empty one")
    func untouchedChainVerifies() {
        #expect(AuditChain.verify(Self.chain()) == nil)
        #expect(AuditChain.verify([]) == nil)
    }

    @Test("the first entry follows the genesis hash of 64 zeros")
    func genesis() {
        #expect(AuditChain.genesis == String(repeating: "0", count: 64))
        #expect(Self.chain()[0].prevHash == AuditChain.genesis)
    }

    @Test("a hash is 64 lower-case hex digits and depends on every field")
    func hashShape() {
        let entry = Self.chain()[0]
        #expect(entry.hash.count == 64)
        #expect(entry.hash.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(Self.sealed(entry).hash == entry.hash)
    }

    @Test("fields are length-prefixed, so moving text from one field to the next changes the hash")
    func noCollisionAcrossFields() {
        let one = AuditChain.hash(seq: 1, at: "t", actor: "ab", action: "c", entity: "unit", entityId: "1",
                                  before: "", after: "", prevHash: AuditChain.genesis)
        let other = AuditChain.hash(seq: 1, at: "t", actor: "a", action: "bc", entity: "unit", entityId: "1",
                                    before: "", after: "", prevHash: AuditChain.genesis)
        #expect(one != other)
    }

    /// Alterations of one field of an entry, as someone editing the database would make them.
    static let alterations: [(String, @Sendable (inout AuditEntryView) -> Void)] = [
        ("at", { $0.at = "2025-03-03T08:59:00.000Z" }),
        ("actor", { $0.actor = "somebody-else" }),
        ("action", { $0.action = "link.delete" }),
        ("entity", { $0.entity = "link" }),
        ("entityId", { $0.entityId = "91350100M000100Y43" }),
        ("before", { $0.before = #"{"state":"isolated"}"# }),
        ("after", { $0.after = "" }),
        ("hash", { $0.hash = String(repeating: "f", count: 64) }),
    ]

    @Test("altering any field of an entry breaks the chain at that entry", arguments: alterations.map(\.0), [1, 3, 5])
    func alteredField(_ field: String, _ seq: Int) throws {
        let alter = try #require(Self.alterations.first { $0.0 == field }?.1)
        var entries = Self.chain()
        alter(&entries[seq - 1])
        let broken = try #require(AuditChain.verify(entries))
        #expect(broken.seq == Int64(seq))
        #expect(broken.reason.contains("altered"))
        #expect(broken.description.hasPrefix("audit chain broken at entry \(seq)"))
    }

    @Test("re-hashing an altered entry moves the break to the next entry, whose previous-hash no longer matches")
    func alteredAndResealed() throws {
        var entries = Self.chain()
        entries[2].after = #"{"state":"withdrawn"}"#
        entries[2] = Self.sealed(entries[2])
        let broken = try #require(AuditChain.verify(entries))
        #expect(broken.seq == 4)
        #expect(broken.reason.contains("previous-hash"))
    }

    @Test("changing a previous-hash breaks the chain at that entry, even when its own hash is recomputed")
    func changedPrevHash() throws {
        var entries = Self.chain()
        entries[2].prevHash = String(repeating: "a", count: 64)
        let broken = try #require(AuditChain.verify(entries))
        #expect(broken.seq == 3)
        #expect(broken.reason.contains("previous-hash"))

        entries[2] = Self.sealed(entries[2])
        #expect(AuditChain.verify(entries)?.seq == 3)
    }

    @Test("removing an entry breaks the chain at the entry after the gap", arguments: [1, 2, 3, 4])
    func removedEntry(_ seq: Int) throws {
        var entries = Self.chain()
        entries.remove(at: seq - 1)
        let broken = try #require(AuditChain.verify(entries))
        #expect(broken.seq == Int64(seq + 1))
        #expect(broken.reason.contains("expected entry \(seq) next"))
    }

    @Test("reordering two entries breaks the chain at the first one out of place")
    func reordered() throws {
        var entries = Self.chain()
        entries.swapAt(1, 3)
        let broken = try #require(AuditChain.verify(entries))
        #expect(broken.seq == 4)
        #expect(broken.reason.contains("removed or reordered"))
    }

    @Test("renumbering an entry breaks the chain at the renumbered entry")
    func renumbered() throws {
        var entries = Self.chain()
        entries[2].seq = 7
        entries[2] = Self.sealed(entries[2])
        let broken = try #require(AuditChain.verify(entries))
        #expect(broken.seq == 7)
        #expect(broken.reason.contains("expected entry 3 next"))
    }

    @Test("a page of the log verifies from the hash and seq of the entry before it")
    func pageVerifies() throws {
        let entries = Self.chain()
        let page = Array(entries[2...])
        #expect(AuditChain.verify(page, previous: entries[1].hash, previousSeq: 2) == nil)
        #expect(AuditChain.verify(page)?.seq == 3)
        #expect(AuditChain.verify(page, previous: entries[0].hash, previousSeq: 2)?.seq == 3)
    }

    @Test("cutting entries off the end is not visible to verify alone: compare the head hash kept elsewhere")
    func truncationNeedsAnchor() {
        let entries = Self.chain()
        let truncated = Array(entries.dropLast(2))
        #expect(AuditChain.verify(truncated) == nil)
        #expect(truncated.last?.hash != entries.last?.hash)
    }
}
