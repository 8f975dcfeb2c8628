/// One variable binding of a request or response: an object identifier and its value.
public struct VarBind: Sendable, Hashable, CustomStringConvertible {
    public var oid: OID
    public var value: SNMPValue

    public init(oid: OID, value: SNMPValue) {
        self.oid = oid
        self.value = value
    }

    /// `OID = value`, as snmpget prints with `-On`.
    public var description: String {
        "\(oid) = \(value)"
    }
}
