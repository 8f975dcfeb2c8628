import Foundation
import Testing
import WaiwangAPI
import WaiwangCapture

@testable import WaiwangAgent

@Suite("Capture plan: what the assignment asks the detectors to do")
struct CapturePlanTests {
    static let watch = WatchAssignment(
        units: [
            .init(id: "7", name: "红塔区测试单位", prefixes: ["10.77.1.0/24"], link: "3"),
            .init(id: "8", name: "同址单位", prefixes: ["10.77.2.0/24"], link: "3"),
        ],
        links: [.init(id: "3", units: ["7", "8"])], allow: ["10.99.0.0/24"])

    static func assignment(devices: [AssignedDevice] = [], capture: [AssignedCapture], watch: WatchAssignment = watch)
        -> AgentAssignment
    {
        AgentAssignment(
            version: UUID().uuidString, agentId: 1, hub: "HT", pollIntervalSeconds: 30, heartbeatIntervalSeconds: 30,
            devices: devices, capture: capture, watch: watch)
    }

    @Test("the assignment's watch is the detectors' watch file: units, shared link, allowlist")
    func watchConfiguration() throws {
        let watch = try CapturePlan(Self.assignment(capture: [])).watchConfiguration()
        #expect(watch.units.map(\.id) == ["7", "8"])
        #expect(watch.unitIndices(onLink: "3") == [0, 1])
        #expect(watch.allow.map(\.prefix.description) == ["10.99.0.0/24"])
        _ = try DetectionEngine(watch: watch, link: "3")
    }

    @Test("a plan changes with the capture list or the watch, not with the devices polled")
    func equality() {
        let capture = [AssignedCapture(interface: "span0", linkId: 3)]
        let base = CapturePlan(Self.assignment(capture: capture))
        let device = AssignedDevice(
            name: "ht-core", snmpAddress: "udp:10.0.0.1:161", credential: .init(version: "v2c", community: "c"),
            ports: [])
        #expect(CapturePlan(Self.assignment(devices: [device], capture: capture)) == base)
        #expect(CapturePlan(Self.assignment(capture: capture + [.init(interface: "span1", linkId: 3)])) != base)
        var watch = Self.watch
        watch.allow.append("10.98.0.0/24")
        #expect(CapturePlan(Self.assignment(capture: capture, watch: watch)) != base)
    }

    @Test("a watch the detectors cannot use is refused with the field named")
    func invalidWatch() {
        let watch = WatchAssignment(units: [.init(id: "7", name: "x", prefixes: ["not-a-prefix"], link: "3")], links: [], allow: [])
        #expect(throws: DetectionConfigurationError.self) {
            try CapturePlan(captures: [], watch: watch).watchConfiguration()
        }
    }
}
