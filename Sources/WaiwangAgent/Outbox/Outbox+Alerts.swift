import WaiwangAPI

extension Outbox {
    /// The seam where the detectors' alerts enter: written with `synchronous = FULL`, sent ahead of samples, never
    /// dropped when the outbox is full.
    @discardableResult
    public func enqueueAlert(_ alert: AlertObservation) throws -> Observation {
        // An alert is never refused: the outbox grows past its bound rather than drop one.
        try enqueue(.alert(alert)).observation!
    }
}
