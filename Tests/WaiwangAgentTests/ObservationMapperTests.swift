import Foundation
import Testing
import WaiwangAPI
import WaiwangCore

@testable import WaiwangAgent

@Suite("From poll reports to observations")
struct ObservationMapperTests {
    static let assignment = AgentAssignment(
        version: "v1", agentId: 7, hub: "HT", pollIntervalSeconds: 30, heartbeatIntervalSeconds: 30,
        devices: [
            AssignedDevice(
                name: "ht-core", snmpAddress: "udp:127.0.0.1:161",
                credential: AssignedCredential(version: "v2c", community: "c"),
                ports: [AssignedPort(ifName: "port1", linkId: 12, unitIds: [3])])
        ],
        capture: [], watch: WatchAssignment(units: [], links: [], allow: []))

    static func snapshot(at time: Double, octets: UInt64) -> DeviceSnapshot {
        DeviceSnapshot(
            target: "udp:127.0.0.1:161", sysName: "hub", sysUpTime: UInt32(time * 100), polledAt: time,
            interfaces: ["port1", "port2"].enumerated().map { index, name in
                var interface = InterfaceSnapshot(ifIndex: index + 1)
                interface.ifName = name
                interface.ifAdminStatus = 1
                interface.ifOperStatus = 1
                interface.ifHighSpeed = 100
                interface.ifHCInOctets = octets
                interface.ifHCOutOctets = octets
                return interface
            }, requests: 1, skippedValues: 0)
    }

    @Test("a link sample per assigned port, named by the assignment's device and link; other ports left out")
    func samples() throws {
        let links = LinkReport.compare(
            Self.snapshot(at: 1000, octets: 0), Self.snapshot(at: 1010, octets: 12_500), policy: LinkHealthPolicy())
        let mapped = ObservationMapper(Self.assignment).observations(
            for: .device(Self.snapshot(at: 1010, octets: 12_500), links: links, trigger: .schedule))
        #expect(mapped.count == 1)
        guard case .linkSample(let sample) = try #require(mapped.first).0 else {
            Issue.record("not a link sample")
            return
        }
        #expect(sample.device == "ht-core" && sample.ifName == "port1" && sample.linkId == 12)
        #expect(sample.health == "up")
        #expect(sample.inBitsPerSecond == 10_000)
        #expect(mapped.first?.1 == Date(timeIntervalSince1970: 1010))
    }

    @Test("a first poll (no rates yet) and an unknown device give no samples")
    func nothing() {
        let mapper = ObservationMapper(Self.assignment)
        #expect(
            mapper.observations(for: .device(Self.snapshot(at: 1, octets: 0), links: nil, trigger: .schedule)).isEmpty)
        var other = Self.snapshot(at: 1, octets: 0)
        other.target = "udp:127.0.0.9:161"
        #expect(mapper.observations(for: .device(other, links: [], trigger: .schedule)).isEmpty)
    }

    @Test("health changes of assigned ports only")
    func changes() throws {
        let mapper = ObservationMapper(Self.assignment)
        let change = LinkHealthChange(from: .up, to: .down, reason: .operDown(.down), at: 2000)
        let assigned = LinkChangeReport(
            target: "udp:127.0.0.1:161", ifIndex: 1, ifName: "port1", change: change, cause: .trap)
        let unassigned = LinkChangeReport(
            target: "udp:127.0.0.1:161", ifIndex: 2, ifName: "port2", change: change, cause: .poll)
        let mapped = mapper.observations(for: .change(assigned))
        #expect(mapper.observations(for: .change(unassigned)).isEmpty)
        guard case .healthChange(let health) = try #require(mapped.first).0 else {
            Issue.record("not a health change")
            return
        }
        #expect(
            health
                == HealthChangeObservation(
                    device: "ht-core", ifName: "port1", linkId: 12, from: "up", to: "down", reason: "operDown(down)"))
    }
}
