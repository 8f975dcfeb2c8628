import WaiwangCore
import WaiwangStore

/// The incident and order gauges of `/metrics`, in Prometheus text format.
enum IncidentMetricsText {
    static func render(_ metrics: IncidentMetrics) -> String {
        let steps = IsolationDeadline.Step.allCases
        return PrometheusGauge.text(
            "waiwang_incidents_open", help: "Open incidents by grade (GB/T 20986-2023).", label: "grade",
            keys: IncidentGrade.allCases, counts: metrics.openIncidents)
            + PrometheusGauge.text(
                "waiwang_isolation_orders", help: "Isolation orders by state.", label: "state",
                keys: IsolationState.allCases, counts: metrics.orders)
            + PrometheusGauge.text(
                "waiwang_isolation_orders_overdue",
                help: "Orders in progress past a step's time limit (Config/isolation.json).", label: "step", keys: steps,
                counts: Dictionary(uniqueKeysWithValues: steps.map { ($0, metrics.overdueOrders[$0.rawValue] ?? 0) }))
    }
}
