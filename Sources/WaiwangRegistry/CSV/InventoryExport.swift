import CSV
import Foundation
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// Writes the registry's inventory as CSV in the importer's own columns, so an export re-imports unchanged.
struct InventoryExport {
    let store: RegistryStore
    let principal: Principal
    let chineseHeaders: Bool

    func csv(_ kind: InventoryKind) async throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: kind.columns.map { chineseHeaders ? $0.chinese : $0.key })
        switch kind {
        case .units:
            let pages = { try await store.listUnits(UnitFilter(limit: 5000, offset: $0), as: principal) }
            try await forEachPage(pages) { unit in
                try writer.write(row: [
                    unit.name, unit.creditCode, unit.level.rawValue, unit.divisionCode,
                    unit.officeAddress, unit.contactName, unit.contactPhone,
                    unit.commitmentLetterOnFile ? "是" : "否", unit.state.rawValue,
                ])
            }
        case .links:
            let pages = { try await store.listLinks(LinkFilter(limit: 5000, offset: $0), as: principal) }
            try await forEachPage(pages) { link in
                try writer.write(row: [
                    link.units.map(\.creditCode).joined(separator: ";"), link.kind.rawValue,
                    link.carrier, String(link.bandwidthMbps), link.hubDevice, link.port,
                    link.backup ? "是" : "否", link.note,
                ])
            }
        case .prefixes:
            let pages = { try await store.listPrefixes(unit: nil, limit: 5000, offset: $0, as: principal) }
            try await forEachPage(pages) { prefix in
                try writer.write(row: [prefix.unit.creditCode, prefix.cidr, prefix.description])
            }
        }
        writer.stream.close()
        var data = Data([0xEF, 0xBB, 0xBF])  // a BOM, so spreadsheet programs read the Chinese right
        data.append(stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data())
        return data
    }

    private func forEachPage<Item>(_ page: (Int) async throws -> Page<Item>, _ body: (Item) throws -> Void)
        async throws
    {
        var offset = 0
        while true {
            let items = try await page(offset).items
            for item in items { try body(item) }
            guard items.count == 5000 else { return }
            offset += items.count
        }
    }
}
