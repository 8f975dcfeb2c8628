import WaiwangAPI
import WaiwangStore

/// The delivery journal in Prometheus text: deliveries by state and those past their deadline unsent, so an
/// alert rule can page someone when a report to the superior authority, 网信 or 公安 is failing or late.
enum DeliveryMetrics {
    static func text(_ store: RegistryStore) async throws -> String {
        let counts = try await store.deliveryCounts()
        return PrometheusGauge.text(
            "waiwang_deliveries", help: "Escalation report deliveries by state (article 21(4)).", label: "state",
            keys: DeliveryStateCode.allCases, counts: counts.byState)
            + PrometheusGauge.text(
                "waiwang_deliveries_overdue", help: "Escalation report deliveries past their deadline and not sent.",
                value: counts.overdue)
    }
}
