import WaiwangAPI

extension RegistryClient {
    /// The city and its counties with their hubs.
    public func divisions() async throws -> [DivisionView] {
        try await call(.GET, "/api/v1/divisions")
    }

    /// Hub devices, all or those of one hub (hub code or division).
    public func devices(hub: String? = nil) async throws -> [DeviceView] {
        try await call(.GET, "/api/v1/devices", query: [("hub", hub)])
    }

    public func createDevice(_ device: DeviceCreate) async throws -> DeviceView {
        try await call(.POST, "/api/v1/devices", body: json(device))
    }

    /// SNMP credentials, secrets redacted (admin only).
    public func credentials() async throws -> [CredentialView] {
        try await call(.GET, "/api/v1/credentials")
    }

    public func createCredential(_ credential: CredentialCreate) async throws -> CredentialView {
        try await call(.POST, "/api/v1/credentials", body: json(credential))
    }
}
