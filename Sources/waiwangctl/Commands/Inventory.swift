import ArgumentParser
import WaiwangClient

/// Which inventory an import or export is about.
enum Inventory: String, CaseIterable, ExpressibleByArgument {
    case units, links, prefixes

    var kind: CSVKind {
        switch self {
        case .units: .units
        case .links: .links
        case .prefixes: .prefixes
        }
    }
}
