/// What the engine hands its caller: an alert as it opens, updates or closes, or a raw packet to keep
/// as evidence of an alert. An alert's `open` always comes before its evidence.
public enum DetectionEvent: Sendable, Hashable {
    case alert(Alert)
    case evidence(EvidencePacket)
}
