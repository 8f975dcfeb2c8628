import Testing
import WaiwangCore

/// The application workflow of articles 18/19 as a pure state machine: every state × action × kind.
@Suite("Application workflow")
struct ApplicationWorkflowTests {
    /// Every step the measures allow: from, action, the kinds it applies to, to. Nothing else is possible.
    static let allowed: [(ApplicationState, ApplicationAction, [ApplicationKind], ApplicationState)] = [
        (.draft, .submit, ApplicationKind.allCases, .submitted),
        (.draft, .withdraw, ApplicationKind.allCases, .withdrawn),
        (.submitted, .startReview, ApplicationKind.allCases, .underReview),
        (.submitted, .withdraw, ApplicationKind.allCases, .withdrawn),
        (.underReview, .approve, ApplicationKind.allCases, .approved),
        (.underReview, .reject, ApplicationKind.allCases, .rejected),
        (.underReview, .withdraw, ApplicationKind.allCases, .withdrawn),
        (.approved, .startProvisioning, ApplicationKind.allCases, .provisioning),
        // Provisioning done: a unit joins or changes (active); a withdrawal carried out leaves (withdrawn).
        (.provisioning, .completeProvisioning, [.newAccess, .change], .active),
        (.provisioning, .completeProvisioning, [.withdrawal], .withdrawn),
    ]

    /// One cell of the table: a state, an action, a kind, and where it leads (nil: refused).
    struct Cell: Sendable, CustomTestStringConvertible {
        var state: ApplicationState
        var action: ApplicationAction
        var kind: ApplicationKind
        var target: ApplicationState?

        var testDescription: String {
            "\(kind.rawValue): \(state.rawValue) --\(action.rawValue)--> \(target?.rawValue ?? "refused")"
        }
    }

    static func target(_ state: ApplicationState, _ action: ApplicationAction, _ kind: ApplicationKind)
        -> ApplicationState?
    {
        allowed.first { $0.0 == state && $0.1 == action && $0.2.contains(kind) }?.3
    }

    /// The actions possible from a state, in the order of `ApplicationAction.allCases`.
    static func possible(from state: ApplicationState, _ kind: ApplicationKind) -> [ApplicationAction] {
        ApplicationAction.allCases.filter { target(state, $0, kind) != nil }
    }

    static let cells: [Cell] = ApplicationKind.allCases.flatMap { kind in
        ApplicationState.allCases.flatMap { state in
            ApplicationAction.allCases.map { action in
                Cell(state: state, action: action, kind: kind, target: target(state, action, kind))
            }
        }
    }

    @Test("the table covers 8 states × 7 actions × 3 kinds, 27 of them allowed")
    func tableSize() {
        #expect(Self.cells.count == 8 * 7 * 3)
        #expect(Self.cells.filter { $0.target != nil }.count == 27)
    }

