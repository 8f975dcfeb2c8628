import Foundation
import Synchronization
import Testing
import WaiwangAgent
import WaiwangCore
import WaiwangSNMP

/// The agent's memory between polls: backoff, links of an unreachable device, traps applied before their re-poll.
@Suite("Link monitor, backoff and poll scheduler")
struct LinkMonitorTests {
    static let target = try! SNMPTarget("udp:192.0.2.1:161", credentials: .v2c(community: "public"))

    /// A snapshot of two interfaces, Gi0/1 (ifIndex 1) and Gi0/2 (ifIndex 2), with the given oper statuses.
    static func snapshot(
        upTime: UInt32, at time: Double, oper: (Int, Int) = (1, 1), lastChange: (UInt32, UInt32) = (0, 0)
    ) throws -> DeviceSnapshot {
        let interfaces: [[String: Any]] = [
            [
                "ifIndex": 1, "ifName": "Gi0/1", "ifAdminStatus": 1, "ifOperStatus": oper.0,
                "ifLastChange": lastChange.0, "ifHighSpeed": 1000, "ifHCInOctets": 0, "ifHCOutOctets": 0,
            ],
            [
                "ifIndex": 2, "ifName": "Gi0/2", "ifAdminStatus": 1, "ifOperStatus": oper.1,
                "ifLastChange": lastChange.1, "ifHighSpeed": 1000, "ifHCInOctets": 0, "ifHCOutOctets": 0,
            ],
        ]
        let object: [String: Any] = [
            "target": target.address, "sysName": "hub", "sysUpTime": upTime, "polledAt": time,
            "interfaces": interfaces, "requests": 1, "skippedValues": 0,
        ]
        return try JSONDecoder().decode(DeviceSnapshot.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test(
        "backoff: the interval, then doubling at each failure up to the cap; a success resets it",
        arguments: [
            (10.0, 60.0, [10.0, 20, 40, 60, 60]),
            (0.5, 2.0, [0.5, 1, 2, 2]),
            (30.0, 30.0, [30.0, 30, 30]),
        ])
    func backoffDelays(interval: Double, cap: Double, delays: [Double]) {
        var backoff = DeviceBackoff(interval: interval, cap: cap)
        #expect(backoff.isDue(at: 0))
        var time = 0.0
        for (failure, delay) in delays.enumerated() {
            let next = backoff.recordFailure(at: time)
            #expect(backoff.consecutiveFailures == failure + 1)
            #expect(next == time + delay, "failure \(failure + 1)")
            #expect(!backoff.isDue(at: time + delay / 2))
            #expect(backoff.isDue(at: next))
            time = next
        }
        backoff.recordSuccess(at: time)
        #expect(backoff.consecutiveFailures == 0)
        #expect(backoff.isDue(at: time + 0.1))
        #expect(backoff.delay(afterFailures: 1_000) == max(interval, cap))
    }

    @Test("an unreachable device: its links become unknown (never down), with failures counted and the next attempt")
    func unreachableMeansUnknown() throws {
        var monitor = LinkMonitor(policy: LinkHealthPolicy(), interval: 10, backoffCap: 60)
        let first = monitor.record(try Self.snapshot(upTime: 1_000, at: 100), of: Self.target, startedAt: 100)
        #expect(first.links == nil)
        #expect(first.changes.map(\.to) == ["up", "up"])
        let error = SNMPError(code: .timeout, message: "Timeout")
        let lost = monitor.recordFailure(error, of: Self.target, startedAt: 110, at: 112)
        #expect(lost.report.unreachable)
        #expect(lost.report.consecutiveFailures == 1)
        #expect(lost.report.nextAttemptAt == 120)
        #expect(lost.report.links.map(\.health) == ["unknown", "unknown"])
        #expect(lost.changes.map(\.to) == ["unknown", "unknown"])
        #expect(lost.changes.allSatisfy { $0.reason == "deviceUnreachable" })
        #expect(!monitor.isDue(Self.target, at: 115))
        let again = monitor.recordFailure(error, of: Self.target, startedAt: 120, at: 122)
        #expect(again.report.consecutiveFailures == 2 && again.report.nextAttemptAt == 140)
        #expect(again.changes.isEmpty, "still unknown: no new change")
        let back = monitor.record(try Self.snapshot(upTime: 5_000, at: 141), of: Self.target, startedAt: 140)
        #expect(back.changes.map(\.to) == ["up", "up"])
        #expect(monitor.isDue(Self.target, at: 150))
    }

    @Test("a linkDown trap marks its link down at once; a stale poll (cache) does not undo it, a fresh one does")
    func trapBeforeRepoll() throws {
        var monitor = LinkMonitor(policy: LinkHealthPolicy(), interval: 10, backoffCap: 60)
        _ = monitor.record(try Self.snapshot(upTime: 1_000, at: 100), of: Self.target, startedAt: 100)
        let trap = TrapEvent(
            kind: .linkDown, version: .v2c, sourceAddress: "192.0.2.1", sourcePort: 40_000,
            trapOID: TrapEvent.linkDownOID,
            upTime: 1_500, ifIndex: 2, ifAdminStatus: 1, ifOperStatus: 2)
        let changes = monitor.record(trap, of: Self.target, at: 105)
        #expect(changes.map(\.to) == ["down"])
        #expect(changes.first?.ifName == "Gi0/2" && changes.first?.cause == .trap)
        // The re-poll 0.1 s later still reads the agent's cached ifTable: up, last changed before the trap.
        let stale = monitor.record(try Self.snapshot(upTime: 1_510, at: 105.1), of: Self.target, startedAt: 105)
        #expect(stale.changes.isEmpty)
        #expect(stale.links?.first { $0.ifIndex == 2 }?.health == "down")
        // Later the device shows it down, then up again after the trap: the poll wins.
        let fresh = monitor.record(
            try Self.snapshot(upTime: 1_800, at: 108, oper: (1, 1), lastChange: (0, 1_700)), of: Self.target,
            startedAt: 108)
        #expect(fresh.changes.map(\.to) == ["up"])
        // A trap from an unknown ifIndex, or before the first poll, changes nothing.
        var other = trap
        other.ifIndex = 99
        #expect(monitor.record(other, of: Self.target, at: 110).isEmpty)
        var empty = LinkMonitor(policy: LinkHealthPolicy(), interval: 10, backoffCap: 60)
        #expect(empty.record(trap, of: Self.target, at: 110).isEmpty)
    }

    @Test("trap routing: by source address, else by the agent address the trap names")
    func trapRouting() throws {
        let a = try SNMPTarget("udp:192.0.2.1:161", credentials: .v2c(community: "public"))
        let b = try SNMPTarget("udp:192.0.2.2:1161", credentials: .v2c(community: "public"))
        let router = TrapRouter(targets: [a, b])
        var event = TrapEvent(
            kind: .linkUp, version: .v1, sourceAddress: "192.0.2.2", sourcePort: 162, trapOID: TrapEvent.linkUpOID)
        #expect(router.targets(for: event) == [b])
        event.sourceAddress = "198.51.100.9"
        event.agentAddress = "192.0.2.1"
        #expect(router.targets(for: event) == [a])
        event.agentAddress = nil
        #expect(router.targets(for: event).isEmpty)
    }

    @Test("the scheduler reports a live device before a dead one, and a trap re-polls its device at once")
    func schedulerAgainstSnmpd() async throws {
        try await PrivateSNMPAgent.run { agent in
            let dead = try SNMPTarget(
                "udp:127.0.0.2:\(try PrivateSNMPAgent.freeUDPPort())", credentials: .v2c(community: "public"),
                timeout: .milliseconds(700), retries: 1)
            let live = try agent.target()
            let seen = Mutex<[String]>([])
            let scheduler = PollScheduler(
                targets: [dead, live], cycle: PollCycle(concurrency: 2),
                monitor: LinkMonitor(policy: LinkHealthPolicy(), interval: 5, backoffCap: 60),
                emit: { output in
                    let line: String? =
                        switch output {
                        case .device(let snapshot, _, let trigger): "device \(snapshot.target) \(trigger.rawValue)"
                        case .unreachable(let report): "unreachable \(report.target) \(report.consecutiveFailures)"
                        case .trap(let trap): "trap \(trap.kind) \(trap.targets.joined())"
                        case .change: nil
                        }
                    if let line { seen.withLock { $0.append(line) } }
                })
            await scheduler.runRound()
            #expect(
                seen.withLock { $0 } == ["device \(live.address) schedule", "unreachable \(dead.address) 1"])
            let started = ContinuousClock.now
            await scheduler.handle(
                TrapEvent(
                    kind: .linkUp, version: .v2c, sourceAddress: "127.0.0.1", sourcePort: 40_000,
                    trapOID: TrapEvent.linkUpOID, upTime: 1, ifIndex: 1, ifAdminStatus: 1, ifOperStatus: 1))
            await scheduler.drain()
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(
                Array(seen.withLock { $0 }.suffix(2)) == ["trap linkUp \(live.address)", "device \(live.address) trap"])
        }
    }
}
