/// A report the registry owes: to whom, by which channels, by when, and why.
public struct DueReport: Hashable, Sendable {
    /// A first report (may be partial) or the summary after handling ends.
    public enum Stage: String, Hashable, Sendable, Codable {
        case initial, summary

        /// 首报 or 总结报告.
        public var label: String { self == .initial ? "首报" : "总结报告" }
    }

    public var stage: Stage
    public var authority: Authority
    /// The configured body's name, or the authority's label when none is configured.
    public var recipientName: String
    /// Empty when no recipient is configured for the division (then `problem` says so).
    public var channels: [Channel]
    public var deadline: Instant
    /// The rule behind the report (`reportable-grade`, `isolation`, `suspected-crime`, `summary`).
    public var rule: String
    /// Why, in Chinese, for the report and the UI.
    public var reason: String
    public var problem: String?

    public init(
        stage: Stage, authority: Authority, recipientName: String, channels: [Channel], deadline: Instant,
        rule: String, reason: String, problem: String? = nil
    ) {
        self.stage = stage
        self.authority = authority
        self.recipientName = recipientName
        self.channels = channels
        self.deadline = deadline
        self.rule = rule
        self.reason = reason
        self.problem = problem
    }
}
