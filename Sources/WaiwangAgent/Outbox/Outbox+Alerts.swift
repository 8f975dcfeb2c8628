import WaiwangAPI

extension Outbox {
    /// The seam where the detectors' alerts enter: written with `synchronous = FULL`, sent ahead of samples, never
    /// dropped when the outbox is full (it grows past its bound rather than refuse an alert).
    @discardableResult
    public func enqueueAlert(_ alert: AlertObservation) throws -> Observation {
        guard let observation = try enqueue(.alert(alert)).observation else {
            throw OutboxError(path: path, message: "an alert was refused, which the outbox never does")
        }
        return observation
    }
}
