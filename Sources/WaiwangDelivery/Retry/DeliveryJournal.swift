/// Where the queue writes each delivery after it is submitted and after every attempt (the registry's store),
/// so attempts survive a restart and pending deliveries can be resumed.
public protocol DeliveryJournal: Sendable {
    func record(_ delivery: Delivery) async
}
