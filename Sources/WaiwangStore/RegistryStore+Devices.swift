import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Rows joined to `hub`, within the caller's division, of one hub when `hub` names it (by code or division).
    func hubConditions(_ hub: String?, as principal: Principal) -> SQLConditions {
        var conditions = SQLConditions()
        conditions.confine(principal, column: "hub.divisionCode")
        if let hub {
            conditions.add("(hub.code = ? OR hub.divisionCode = ?)", hub, divisionCode(parsing: hub))
        }
        return conditions
    }

    public func listDevices(hub: String?, as principal: Principal) async throws -> [DeviceView] {
        try await writer.read { db in
            let conditions = hubConditions(hub, as: principal)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT hubDevice.*, (SELECT COUNT(*) FROM link WHERE link.deviceId = hubDevice.id) AS linkCount
                    FROM hubDevice JOIN hub ON hub.code = hubDevice.hubCode
                    \(conditions.whereClause) ORDER BY hubDevice.id
                    """, arguments: conditions.arguments
            ).map(Self.deviceView)
        }
    }

    public func createDevice(_ input: DeviceCreate, as principal: Principal) async throws -> DeviceView {
        try principal.requireWrite(what: "hub devices")
        return try await writer.write { db in
            let hubText = try FieldRules.required(input.hub, field: "hub", label: "汇聚节点 (hub)")
            guard
                let hubRow = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM hub WHERE code = ? OR divisionCode = ?"),
                    arguments: [hubText, divisionCode(parsing: hubText)])
            else {
                throw RegistryError.invalid(
                    "hub", rule: "known-hub",
                    "no hub \"\(hubText)\"; hubs: \(tree.hubs.map(\.code).joined(separator: ", "))")
            }
            let hubDivision: String = hubRow["divisionCode"]
            try principal.requireScope(division: hubDivision, what: "hub \(hubText)")
            let name = try FieldRules.required(input.name, field: "name", label: "设备名称 (device name)")
            let address = try Self.snmpAddress(input.snmpAddress)
            if try HubDeviceRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM hubDevice WHERE name = ?"), arguments: [name]) != nil
            {
                throw RegistryError.conflict("name", rule: "unique-device", "a hub device named \(name) exists already")
            }
            if let credential = input.credential,
                try SNMPCredentialRecord.fetchOne(db, key: credential) == nil
            {
                throw RegistryError.invalid(
                    "credential", rule: "known-credential",
                    "no SNMP credential \"\(credential)\"; create it first (waiwangctl credentials create)")
            }
            var record = HubDeviceRecord(
                id: nil, hubCode: hubRow["code"], name: name, snmpAddress: address,
                credentialName: input.credential)
            try record.insert(db)
            try auditor(principal).append(
                db, action: "device.create", entity: "hubDevice", entityId: name,
                before: Optional<HubDeviceRecord>.none, after: record)
            return DeviceView(
                id: record.id ?? 0, hubCode: record.hubCode, name: name, snmpAddress: address,
                credential: record.credentialName, linkCount: 0)
        }
    }

    public func listCredentials(as principal: Principal) async throws -> [CredentialView] {
        guard principal.role == .admin else { throw RegistryError.forbidden("only admin manages SNMP credentials") }
        return try await writer.read { db in
            try SNMPCredentialRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM snmpCredential ORDER BY name"))
                .map(\.redacted)
        }
    }

    public func createCredential(_ input: CredentialCreate, as principal: Principal) async throws -> CredentialView {
        guard principal.role == .admin else { throw RegistryError.forbidden("only admin manages SNMP credentials") }
        let name = try FieldRules.required(input.name, field: "name", label: "credential name")
        let record: SNMPCredentialRecord
        switch input.version.lowercased() {
        case "v1", "v2c":
            let community = try FieldRules.required(input.community, field: "community", label: "SNMP community")
            record = SNMPCredentialRecord(name: name, version: input.version.lowercased(), community: community)
        case "v3":
            let user = try FieldRules.required(input.user, field: "user", label: "SNMPv3 user")
            let auth = try Self.choice(
                input.authProtocol, field: "authProtocol", allowed: ["SHA", "SHA-256", "SHA-512", "MD5"])
            let authPass = try FieldRules.required(
                input.authPassphrase, field: "authPassphrase", label: "auth passphrase")
            guard authPass.count >= 8 else {
                throw RegistryError.invalid(
                    "authPassphrase", rule: "rfc3414", "SNMPv3 passphrases need at least 8 characters")
            }
            var priv: String?
            if input.privProtocol != nil || input.privPassphrase != nil {
                priv = try Self.choice(
                    input.privProtocol, field: "privProtocol", allowed: ["AES", "AES-128", "AES-256", "DES"])
                let pass = try FieldRules.required(
                    input.privPassphrase, field: "privPassphrase", label: "priv passphrase")
                guard pass.count >= 8 else {
                    throw RegistryError.invalid(
                        "privPassphrase", rule: "rfc3414", "SNMPv3 passphrases need at least 8 characters")
                }
            }
            record = SNMPCredentialRecord(
                name: name, version: "v3", user: user, authProtocol: auth,
                authPassphrase: authPass, privProtocol: priv,
                privPassphrase: priv == nil ? nil : input.privPassphrase)
        default:
            throw RegistryError.invalid("version", rule: "snmp-version", "SNMP version must be v1, v2c or v3")
        }
        try await writer.write { db in
            if try SNMPCredentialRecord.fetchOne(db, key: name) != nil {
                throw RegistryError.conflict(
                    "name", rule: "unique-credential", "a credential named \(name) exists already")
            }
            try record.insert(db)
            try auditor(principal).append(
                db, action: "credential.create", entity: "snmpCredential", entityId: name,
                before: Optional<CredentialView>.none, after: record.redacted)
        }
        return record.redacted
    }

    private static func choice(_ value: String?, field: String, allowed: [String]) throws -> String {
        let text = try FieldRules.required(value, field: field, label: field).uppercased()
        guard allowed.contains(text) else {
            throw RegistryError.invalid(
                field, rule: "snmp-protocol", "\(text) is not one of \(allowed.joined(separator: ", "))")
        }
        return text
    }

    /// `udp:HOST:PORT`, `HOST:PORT` or `HOST` (port 161), as net-snmp writes transport addresses.
    static func snmpAddress(_ value: String) throws -> String {
        var text = try FieldRules.required(value, field: "snmpAddress", label: "SNMP address")
        if text.hasPrefix("udp:") { text.removeFirst(4) }
        var host = text
        var port = "161"
        if let colon = text.lastIndex(of: ":"), IPAddress(text) == nil {
            host = String(text[..<colon])
            port = String(text[text.index(after: colon)...])
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let portNumber = Int(port), (1...65535).contains(portNumber),
            !host.isEmpty,
            IPAddress(host) != nil || host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })
        else {
            throw RegistryError.invalid(
                "snmpAddress", rule: "snmp-address",
                "\"\(value)\" is not an SNMP address; write udp:HOST:PORT, e.g. udp:10.53.4.1:161")
        }
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "udp:\(hostText):\(portNumber)"
    }

    static func deviceView(_ row: Row) -> DeviceView {
        DeviceView(
            id: row["id"], hubCode: row["hubCode"], name: row["name"], snmpAddress: row["snmpAddress"],
            credential: row["credentialName"], linkCount: row["linkCount"])
    }
}
