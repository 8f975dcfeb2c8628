import Foundation
import WaiwangAPI
import WaiwangSNMP

/// Turns what the poll scheduler reports into observations for the outbox, for the assigned ports only: a
/// `link_sample` per assigned port per poll (from the second poll on, when rates exist), a `health_change` per
/// change of an assigned port, a `trap` per received trap from an assigned device.
///
/// Devices are matched by their SNMP address (`udp:HOST:PORT`); when several assigned devices share one address (an
/// SNMP proxy) the first is named.
public struct ObservationMapper: Sendable {
    private let devices: [String: AssignedDevice]

    public init(_ assignment: AgentAssignment) {
        var devices: [String: AssignedDevice] = [:]
        for device in assignment.devices {
            let address =
                (try? SNMPTarget(device.snmpAddress, credentials: .v2c(community: "x")).address)
                ?? device.snmpAddress
            if devices[address] == nil { devices[address] = device }
        }
        self.devices = devices
    }

    /// The observations of one scheduler output, with the time each was observed.
    public func observations(for output: PollScheduler.Output) -> [(ObservationPayload, Date)] {
        switch output {
        case .device(let snapshot, let links, _):
            guard let device = devices[snapshot.target], let links else { return [] }
            let time = Date(timeIntervalSince1970: snapshot.polledAt)
            return links.compactMap { link in
                guard let port = device.port(named: link.ifName) else { return nil }
                return (
                    .linkSample(
                        LinkSampleObservation(
                            device: device.name, ifName: link.ifName, linkId: port.linkId, health: link.health,
                            inBitsPerSecond: link.inBitsPerSecond.value, outBitsPerSecond: link.outBitsPerSecond.value,
                            inUtilisation: link.inUtilisation.value, outUtilisation: link.outUtilisation.value,
                            errorsAndDiscardsPerSecond: link.errorsAndDiscardsPerSecond.value)), time
                )
            }
        case .unreachable:
            return []
        case .change(let change):
            guard let device = devices[change.target], let port = device.port(named: change.ifName) else { return [] }
            return [
                (
                    .healthChange(
                        HealthChangeObservation(
                            device: device.name, ifName: change.ifName, linkId: port.linkId, from: change.from,
                            to: change.to, reason: change.reason)), Date(timeIntervalSince1970: change.at)
                )
            ]
        case .trap(let trap):
            let time = Date(timeIntervalSince1970: trap.receivedAt)
            return trap.targets.compactMap { devices[$0] }.map { device in
                (
                    .trap(
                        TrapObservation(
                            device: device.name,
                            trap: ["linkDown", "linkUp"].contains(trap.kind) ? trap.kind : "other",
                            ifIndex: trap.ifIndex, ifName: nil)), time
                )
            }
        }
    }

    /// The assigned device at an SNMP address.
    public func device(at address: String) -> AssignedDevice? { devices[address] }
}
