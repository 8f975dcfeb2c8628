import GRDB
import WaiwangCore

/// The devices and links of one hub, loaded once per batch, against which an agent's observations are checked:
/// an agent reports only on its own hub. Loaded in a read, before the batch waits for the single writer.
struct AgentHubScope: Sendable {
    struct Link: Sendable {
        var deviceId: Int64
        var port: String
    }

    let hubCode: String
    /// Device name → id.
    let devices: [String: Int64]
    let links: [Int64: Link]
    /// Device id → port → link id.
    let linkOnPort: [Int64: [String: Int64]]

    init(hubCode: String, in db: Database) throws {
        self.hubCode = hubCode
        var devices: [String: Int64] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, name FROM hubDevice WHERE hubCode = ?"), arguments: [hubCode])
        {
            devices[row["name"]] = row["id"]
        }
        var links: [Int64: Link] = [:]
        var linkOnPort: [Int64: [String: Int64]] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT link.id, link.deviceId, link.port FROM link JOIN hubDevice ON hubDevice.id = link.deviceId
                    WHERE hubDevice.hubCode = ?
                    """), arguments: [hubCode])
        {
            let link = Link(deviceId: row["deviceId"], port: row["port"])
            links[row["id"]] = link
            linkOnPort[link.deviceId, default: [:]][link.port] = row["id"]
        }
        self.devices = devices
        self.links = links
        self.linkOnPort = linkOnPort
    }

    /// The id of a device of this hub, or a refusal naming the field.
    func device(_ name: String, field: String) throws -> Int64 {
        guard let id = devices[name] else {
            throw RegistryError(
                .forbidden, field: field, rule: "agent-hub",
                "\"\(name)\" is not a device of hub \(hubCode); an agent reports only on its own hub's devices")
        }
        return id
    }

    /// The link a port observation is about: the one named (which must be on this device of this hub), else the
    /// link registered on the device's port, else none (an unregistered port).
    func link(_ id: Int64?, device: Int64, ifName: String, field: String) throws -> Int64? {
        guard let id else { return linkOnPort[device]?[ifName] }
        guard let link = links[id] else {
            throw RegistryError(
                .forbidden, field: field, rule: "agent-hub",
                "link \(id) is not a link of hub \(hubCode); an agent reports only on its own hub's links")
        }
        guard link.deviceId == device else {
            throw RegistryError.invalid(field, rule: "link-port", "link \(id) does not land on this device")
        }
        return id
    }

    /// A link given as text (alerts carry ids as strings), which must be one of this hub's.
    func link(text: String?, field: String) throws -> Int64? {
        guard let text else { return nil }
        guard let id = Int64(text) else {
            throw RegistryError.invalid(field, rule: "observation-value", "\"\(text)\" is not a link id")
        }
        guard links[id] != nil else {
            throw RegistryError(
                .forbidden, field: field, rule: "agent-hub",
                "link \(id) is not a link of hub \(hubCode); an agent reports only on its own hub's links")
        }
        return id
    }
}
