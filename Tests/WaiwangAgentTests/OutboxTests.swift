import Foundation
import Testing
import WaiwangAPI

@testable import WaiwangAgent

@Suite("Outbox: order, priority, bounds, acknowledgements, keys")
struct OutboxTests {
    @Test("health changes and alerts go up ahead of samples, each class oldest first")
    func priorityOrder() async throws {
        try await withTemporaryDirectory { dir in
            let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 100, keyPrefix: "a1")
            try outbox.enqueue(Samples.link(1))
            try outbox.enqueue(Samples.trap(2))
            try outbox.enqueue(Samples.health(3))
            try outbox.enqueue(Samples.link(4))
            try outbox.enqueueAlert(Samples.alert(5))
            let batch = try outbox.nextBatch(limit: 10)
            #expect(batch.map(\.kind) == [.healthChange, .alert, .linkSample, .trap, .linkSample])
            #expect(try outbox.nextBatch(limit: 2).map(\.kind) == [.healthChange, .alert])
        }
    }

    @Test("only acknowledged keys are deleted; the rest go again")
    func acknowledgement() async throws {
        try await withTemporaryDirectory { dir in
            let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 100, keyPrefix: "a1")
            for n in 1...6 { try outbox.enqueue(Samples.link(n)) }
            let batch = try outbox.nextBatch(limit: 4)
            #expect(try outbox.acknowledge([batch[0].key, batch[2].key, "not-ours"]) == 2)
            let rest = try outbox.nextBatch(limit: 10)
            #expect(Array(rest.prefix(2).map(\.key)) == [batch[1].key, batch[3].key])
            #expect(rest.count == 4)
            #expect(try outbox.status().depth == 4)
        }
    }

    @Test("when full, the oldest link samples are dropped and counted; alerts and health changes never")
    func bounds() async throws {
        try await withTemporaryDirectory { dir in
            let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 5, keyPrefix: "a1")
            try outbox.enqueue(Samples.health(0))
            for n in 1...4 { try outbox.enqueue(Samples.link(n)) }
            // Full: each new sample pushes out the oldest one.
            let pushed = try outbox.enqueue(Samples.link(5))
            #expect(pushed.evicted == 1)
            var kept = try outbox.nextBatch(limit: 10)
            #expect(kept.compactMap { $0.linkSample?.linkId } == [2, 3, 4, 5])
            // Priority observations make room by dropping samples, and go past the bound when none are left.
            for n in 10..<16 { try outbox.enqueue(Samples.health(n)) }
            try outbox.enqueueAlert(Samples.alert(1))
            kept = try outbox.nextBatch(limit: 20)
            #expect(kept.filter { $0.kind == .linkSample }.isEmpty)
            #expect(kept.filter { $0.kind.isPriority }.count == 8)
            // A sample that finds only priority observations is itself dropped, and counted.
            let refused = try outbox.enqueue(Samples.link(99))
            #expect(refused.observation == nil)
            let status = try outbox.status()
            #expect(status.depth == 8)
            #expect(status.droppedSamples == 6)
        }
    }

    @Test("drop counters survive a reopen, so the heartbeat reports them when the line is back")
    func dropsPersist() async throws {
        try await withTemporaryDirectory { dir in
            do {
                let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 3, keyPrefix: "a1")
                for n in 1...10 { try outbox.enqueue(Samples.link(n)) }
                try outbox.close()
            }
            let reopened = try Outbox(path: dir + "/o.sqlite", capacity: 3, keyPrefix: "a1")
            #expect(try reopened.status().droppedSamples == 7)
            #expect(try reopened.status().depth == 3)
        }
    }

    @Test("keys are unique, stable once written, and continue after a reopen; a new outbox gets a new epoch")
    func keys() async throws {
        try await withTemporaryDirectory { dir in
            var first: [String] = []
            do {
                let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 100, keyPrefix: "a7")
                for n in 1...3 { first.append(try outbox.enqueue(Samples.link(n)).observation!.key) }
                #expect(try outbox.nextBatch(limit: 10).map(\.key) == first)
                try outbox.close()
            }
            let reopened = try Outbox(path: dir + "/o.sqlite", capacity: 100, keyPrefix: "a7")
            #expect(try reopened.nextBatch(limit: 10).map(\.key) == first)
            try reopened.acknowledge(first)
            let next = try reopened.enqueue(Samples.link(4)).observation!.key
            #expect(!first.contains(next))
            #expect(first.allSatisfy { $0.hasPrefix("a7-") })
            #expect(next.hasSuffix("-4"))
            let other = try Outbox(path: dir + "/other.sqlite", capacity: 100, keyPrefix: "a7")
            let fresh = try other.enqueue(Samples.link(1)).observation!.key
            #expect(fresh != first[0])
        }
    }

    @Test("a newer heartbeat replaces an unsent one")
    func heartbeatSupersedes() async throws {
        try await withTemporaryDirectory { dir in
            let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 100, keyPrefix: "a1")
            for n in 1...3 {
                try outbox.enqueue(
                    .heartbeat(
                        HeartbeatObservation(
                            version: "t", uptimeSeconds: Double(n), assignmentVersion: nil, outboxDepth: 0,
                            droppedSamples: 0, pollsCompleted: n, devicesUnreachable: 0, capturePackets: 0,
                            captureDrops: 0)))
            }
            let batch = try outbox.nextBatch(limit: 10)
            #expect(batch.count == 1)
            #expect(batch.first?.heartbeat?.pollsCompleted == 3)
        }
    }

    @Test("an observation the registry refuses is set aside and no longer blocks the queue")
    func reject() async throws {
        try await withTemporaryDirectory { dir in
            let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 100, keyPrefix: "a1")
            let bad = try outbox.enqueue(Samples.health(1)).observation!
            try outbox.enqueue(Samples.link(2))
            try outbox.reject(key: bad.key, reason: "422")
            #expect(try outbox.nextBatch(limit: 10).map(\.kind) == [.linkSample])
            #expect(try outbox.status().rejected == 1)
        }
    }
}
