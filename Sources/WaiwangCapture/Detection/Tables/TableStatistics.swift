/// The size of one detector table: its fixed capacity, its entries now, and the entries evicted so far.
public struct TableStatistics: Sendable, Hashable, Codable {
    public var name: String
    public var capacity: Int
    public var count: Int
    public var evictions: Int
    /// Bytes the table allocated at start (it never grows).
    public var memoryBytes: Int

    public init(name: String, capacity: Int, count: Int, evictions: Int, memoryBytes: Int) {
        self.name = name
        self.capacity = capacity
        self.count = count
        self.evictions = evictions
        self.memoryBytes = memoryBytes
    }

    private enum CodingKeys: String, CodingKey {
        case name, capacity, count, evictions
        case memoryBytes = "memory_bytes"
    }
}
