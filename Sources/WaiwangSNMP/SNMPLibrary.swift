import CNetSNMP
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process-wide net-snmp library: one-time setup and version.
///
/// Call ``initialize()`` before opening any SNMP session. net-snmp's own `init_snmp` must run
/// exactly once per process (SNMPv3 needs it) and its guard is not thread-safe; this wrapper
/// makes it so.
public enum SNMPLibrary {
    /// Whether `init_snmp` has run, guarded so that concurrent first callers wait for the one
    /// that runs it.
    private static let initialized = Mutex(false)

    /// The application name net-snmp reads configuration under (`waiwang.conf`).
    static let applicationName = "waiwang"

    /// Runs net-snmp's one-time setup, with MIB loading turned off. Safe to call any number of
    /// times from any thread; only the first call does work, and later callers return once it
    /// has finished.
    ///
    /// Waiwang uses numeric OIDs only and no MIB files are installed on the field's machines:
    /// with MIB loading on, net-snmp would print a "Cannot find module" line for every default
    /// MIB. `MIBS` is set to the empty list for this process, which overrides a `MIBS` of the
    /// caller's environment.
    ///
    /// net-snmp's persistent directory stays at its default (`/var/lib/snmp`): as root,
    /// `init_snmp` creates `cert_indexes` there; as another user, or where that directory is
    /// read-only, it silently does not.
    public static func initialize() {
        initialized.withLock { done in
            guard !done else { return }
            setenv("MIBS", "", 1)
            netsnmp_set_mib_directory("")
            init_snmp(applicationName)
            done = true
        }
    }

    /// Whether ``initialize()`` has completed in this process.
    public static var isInitialized: Bool {
        initialized.withLock { $0 }
    }

    /// The version of the net-snmp library linked in, for example `5.9.3`.
    public static var version: String {
        String(cString: netsnmp_get_version())
    }
}
