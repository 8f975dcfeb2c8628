import WaiwangAPI

extension RegistryClient {
    /// The `workingDays`-th working day after `from` (YYYY-MM-DD) in the registry's calendar, with the local
    /// holidays of `division` when given; refused (422) when the calendar does not reach that far.
    public func workingDayDeadline(from: String, workingDays: Int, division: String? = nil) async throws
        -> WorkingDayDeadline
    {
        try await call(
            .GET, "/api/v1/calendar/deadline",
            query: [("from", from), ("days", String(workingDays)), ("division", division)])
    }
}
