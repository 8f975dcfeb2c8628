import WaiwangAPI

/// What an observation carries, before the outbox gives it its idempotency key.
public enum ObservationPayload: Sendable, Equatable {
    case linkSample(LinkSampleObservation)
    case healthChange(HealthChangeObservation)
    case alert(AlertObservation)
    case trap(TrapObservation)
    case heartbeat(HeartbeatObservation)

    /// The wire kind of this payload.
    public var kind: ObservationKind {
        switch self {
        case .linkSample: .linkSample
        case .healthChange: .healthChange
        case .alert: .alert
        case .trap: .trap
        case .heartbeat: .heartbeat
        }
    }

    /// The wire observation with its key and time.
    public func observation(key: String, observedAt: String) -> Observation {
        var observation = Observation(key: key, kind: kind, observedAt: observedAt)
        switch self {
        case .linkSample(let value): observation.linkSample = value
        case .healthChange(let value): observation.healthChange = value
        case .alert(let value): observation.alert = value
        case .trap(let value): observation.trap = value
        case .heartbeat(let value): observation.heartbeat = value
        }
        return observation
    }
}
