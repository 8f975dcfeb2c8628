import Crypto
import Foundation
import Logging
import ServiceLifecycle
import WaiwangAPI
import WaiwangCore
import WaiwangDelivery
import WaiwangStore

/// The registry's escalation dispatcher (article 21(4)): journals each due report once per channel and address,
/// then sends the journal — SMTP mail and signed webhooks — retrying per `RetryPolicy`, noting overdue reports.
///
/// The journal is the truth: a restart picks up pending and retrying rows, a channel not configured keeps its
/// rows pending with the reason, and a delivery ends sent or failed (shown), never dropped.
public actor EscalationDispatcher: Service {
    /// The actor of the dispatcher's audit entries.
    public static let principal = Principal(name: "escalation-dispatcher", role: .admin)

    private let store: RegistryStore
    private let policy: EscalationPolicy
    private let channels: DeliveryChannels
    private let transport: any DeliveryTransport
    private let retry: RetryPolicy
    private let overdueCheck: Duration
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let jitter: @Sendable () -> Double
    private var sleeper: Task<Void, Never>?
    private var woken = false

    /// - Parameters:
    ///   - policy: `Config/escalation.json` (`RegistryConfiguration.escalation`).
    ///   - overdueCheck: how often, at most, the journal is looked at for deadlines passed unsent.
    public init(
        store: RegistryStore, policy: EscalationPolicy, channels: DeliveryChannels,
        retryPolicy: RetryPolicy = RetryPolicy(), overdueCheck: Duration = .seconds(30),
        logger: Logger = Logger(label: "waiwang.escalation"), now: @escaping @Sendable () -> Date = { Date() },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.policy = policy
        self.channels = channels
        self.transport = ChannelTransport(mailer: channels.mailer, webhooks: channels.webhooks)
        self.retry = retryPolicy
        self.overdueCheck = overdueCheck
        self.logger = logger
        self.now = now
        self.jitter = jitter
    }

    /// Plans `escalation` and journals every due report not yet journaled (one row per channel and address),
    /// then wakes the sender. A repeated call journals nothing; failures are logged, never thrown.
    public func escalate(_ escalation: EscalationCase, report: IncidentReportInput) async {
        let due = EscalationPlanner.plan(escalation, policy: policy)
        let held = channels.heldReasons
        let drafts = due.flatMap {
            EscalationRendering.drafts(for: $0, incidentId: escalation.incidentId, input: report, held: held)
        }
        do {
            let ids = try await store.journalDeliveries(drafts, as: Self.principal)
            guard !ids.isEmpty else { return }
            logger.info(
                "escalation journaled",
                metadata: ["incident": "\(escalation.incidentId)", "deliveries": "\(ids.map(String.init))"])
            for draft in drafts where draft.problem != nil {
                logger.warning(
                    "escalation cannot be sent now",
                    metadata: ["key": "\(draft.idempotencyKey)", "reason": "\(draft.problem ?? "")"])
            }
            wake()
        } catch {
            logger.error(
                "escalation not journaled",
                metadata: ["incident": "\(escalation.incidentId)", "error": "\(String(reflecting: error))"])
        }
    }

    /// Sends until graceful shutdown: attempts what is due, notes overdue reports, sleeps until the next
    /// attempt (or the next overdue check, or a new escalation).
    public func run() async throws {
        await prepare()
        await cancelWhenGracefulShutdown {
            await self.loop()
        }
    }

    /// Makes the journal match the channels of this run: held rows of a configured channel go out now,
    /// pending rows of a channel not configured wait with the reason. Rows this run journals later are held
    /// as they are written (their drafts carry the reason), and the sender only reads configured channels.
    func prepare() async {
        do {
            try await store.releaseHeldDeliveries(channels: channels.configured, at: now())
            for (channel, reason) in channels.heldReasons {
                try await store.holdDeliveries(channel: channel, reason: reason)
            }
        } catch {
            logger.error("cannot prepare the delivery journal", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            await sendDue()
            await noteOverdue()
            let pause = await pauseUntilNext()
            if woken {
                woken = false
                continue
            }
            let sleeper = Task { _ = try? await Task.sleep(for: pause) }
            self.sleeper = sleeper
            await withTaskCancellationHandler {
                await sleeper.value
            } onCancel: {
                sleeper.cancel()
            }
            self.sleeper = nil
            woken = false
        }
    }

    private func wake() {
        woken = true
        sleeper?.cancel()
    }

    private func pauseUntilNext() async -> Duration {
        let next = try? await store.nextDeliveryAttempt(channels: channels.configured)
        guard let next else { return overdueCheck }
        let seconds = max(0, next.timeIntervalSince(now()))
        return min(.milliseconds(Int64(seconds * 1000)), overdueCheck)
    }

    /// Attempts every delivery due now, side by side (a relay that hangs does not hold up the webhooks), and
    /// records each attempt; returns when all of them are recorded.
    func sendDue() async {
        let due: [OutboundDelivery]
        do { due = try await store.dueDeliveries(at: now(), channels: channels.configured) } catch {
            logger.error("cannot read the delivery journal", metadata: ["error": "\(String(reflecting: error))"])
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for delivery in due {
                group.addTask { await self.attempt(delivery) }
            }
        }
    }

    private func attempt(_ delivery: OutboundDelivery) async {
        let header = Self.idempotencyHeader(delivery.idempotencyKey)
        let result: AttemptResult
        switch payload(of: delivery, idempotencyHeader: header) {
        case .success(let payload):
            let results = await transport.attempt(payload, to: [delivery.address], idempotencyKey: header)
            result = results[delivery.address] ?? AttemptResult(.retryable, error: "no result for this recipient")
        case .failure(let error):
            result = AttemptResult(.rejected, error: error.description)
        }
        let at = now()
        var record = DeliveryAttemptRecord(outcome: result.outcome.rawValue, error: result.error)
        if result.outcome == .retryable {
            record.nextAttemptAt = retry.nextAttempt(
                afterAttempt: delivery.attempts + 1, submittedAt: delivery.firstAttemptAt ?? at, now: at,
                unit: jitter())
        }
        do {
            let view = try await store.recordDeliveryAttempt(delivery.id, at: at, record, as: Self.principal)
            let metadata: Logger.Metadata = [
                "delivery": "\(delivery.id)", "key": "\(delivery.idempotencyKey)",
                "attempt": "\(view.attempts.count)", "state": "\(view.state.rawValue)",
            ]
            switch view.state {
            case .sent: logger.info("escalation delivered", metadata: metadata)
            case .retrying:
                logger.warning(
                    "escalation attempt failed, will retry",
                    metadata: metadata.merging(["error": "\(result.error ?? "")"]) { $1 })
            case .failed:
                logger.error(
                    "escalation delivery failed: someone must act",
                    metadata: metadata.merging(["error": "\(view.lastError ?? "")"]) { $1 })
            case .pending: break
            }
        } catch {
            logger.error(
                "cannot record a delivery attempt",
                metadata: ["delivery": "\(delivery.id)", "error": "\(String(reflecting: error))"])
        }
    }

    private func noteOverdue() async {
        do {
            for view in try await store.markOverdueDeliveries(at: now(), as: Self.principal) {
                logger.error(
                    "escalation overdue: past its deadline and not sent",
                    metadata: [
                        "delivery": "\(view.id)", "incident": "\(view.incidentId)", "authority": "\(view.authority)",
                        "address": "\(view.address)", "deadline": "\(view.deadline)",
                        "state": "\(view.state.rawValue)", "lastError": "\(view.lastError ?? "")",
                    ])
            }
        } catch {
            logger.error("cannot check overdue deliveries", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// The message of a journaled delivery, exactly as rendered when it was journaled.
    private func payload(of delivery: OutboundDelivery, idempotencyHeader: String) -> Result<
        DeliveryPayload, ConfigurationError
    > {
        switch delivery.channel {
        case "mail":
            guard let from = channels.mailFrom else { return .failure(ConfigurationError("no --smtp-from")) }
            let to: MailAddress
            do { to = try MailAddress(delivery.address) } catch {
                return .failure(ConfigurationError("\(delivery.address) is not a mail address: \(error)"))
            }
            var headers: [(name: String, value: String)] = [("X-Waiwang-Delivery", idempotencyHeader)]
            if delivery.incidentId.allSatisfy({ $0.isASCII && !$0.isNewline }) {
                headers.append(("X-Waiwang-Incident", delivery.incidentId))
            }
            let attachments = delivery.attachment.map {
                [MailAttachment(filename: delivery.attachmentName ?? "事件报告.md", text: $0)]
            }
            return .success(
                .mail(
                    MailMessage(
                        from: from, to: [to], subject: delivery.subject, textBody: delivery.body,
                        attachments: attachments ?? [], date: now(),
                        messageID: "\(idempotencyHeader).\(delivery.id)@\(from.domain)", extraHeaders: headers)))
        case "webhook":
            guard let secret = channels.webhookSecret else {
                return .failure(ConfigurationError("no --webhook-secret-file"))
            }
            return .success(
                .webhook(
                    WebhookMessage(event: "incident.escalated", body: Array(delivery.body.utf8)),
                    WebhookEndpoint(url: delivery.address, secret: secret)))
        default:
            return .failure(ConfigurationError("channel \(delivery.channel) cannot send"))
        }
    }

    /// The `Idempotency-Key` of a delivery: the SHA-256 of its journal key, hex (ASCII whatever the key holds).
    static func idempotencyHeader(_ key: String) -> String {
        HexEncoding.string(SHA256.hash(data: Array(key.utf8)))
    }
}
