/// The time limits of the isolation workflow and who may take the emergency path, from `Config/isolation.json`.
public struct IsolationPolicy: Hashable, Sendable, Codable {
    /// A proposed order is approved or rejected within this many minutes.
    public var approvalMinutes: Int
    /// Every port is confirmed down within this many minutes of approval (the agent's read-back included).
    public var executionMinutes: Int
    /// An emergency isolation is approved by a second person within this many minutes.
    public var retrospectiveApprovalMinutes: Int
    /// The unit reports its tracing, cleaning and rectification within this many working days of isolation.
    public var remediationWorkingDays: Int
    /// The authority verifies within this many working days of the report.
    public var verificationWorkingDays: Int
    /// Every port is confirmed up within this many minutes of `restore`.
    public var restoreMinutes: Int
    /// Security staff (by principal name) who may isolate at once; admins always may.
    public var emergencyLeads: [String]

    public init(
        approvalMinutes: Int = 30, executionMinutes: Int = 5, retrospectiveApprovalMinutes: Int = 240,
        remediationWorkingDays: Int = 3, verificationWorkingDays: Int = 1, restoreMinutes: Int = 5,
        emergencyLeads: [String] = []
    ) {
        self.approvalMinutes = approvalMinutes
        self.executionMinutes = executionMinutes
        self.retrospectiveApprovalMinutes = retrospectiveApprovalMinutes
        self.remediationWorkingDays = remediationWorkingDays
        self.verificationWorkingDays = verificationWorkingDays
        self.restoreMinutes = restoreMinutes
        self.emergencyLeads = emergencyLeads
    }

    /// Refuses a limit that is not positive or is implausibly long, naming the field.
    public func validate() throws(RegistryError) {
        let minutes: [(String, Int)] = [
            ("approvalMinutes", approvalMinutes), ("executionMinutes", executionMinutes),
            ("retrospectiveApprovalMinutes", retrospectiveApprovalMinutes), ("restoreMinutes", restoreMinutes),
        ]
        for (field, value) in minutes where !(1...10_080).contains(value) {
            throw .invalid(field, rule: "isolation-policy", "\(field) must be 1–10080 minutes (one week)")
        }
        let days = [
            ("remediationWorkingDays", remediationWorkingDays), ("verificationWorkingDays", verificationWorkingDays),
        ]
        for (field, value) in days where !(1...60).contains(value) {
            throw .invalid(field, rule: "isolation-policy", "\(field) must be 1–60 working days")
        }
    }
}
