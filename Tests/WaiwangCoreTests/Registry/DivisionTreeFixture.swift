import Foundation
import WaiwangCore

/// The division tree shipped in `Config/divisions.json`, read from the package root.
enum DivisionTreeFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Registry
        .deletingLastPathComponent()  // WaiwangCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static func shipped() throws -> DivisionTree {
        let data = try Data(contentsOf: packageRoot.appending(path: "Config/divisions.json"))
        return try JSONDecoder().decode(DivisionTree.self, from: data)
    }

    /// 玉溪市 (530400), the city.
    static let yuxi = AdministrativeDivision(code: "530400", name: "玉溪市", level: .city, parentCode: nil)
    /// 红塔区 (530402), a county of 玉溪市.
    static let hongta = AdministrativeDivision(code: "530402", name: "红塔区", level: .county, parentCode: "530400")
    /// 通海县 (530423), another county of 玉溪市.
    static let tonghai = AdministrativeDivision(code: "530423", name: "通海县", level: .county, parentCode: "530400")
}
