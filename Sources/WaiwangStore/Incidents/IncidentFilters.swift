import WaiwangCore

/// What `GET /api/v1/incidents` filters on; a county principal sees its own division only.
public struct IncidentFilter: Sendable, Equatable {
    /// `open` or `closed`.
    public var state: String?
    /// A unit by id or credit code.
    public var unit: String?
    public var grade: IncidentGrade?
    public var kind: IncidentKind?
    public var limit: Int
    public var offset: Int

    public init(
        state: String? = nil, unit: String? = nil, grade: IncidentGrade? = nil, kind: IncidentKind? = nil,
        limit: Int = 100, offset: Int = 0
    ) {
        self.state = state
        self.unit = unit
        self.grade = grade
        self.kind = kind
        self.limit = limit
        self.offset = offset
    }
}

/// What `GET /api/v1/orders` filters on.
public struct OrderFilter: Sendable, Equatable {
    public var state: IsolationState?
    public var incidentId: String?
    /// A unit by id or credit code.
    public var unit: String?
    public var limit: Int
    public var offset: Int

    public init(
        state: IsolationState? = nil, incidentId: String? = nil, unit: String? = nil, limit: Int = 100,
        offset: Int = 0
    ) {
        self.state = state
        self.incidentId = incidentId
        self.unit = unit
        self.limit = limit
        self.offset = offset
    }
}
