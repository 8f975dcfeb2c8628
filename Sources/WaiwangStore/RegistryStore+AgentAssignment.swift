import Crypto
import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// What an agent polls and watches, computed from the registry: its hub's devices (with SNMP secrets — only
    /// ever to this hub's agent), which port carries which link and units, the units' prefixes, the capture
    /// interfaces and allowlist of `Config/agents.json`. `version` is a hash of all of it, so it changes exactly
    /// when the content does.
    ///
    /// A device without a stored SNMP credential is left out: the agent could not poll it.
    public func agentAssignment(for agent: AgentIdentity) async throws -> AgentAssignment {
        let policy = agentPolicy
        var assignment = try await writer.read { db in
            let devices = try Row.fetchAll(
                db,
                sql: """
                    SELECT hubDevice.id, hubDevice.name, hubDevice.snmpAddress, snmpCredential.*
                    FROM hubDevice JOIN snmpCredential ON snmpCredential.name = hubDevice.credentialName
                    WHERE hubDevice.hubCode = ? ORDER BY hubDevice.name
                    """, arguments: [agent.hubCode])
            let links = try Row.fetchAll(
                db,
                sql: """
                    SELECT link.id, link.deviceId, link.port, link.backup, hubDevice.name AS deviceName
                    FROM link JOIN hubDevice ON hubDevice.id = link.deviceId
                    WHERE hubDevice.hubCode = ? ORDER BY link.id
                    """, arguments: [agent.hubCode])
            var unitsOfLink: [Int64: [Int64]] = [:]
            var unitNames: [Int64: String] = [:]
            var prefixesOfUnit: [Int64: [String]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT linkUnit.linkId, unit.id, unit.name FROM linkUnit JOIN unit ON unit.id = linkUnit.unitId
                    JOIN link ON link.id = linkUnit.linkId JOIN hubDevice ON hubDevice.id = link.deviceId
                    WHERE hubDevice.hubCode = ? ORDER BY linkUnit.linkId, unit.id
                    """, arguments: [agent.hubCode])
            {
                unitsOfLink[row["linkId"], default: []].append(row["id"])
                unitNames[row["id"]] = row["name"]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT prefix.unitId, prefix.cidr, prefix.family, prefix.first FROM prefix
                    JOIN linkUnit ON linkUnit.unitId = prefix.unitId JOIN link ON link.id = linkUnit.linkId
                    JOIN hubDevice ON hubDevice.id = link.deviceId
                    WHERE hubDevice.hubCode = ? ORDER BY prefix.unitId, prefix.family, prefix.first
                    """, arguments: [agent.hubCode])
            {
                prefixesOfUnit[row["unitId"], default: []].append(row["cidr"])
            }
            let assigned = devices.map { device in
                let deviceId: Int64 = device["id"]
                return AssignedDevice(
                    name: device["name"], snmpAddress: device["snmpAddress"],
                    credential: AssignedCredential(
                        version: device["version"], community: device["community"], user: device["user"],
                        authProtocol: device["authProtocol"], authPassphrase: device["authPassphrase"],
                        privProtocol: device["privProtocol"], privPassphrase: device["privPassphrase"]),
                    ports: links.filter { ($0["deviceId"] as Int64) == deviceId }.map { link in
                        let id: Int64 = link["id"]
                        return AssignedPort(ifName: link["port"], linkId: id, unitIds: unitsOfLink[id] ?? [])
                    })
            }
            // A unit watched through this hub names its primary link here (a backup only when it has no other).
            var linkOfUnit: [Int64: Int64] = [:]
            for link in links.sorted(by: { (($0["backup"] as Bool) ? 1 : 0) < (($1["backup"] as Bool) ? 1 : 0) }) {
                for unit in unitsOfLink[link["id"]] ?? [] where linkOfUnit[unit] == nil {
                    linkOfUnit[unit] = link["id"]
                }
            }
            let watch = WatchAssignment(
                units: linkOfUnit.keys.sorted().map { unit in
                    WatchAssignment.Unit(
                        id: String(unit), name: unitNames[unit] ?? "", prefixes: prefixesOfUnit[unit] ?? [],
                        link: String(linkOfUnit[unit] ?? 0))
                },
                links: links.map { link in
                    let id: Int64 = link["id"]
                    return WatchAssignment.Link(id: String(id), units: (unitsOfLink[id] ?? []).map(String.init))
                },
                allow: policy.allow + (policy.hubs[agent.hubCode]?.allow ?? []))
            let capture = (policy.hubs[agent.hubCode]?.capture ?? []).compactMap { entry -> AssignedCapture? in
                let link = links.first { link in
                    if let id = entry.linkId { return (link["id"] as Int64) == id }
                    return (link["deviceName"] as String) == entry.device && (link["port"] as String) == entry.port
                }
                guard let link else { return nil }
                return AssignedCapture(interface: entry.interface, linkId: link["id"], filter: entry.filter ?? "")
            }
            return AgentAssignment(
                version: "", agentId: agent.id, hub: agent.hubCode, pollIntervalSeconds: policy.pollIntervalSeconds,
                heartbeatIntervalSeconds: policy.heartbeatIntervalSeconds, devices: assigned, capture: capture,
                watch: watch)
        }
        assignment.version = try Self.contentVersion(of: assignment)
        return assignment
    }

    /// A hash of the assignment's content (its `version` left empty): the same registry gives the same version.
    static func contentVersion(of assignment: AgentAssignment) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let digest = SHA256.hash(data: try encoder.encode(assignment))
        return "a1-" + String(HexEncoding.string(digest).prefix(32))
    }
}
