/// What a report is written from: the incident, the registry's names for its unit, link and hub, the order,
/// the evidence files and the deadline. Every field is given, so the text is deterministic.
public struct IncidentReportInput: Hashable, Sendable {
    public var incident: Incident
    public var unitName: String
    /// The unit's unified social credit code, when registered.
    public var creditCode: String?
    public var divisionName: String
    /// The link's name (or id) and the hub's name.
    public var linkName: String?
    public var hubName: String?
    public var order: IsolationOrder?
    public var evidence: [EvidenceFile]
    /// The earliest deadline of the report being sent.
    public var deadline: Instant?
    public var generatedAt: Instant

    public init(
        incident: Incident, unitName: String, creditCode: String? = nil, divisionName: String,
        linkName: String? = nil, hubName: String? = nil, order: IsolationOrder? = nil, evidence: [EvidenceFile] = [],
        deadline: Instant? = nil, generatedAt: Instant
    ) {
        self.incident = incident
        self.unitName = unitName
        self.creditCode = creditCode
        self.divisionName = divisionName
        self.linkName = linkName
        self.hubName = hubName
        self.order = order
        self.evidence = evidence
        self.deadline = deadline
        self.generatedAt = generatedAt
    }
}

/// An evidence file kept for an incident (a pcap), named with its SHA-256 digest.
public struct EvidenceFile: Hashable, Sendable, Codable {
    public var name: String
    /// Lower-case hex.
    public var sha256: String

    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }
}
