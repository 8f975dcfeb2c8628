import WaiwangCore
import WaiwangStore

/// The incident and order gauges of `/metrics`, in Prometheus text format.
enum IncidentMetricsText {
    static func render(_ metrics: IncidentMetrics) -> String {
        var text = """
            # HELP waiwang_incidents_open Open incidents by grade (GB/T 20986-2023).
            # TYPE waiwang_incidents_open gauge

            """
        for grade in IncidentGrade.allCases {
            text += "waiwang_incidents_open{grade=\"\(grade.rawValue)\"} \(metrics.openIncidents[grade] ?? 0)\n"
        }
        text += """
            # HELP waiwang_isolation_orders Isolation orders by state.
            # TYPE waiwang_isolation_orders gauge

            """
        for state in IsolationState.allCases {
            text += "waiwang_isolation_orders{state=\"\(state.rawValue)\"} \(metrics.orders[state] ?? 0)\n"
        }
        text += """
            # HELP waiwang_isolation_orders_overdue Orders in progress past a step's time limit (Config/isolation.json).
            # TYPE waiwang_isolation_orders_overdue gauge

            """
        for step in IsolationDeadline.Step.allCases {
            text +=
                "waiwang_isolation_orders_overdue{step=\"\(step.rawValue)\"} \(metrics.overdueOrders[step.rawValue] ?? 0)\n"
        }
        return text
    }
}
