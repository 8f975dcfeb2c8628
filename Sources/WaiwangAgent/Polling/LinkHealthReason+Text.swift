import WaiwangCore

extension LinkHealthReason {
    /// A short text for output, e.g. `operDown(lowerLayerDown)` or `utilisation(inbound 0.95 > 0.9)`.
    var text: String {
        switch self {
        case .deviceUnreachable: "deviceUnreachable"
        case .administrativelyDown: "administrativelyDown"
        case .statusIndeterminate(let admin, let oper): "statusIndeterminate(admin \(admin), oper \(oper))"
        case .operDown(let oper): "operDown(\(oper))"
        case .operUp: "operUp"
        case .utilisation(let direction, let value, let threshold):
            "utilisation(\(direction.rawValue) \(Self.short(value)) > \(Self.short(threshold)))"
        case .errorsAndDiscards(let perSecond, let threshold):
            "errorsAndDiscards(\(Self.short(perSecond))/s > \(Self.short(threshold)))"
        case .flapPenalty(let penalty): "flapPenalty(\(Int(penalty.rounded())))"
        }
    }

    private static func short(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
