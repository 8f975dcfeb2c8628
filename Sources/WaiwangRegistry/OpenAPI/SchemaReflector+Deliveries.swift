import WaiwangAPI

extension DeliveryStateCode: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }

extension SchemaReflector {
    /// Example values of the delivery journal's wire types, every optional filled.
    static func deliveryExamples() -> [(String, any Sendable)] {
        let attempt = DeliveryAttemptView(number: 1, at: "", outcome: "retryable", error: "")
        return [
            ("DeliveryAttemptView", attempt),
            (
                "DeliveryView",
                DeliveryView(
                    id: 1, incidentId: "", stage: "initial", authority: "superior", recipient: "", channel: "mail",
                    address: "", subject: "", deadline: "", state: .pending, attempts: [attempt], sentAt: "",
                    overdue: false, acknowledgedAt: "", acknowledgedBy: "", note: "", lastError: "")
            ),
            ("DeliveryAcknowledge", DeliveryAcknowledge(note: "")),
        ]
    }
}