    @Test(
        "each cell: an allowed step gives its state, any other is a conflict naming what is possible", arguments: cells)
    func transition(cell: Cell) throws {
        #expect(ApplicationWorkflow.target(cell.state, cell.action, kind: cell.kind) == cell.target)
        if let target = cell.target {
            #expect(try ApplicationWorkflow.next(cell.state, cell.action, kind: cell.kind) == target)
            return
        }
        let error = try #require(throws: RegistryError.self) {
            try ApplicationWorkflow.next(cell.state, cell.action, kind: cell.kind)
        }
        #expect(error.code == .conflict)
        #expect(error.rule == "application-workflow")
        #expect(error.field == "state")
        #expect(error.message.hasPrefix("cannot \(cell.action.rawValue) this application: "), "\(error.message)")
        #expect(error.message.contains("\(cell.state.rawValue) (\(cell.state.label))"), "\(error.message)")
        let possible = Self.possible(from: cell.state, cell.kind)
        if possible.isEmpty {
            #expect(error.message.hasSuffix("and final"), "\(error.message)")
        } else {
            let list = possible.map(\.rawValue).joined(separator: ", ")
            #expect(error.message.hasSuffix("only \(list) is possible"), "\(error.message)")
        }
    }

    /// State and the actions possible from it, for every kind.
    static let actionsFrom: [(ApplicationState, [ApplicationAction])] = [
        (.draft, [.submit, .withdraw]),
        (.submitted, [.startReview, .withdraw]),
        (.underReview, [.approve, .reject, .withdraw]),
        (.approved, [.startProvisioning]),
        (.provisioning, [.completeProvisioning]),
        (.rejected, []),
        (.active, []),
        (.withdrawn, []),
    ]

    @Test("the actions possible from each state", arguments: actionsFrom)
    func actions(state: ApplicationState, expected: [ApplicationAction]) {
        for kind in ApplicationKind.allCases {
            #expect(ApplicationWorkflow.actions(from: state, kind: kind) == expected, "\(kind)")
        }
        #expect(state.isFinal == expected.isEmpty)
    }

    @Test("rejected, active and withdrawn are final: no action leaves them")
    func finalStates() throws {
        #expect(ApplicationState.allCases.filter(\.isFinal) == [.rejected, .active, .withdrawn])
        let error = try #require(throws: RegistryError.self) {
            try ApplicationWorkflow.next(.withdrawn, .submit, kind: .newAccess)
        }
        #expect(error.message == "cannot submit this application: it is withdrawn (已撤回/已退网) and final")
    }

    @Test("approving twice is refused: from approved only provision is possible")
    func approveTwice() throws {
        let error = try #require(throws: RegistryError.self) {
            try ApplicationWorkflow.next(.approved, .approve, kind: .newAccess)
        }
        #expect(error.message == "cannot approve this application: from approved (已批准) only provision is possible")
    }

    /// Kind, the actions of its happy path, the states it passes through.
    static let paths: [(ApplicationKind, [ApplicationAction], [ApplicationState])] = [
        (
            .newAccess, [.submit, .startReview, .approve, .startProvisioning, .completeProvisioning],
            [.submitted, .underReview, .approved, .provisioning, .active]
        ),
        (
            .change, [.submit, .startReview, .approve, .startProvisioning, .completeProvisioning],
            [.submitted, .underReview, .approved, .provisioning, .active]
        ),
        (
            .withdrawal, [.submit, .startReview, .approve, .startProvisioning, .completeProvisioning],
            [.submitted, .underReview, .approved, .provisioning, .withdrawn]
        ),
        (.change, [.submit, .startReview, .reject], [.submitted, .underReview, .rejected]),
        (.newAccess, [.submit, .withdraw], [.submitted, .withdrawn]),
    ]

    @Test("walks from draft to a final state", arguments: paths)
    func walk(kind: ApplicationKind, actions: [ApplicationAction], states: [ApplicationState]) throws {
        var state = ApplicationState.draft
        var visited: [ApplicationState] = []
        for action in actions {
            state = try ApplicationWorkflow.next(state, action, kind: kind)
            visited.append(state)
        }
        #expect(visited == states)
        #expect(state.isFinal)
    }

    @Test("every state reaches a final state")
    func everyStateEnds() {
        for kind in ApplicationKind.allCases {
            var ending: Set<ApplicationState> = Set(ApplicationState.allCases.filter(\.isFinal))
            var grew = true
            while grew {
                grew = false
                for state in ApplicationState.allCases where !ending.contains(state) {
                    let reachable = ApplicationWorkflow.actions(from: state, kind: kind).compactMap {
                        ApplicationWorkflow.target(state, $0, kind: kind)
                    }
                    if reachable.contains(where: ending.contains) {
                        ending.insert(state)
                        grew = true
                    }
                }
            }
            #expect(ending == Set(ApplicationState.allCases), "\(kind)")
        }
    }

    @Test("the actions' names are the API's path segments: POST /api/v1/applications/{id}/<action>")
    func actionNames() {
        #expect(
            ApplicationAction.allCases.map(\.rawValue)
                == ["submit", "review", "approve", "reject", "provision", "complete", "withdraw"])
    }

    /// Text as written on a form or in a query, and the kind it means.
    static let kindSpellings: [(String, ApplicationKind)] = [
        ("new-access", .newAccess), ("New-Access", .newAccess), ("新接入申请", .newAccess), ("接入", .newAccess),
        ("change", .change), ("变更申请", .change), ("withdrawal", .withdrawal), ("退网", .withdrawal),
    ]

    @Test("kinds are read in English or as the form names them", arguments: kindSpellings)
    func kindParsing(text: String, kind: ApplicationKind) throws {
        #expect(try ApplicationKind(parsing: text) == kind)
    }

    @Test("an unknown kind or state is refused with the choices")
    func unknownWords() throws {
        let kind = try #require(throws: RegistryError.self) { try ApplicationKind(parsing: "transfer") }
        #expect(kind.rule == "application-kind")
        #expect(kind.message.contains("new-access, change or withdrawal"))
        let state = try #require(throws: RegistryError.self) { try ApplicationState(parsing: "pending") }
        #expect(state.rule == "application-state")
        #expect(
            state.message.hasSuffix(
                "draft, submitted, under-review, approved, rejected, provisioning, active, withdrawn"))
        #expect(try ApplicationState(parsing: "审核中") == .underReview)
        #expect(try ApplicationState(parsing: "Under-Review") == .underReview)
    }
}
