import WaiwangCore

/// An enrolled agent as its own credential identifies it: the agent's id and the hub it is confined to.
public struct AgentIdentity: Sendable, Equatable {
    public var id: Int64
    public var hubCode: String
    public var divisionCode: String
    /// The principal that appears in the audit log, e.g. `agent-3-HT`.
    public var principal: Principal

    public init(id: Int64, hubCode: String, divisionCode: String, principal: Principal) {
        self.id = id
        self.hubCode = hubCode
        self.divisionCode = divisionCode
        self.principal = principal
    }
}
