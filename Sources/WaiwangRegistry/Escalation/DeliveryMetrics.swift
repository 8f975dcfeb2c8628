import WaiwangAPI
import WaiwangStore

/// The delivery journal in Prometheus text: deliveries by state and those past their deadline unsent, so an
/// alert rule can page someone when a report to the superior authority, 网信 or 公安 is failing or late.
enum DeliveryMetrics {
    static func text(_ store: RegistryStore) async throws -> String {
        let counts = try await store.deliveryCounts()
        var text = """
            # HELP waiwang_deliveries Escalation report deliveries by state (article 21(4)).
            # TYPE waiwang_deliveries gauge

            """
        for state in DeliveryStateCode.allCases {
            text += "waiwang_deliveries{state=\"\(state.rawValue)\"} \(counts.byState[state] ?? 0)\n"
        }
        text += """
            # HELP waiwang_deliveries_overdue Escalation report deliveries past their deadline and not sent.
            # TYPE waiwang_deliveries_overdue gauge
            waiwang_deliveries_overdue \(counts.overdue)

            """
        return text
    }
}
