import Crypto
import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Creates a bearer token for a person or machine and returns it; only its SHA-256 is stored.
    public func createToken(name: String, role: Role, divisionCode: String?, by principal: Principal = .system)
        async throws -> String
    {
        guard !name.trimmingBlanks().isEmpty else { throw RegistryError.invalid("name", "a token needs a name") }
        if role == .county, divisionCode == nil {
            throw RegistryError.invalid(
                "division", rule: "role-scope",
                "a county token is confined to one division: give --division CODE")
        }
        if role != .county, divisionCode != nil {
            throw RegistryError.invalid("division", rule: "role-scope", "only county tokens take a division")
        }
        let token = "ww_" + Self.randomHex(bytes: 32)
        try await writer.write { db in
            if let divisionCode { _ = try division(divisionCode, in: db, field: "division") }
            let at = timestamp()
            try db.execute(
                sql: """
                    INSERT INTO apiToken (name, role, divisionCode, tokenHash, createdAt) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [name, role.rawValue, divisionCode, Self.tokenHash(token), at])
            let snapshot = Principal(name: name, role: role, divisionCode: divisionCode)
            try auditor(principal).append(
                db, action: "token.create", entity: "token", entityId: name,
                before: Optional<Principal>.none, after: snapshot)
        }
        return token
    }

    /// The principal of a token, or nil when it is unknown or revoked.
    public func principal(forToken token: String) async throws -> Principal? {
        let hash = Self.tokenHash(token)
        return try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT name, role, divisionCode FROM apiToken WHERE tokenHash = ? AND revokedAt IS NULL
                        """, arguments: [hash]), let role = Role(rawValue: row["role"])
            else { return nil }
            return Principal(name: row["name"], role: role, divisionCode: row["divisionCode"])
        }
    }

    static func tokenHash(_ token: String) -> String {
        HexEncoding.string(SHA256.hash(data: Array(token.utf8)))
    }

    /// `count` random bytes in hex: the secret part of every token, enrolment ticket and agent credential.
    static func randomHex(bytes count: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        return HexEncoding.string(bytes)
    }
}
