import ArgumentParser
import Foundation
import WaiwangAPI

/// `waiwangctl credentials …`: SNMP credentials of hub devices; secrets go in and never come out.
struct Credentials: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "SNMP credentials (admin only): list, create.", subcommands: [List.self, Create.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List credentials, secrets redacted.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let credentials = try await global.withClient { try await $0.credentials() }
            if json { return try printJSON(credentials) }
            var table = TextTable("名称", "版本", "用户", "认证协议", "加密协议", "密钥")
            for credential in credentials {
                table.append(
                    credential.name, credential.version, credential.user ?? "-",
                    credential.authProtocol ?? "-", credential.privProtocol ?? "-", credential.secret)
            }
            table.print()
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store an SNMP credential.",
            discussion: """
                Prefer the --…-env options: they name an environment variable holding the secret, so the secret \
                stays out of the shell history and the process list.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "The credential's name, referred to by devices.") var name: String
        @Option(help: "v2c or v3.") var version: String
        @Option(help: "v2c community (visible in ps; prefer --community-env).") var community: String?
        @Option(help: "Environment variable holding the v2c community.") var communityEnv: String?
        @Option(help: "SNMPv3 user.") var user: String?
        @Option(help: "SHA, SHA-256, SHA-512 or MD5.") var authProtocol: String?
        @Option(help: "v3 auth passphrase (prefer --auth-pass-env).") var authPass: String?
        @Option(help: "Environment variable holding the v3 auth passphrase.") var authPassEnv: String?
        @Option(help: "AES, AES-128, AES-256 or DES.") var privProtocol: String?
        @Option(help: "v3 privacy passphrase (prefer --priv-pass-env).") var privPass: String?
        @Option(help: "Environment variable holding the v3 privacy passphrase.") var privPassEnv: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            switch version.lowercased() {
            case "v1", "v2c":
                guard try secret(community, env: communityEnv, flag: "community") != nil else {
                    throw ValidationError("\(version) needs --community-env VAR (or --community)")
                }
            case "v3":
                guard user != nil, authProtocol != nil else {
                    throw ValidationError("v3 needs --user and --auth-protocol")
                }
                guard try secret(authPass, env: authPassEnv, flag: "auth-pass") != nil else {
                    throw ValidationError("v3 needs --auth-pass-env VAR (or --auth-pass)")
                }
                let priv = try secret(privPass, env: privPassEnv, flag: "priv-pass")
                if (privProtocol == nil) != (priv == nil) {
                    throw ValidationError("give both --priv-protocol and --priv-pass-env (or --priv-pass), or neither")
                }
            default:
                throw ValidationError("--version must be v2c or v3")
            }
        }

        /// The secret given directly or through an environment variable (which must be set and non-empty).
        func secret(_ value: String?, env: String?, flag: String) throws -> String? {
            if value != nil, env != nil { throw ValidationError("give --\(flag) or --\(flag)-env, not both") }
            guard let env else { return value }
            guard let text = ProcessInfo.processInfo.environment[env], !text.isEmpty else {
                throw ValidationError("--\(flag)-env \(env): that environment variable is not set or empty")
            }
            return text
        }

        func run() async throws {
            let body = CredentialCreate(
                name: name, version: version.lowercased(),
                community: try secret(community, env: communityEnv, flag: "community"), user: user,
                authProtocol: authProtocol, authPassphrase: try secret(authPass, env: authPassEnv, flag: "auth-pass"),
                privProtocol: privProtocol, privPassphrase: try secret(privPass, env: privPassEnv, flag: "priv-pass"))
            let credential = try await global.withClient { try await $0.createCredential(body) }
            if json { return try printJSON(credential) }
            print("stored credential \(credential.name) (\(credential.version)); the secret is not shown again")
        }
    }
}
