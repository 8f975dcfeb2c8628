/// What a token may do: the registry checks it on every endpoint.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// The city authority: everything.
    case admin
    /// A county authority: read and write within one division.
    case county
    /// Security staff: read the registry; incidents and isolation orders (later issues).
    case security
    /// Read-only, including the audit log.
    case auditor
    /// A hub agent (machine): its own assignment and observations only.
    case agent
}

/// Who is calling: the name and role of a token, and the division a county token is confined to.
public struct Principal: Sendable, Hashable, Codable {
    public var name: String
    public var role: Role
    public var divisionCode: String?

    public init(name: String, role: Role, divisionCode: String? = nil) {
        self.name = name
        self.role = role
        self.divisionCode = divisionCode
    }

    /// The registry itself, for seeding and migrations.
    public static let system = Principal(name: "system", role: .admin)

    /// True when this principal may see and change things of the given division.
    public func covers(division: String) -> Bool {
        switch role {
        case .county: divisionCode == division
        case .agent: false
        default: true
        }
    }

    /// Throws `forbidden` unless this principal covers the division.
    public func requireScope(division: String, what: String) throws(RegistryError) {
        guard covers(division: division) else {
            throw .forbidden(
                "\(name) (\(role.rawValue)\(divisionCode.map { " of \($0)" } ?? "")) may not act on \(what) of division \(division)"
            )
        }
    }

    /// Throws `forbidden` unless the role may change the registry.
    public func requireWrite(what: String) throws(RegistryError) {
        guard role == .admin || role == .county else {
            throw .forbidden("role \(role.rawValue) may read but not change \(what)")
        }
    }
}
