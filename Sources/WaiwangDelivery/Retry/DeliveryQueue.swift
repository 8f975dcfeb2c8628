import Foundation
import Logging

/// Runs deliveries to their end: attempts each through the transport, waits as the retry policy says,
/// records every attempt, and keeps every delivery — delivered, failed or pending — for anyone to see.
public actor DeliveryQueue {
    private let transport: any DeliveryTransport
    private let policy: RetryPolicy
    private let journal: (any DeliveryJournal)?
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let jitter: @Sendable () -> Double

    private var records: [String: Delivery] = [:]
    private var payloads: [String: DeliveryPayload] = [:]
    private var drivers: [String: Task<Delivery, Never>] = [:]

    /// - Parameters:
    ///   - now: the clock of the attempt times (tests may pin it).
    ///   - jitter: a draw in 0..<1 for each retry's place in the jitter band.
    public init(
        transport: any DeliveryTransport,
        policy: RetryPolicy = RetryPolicy(),
        journal: (any DeliveryJournal)? = nil,
        logger: Logger = Logger(label: "waiwang.delivery"),
        now: @escaping @Sendable () -> Date = { Date() },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.transport = transport
        self.policy = policy
        self.journal = journal
        self.logger = logger
        self.now = now
        self.jitter = jitter
    }

    /// Accepts a delivery and starts its first attempt at once; returns its record (pending).
    @discardableResult
    public func submit(_ payload: DeliveryPayload, id: String = UUID().uuidString.lowercased()) async -> Delivery {
        let delivery = Delivery(id: id, channel: payload.channel, recipients: payload.recipients, submittedAt: now())
        return await resume(delivery, payload: payload)
    }

    /// Takes back a delivery read from the journal after a restart; a pending one goes on where it stopped.
    @discardableResult
    public func resume(_ delivery: Delivery, payload: DeliveryPayload) async -> Delivery {
        precondition(records[delivery.id] == nil, "delivery \(delivery.id) is already queued")
        records[delivery.id] = delivery
        payloads[delivery.id] = payload
        if case .pending = delivery.state {
            // Runs only once this method suspends, so the journal sees the submission first.
            drivers[delivery.id] = Task { await self.drive(delivery.id) }
        } else if case .failed = delivery.state, delivery.recipients.isEmpty {
            logger.error("delivery failed", metadata: ["delivery": "\(delivery.id)", "reason": "no recipients"])
        }
        await journal?.record(delivery)
        return delivery
    }

    /// Waits until the delivery is delivered or failed (or its driver is cancelled) and returns its record.
    public func settled(_ id: String) async -> Delivery? {
        if let driver = drivers[id] { return await driver.value }
        return records[id]
    }

    public func delivery(_ id: String) -> Delivery? { records[id] }

    /// Every delivery known, oldest first.
    public var deliveries: [Delivery] {
        records.values.sorted { ($0.submittedAt, $0.id) < ($1.submittedAt, $1.id) }
    }

    /// Stops waiting for retries; pending deliveries stay pending in the records and the journal, to be resumed.
    public func shutdown() {
        for driver in drivers.values { driver.cancel() }
    }

    private func drive(_ id: String) async -> Delivery {
        while var delivery = records[id], case .pending(let due) = delivery.state, let payload = payloads[id] {
            let wait = due.timeIntervalSince(now())
            if wait > 0 {
                do {
                    try await Task.sleep(for: .seconds(wait))
                } catch {
                    break  // cancelled: left pending, visible and resumable
                }
            }
            let recipients = delivery.pendingRecipients
            let results = await transport.attempt(payload, to: recipients, idempotencyKey: id)
            delivery = records[id] ?? delivery
            delivery.record(results, at: now(), policy: policy, jitterUnit: jitter())
            records[id] = delivery
            await journal?.record(delivery)
            log(delivery)
        }
        drivers[id] = nil
        return records[id]!
    }

    private func log(_ delivery: Delivery) {
        let metadata: Logger.Metadata = [
            "delivery": "\(delivery.id)", "channel": "\(delivery.channel.rawValue)",
            "attempt": "\(delivery.attemptCount)",
        ]
        switch delivery.state {
        case .delivered:
            logger.info("delivered", metadata: metadata)
        case .pending(let next):
            let errors = delivery.attempts.suffix(delivery.pendingRecipients.count).compactMap(\.error)
            logger.warning(
                "attempt failed, will retry",
                metadata: metadata.merging(["next": "\(next)", "error": "\(errors.joined(separator: "; "))"]) { $1 })
        case .failed:
            logger.error("delivery failed", metadata: metadata.merging(["status": "\(delivery.status)"]) { $1 })
        }
    }
}
