package io.cistern.launcher;

/**
 * One launcher setting. Each is read from a Java system property ({@link #propertyName()}), then from an
 * environment variable ({@link #envName()}), then falls back to its default.
 */
enum Setting {
    DATA_DIR("./data", "data directory: database, journal, blocks, logs"),
    NFS_PORT("12049", "NFS port (MOUNT and NLM use the same port)"),
    NFS_BIND("0.0.0.0", "address the NFS listener binds to"),
    PORTMAPPER("off", "portmapper for showmount, rpcinfo and mount without port options, on NFS's bind address:"
            + " off, on (port 111, needs root) or a port number"),
    NLM_GRACE_SECONDS("45", "after a start, seconds during which NLM serves only reclaims of locks clients held before"
            + " (0: none)", true),
    NLM_CLIENT_PORTMAPPER_PORT("111", "port of the portmapper on NFS clients' hosts, asked where a client's lock manager"
            + " listens when a lock it waited for is granted; 111 but in tests, whose clients share one host"),
    SMB_PORT("12445", "SMB port"),
    SMB_BIND("0.0.0.0", "address the SMB listener binds to"),
    SMB_SIGNING_REQUIRED("false", "true: every SMB session must be signed (clients that cannot sign are refused)", true),
    SMB_ENCRYPTION_REQUIRED("false", "true: every SMB session must be encrypted (SMB 3.x with a common cipher;"
            + " older clients are refused)", true),
    SMB_LOGON_FAILURES_PER_MINUTE("5", "failed SMB logons within a minute after which a client address is refused"
            + " for the rest of that minute (1 to 10000); an admin may change it at run time", true),
    HTTP_PORT("8080", "HTTP port of the admin console and API"),
    HTTP_BIND("127.0.0.1", "address the HTTP listener binds to (HTTPS binds to it too)"),
    HTTP("on", "on: plain HTTP on CISTERN_HTTP_PORT; off: HTTPS only (needs CISTERN_HTTPS_PORT)", true),
    HTTPS_PORT(null, "HTTPS port of the admin console and API, on CISTERN_HTTP_BIND; unset = no HTTPS", true),
    TLS_KEYSTORE(null, "PKCS#12 keystore holding the HTTPS certificate chain and its private key (exactly one key"
            + " entry); needed with CISTERN_HTTPS_PORT", true),
    TLS_KEYSTORE_PASSWORD(null, "password of CISTERN_TLS_KEYSTORE and of its key: from the environment only", true),
    DB_URL(null, "JDBC URL of an external PostgreSQL; unset = embedded PostgreSQL under the data directory"),
    DB_USER("cistern", "database user (with CISTERN_DB_URL only)"),
    DB_PASSWORD(null, "database password (with CISTERN_DB_URL only)"),
    ADMIN_PASSWORD(null, "password of the initial 'admin' user; unset = generated and shown once at first start"),
    JAVA_OPTS("-Xmx1g", "JVM options of the Payara Micro process, separated by spaces"),
    READY_TIMEOUT("300", "seconds to wait for the server to become ready"),
    NFS_IO_THREADS("2", "NFS network I/O threads"),
    NFS_WORKERS("8", "NFS request worker threads"),
    SMB_IO_THREADS("2", "SMB network I/O threads"),
    SMB_WORKERS("8", "SMB request worker threads"),
    JOURNAL_CAPACITY_MB("1024", "MiB of unuploaded writes the journal may hold before writers are told to try again"
            + " later (at least 16)", true),
    CACHE_MB(null, "MiB of memory, outside the Java heap, for verified blocks read from the block store; unset = an"
            + " eighth of the machine's memory, at least 256 and at most 2048", true),
    AUDIT_MB_PER_SECOND("200", "MiB per second the audit job reads from the block store at most", true),
    DEFAULT_SCHEDULES("on", "on: the statistics, GC and audit jobs run on their default schedules until one is set"
            + " through the API; off: a job runs on its own only once a schedule is set for it", true),
    LOG_LEVEL("INFO", "level of Cistern's own log records: SEVERE, WARNING, INFO, CONFIG, FINE, FINER or FINEST;"
            + " an admin may change it at run time", true),
    STORE("filesystem", "block store: filesystem (blocks under the data directory) or s3", true),
    S3_ENDPOINT(null, "S3 endpoint URL of an S3-compatible server; unset = AWS", true),
    S3_BUCKET(null, "S3 bucket (must exist)", true),
    S3_PREFIX(null, "key prefix inside the bucket", true),
    S3_REGION(null, "S3 signing region; unset = us-east-1", true),
    S3_PATH_STYLE(null, "true for endpoint/bucket/key addressing; unset = true with an endpoint", true),
    S3_ACCESS_KEY(null, "S3 access key; unset = the AWS SDK's default credential chain", true),
    S3_SECRET_KEY(null, "S3 secret key: from the environment only, like every secret", true),
    OIDC_ISSUER(null, "single sign-on: the OpenID Connect provider's issuer URL (its discovery document is"
            + " <issuer>/.well-known/openid-configuration); unset = no single sign-on", true),
    OIDC_CLIENT_ID(null, "single sign-on: Cistern's client id at the provider (needed with CISTERN_OIDC_ISSUER)", true),
    OIDC_CLIENT_SECRET(null, "single sign-on: Cistern's client secret at the provider: from the environment only", true),
    OIDC_REDIRECT_URI(null, "single sign-on: where the provider sends the browser back; unset ="
            + " ${baseURL}/sso/callback, ${baseURL} being the scheme, host and port the browser used", true),
    OIDC_SCOPES(null, "single sign-on: scopes asked for, separated by spaces; unset = openid profile email", true),
    OIDC_NAME_CLAIM(null, "single sign-on: the claim holding the Cistern username; unset = preferred_username (the"
            + " subject when a token has no such claim)", true),
    OIDC_GROUPS_CLAIM(null, "single sign-on: the claim holding the user's groups; unset = groups", true),
    OIDC_ADMIN_GROUPS(null, "single sign-on: provider groups whose members are admins, separated by commas", true),
    OIDC_OPERATOR_GROUPS(null, "single sign-on: provider groups whose members are operators", true),
    OIDC_VIEWER_GROUPS(null, "single sign-on: provider groups whose members are viewers", true);

    private final String defaultValue;
    private final String description;
    private final boolean forApplication;

    Setting(String defaultValue, String description) {
        this(defaultValue, description, false);
    }

    Setting(String defaultValue, String description, boolean forApplication) {
        this.defaultValue = defaultValue;
        this.description = description;
        this.forApplication = forApplication;
    }

    /**
     * Read by the application itself rather than the launcher: the launcher hands it to Payara's environment, so a
     * system property given to the launcher works as well as the environment variable.
     */
    boolean forApplication() {
        return forApplication;
    }

    /**
     * Whether an admin may change it through the API for the next start (the application's StartSetting names the
     * same): it is then kept in the data directory ({@link StartOverridesFile}) and applied here over the environment.
     */
    boolean overridable() {
        return switch (this) {
            case NFS_PORT, NFS_BIND, PORTMAPPER, SMB_PORT, SMB_BIND, HTTP_PORT, HTTP_BIND, HTTP, HTTPS_PORT, TLS_KEYSTORE,
                 JAVA_OPTS, READY_TIMEOUT, NFS_IO_THREADS, NFS_WORKERS, SMB_IO_THREADS, SMB_WORKERS,
                 JOURNAL_CAPACITY_MB, CACHE_MB, NLM_GRACE_SECONDS, DEFAULT_SCHEDULES -> true;
            default -> false;
        };
    }

    /** A secret the application reads: taken from the environment only, so that it never shows in a process list. */
    boolean environmentOnly() {
        return this == S3_SECRET_KEY || this == OIDC_CLIENT_SECRET || this == TLS_KEYSTORE_PASSWORD;
    }

    /** For example {@code CISTERN_DATA_DIR}. */
    String envName() {
        return "CISTERN_" + name();
    }

    /** For example {@code cistern.data.dir}: the environment name in lower case, with dots for underscores. */
    String propertyName() {
        return envName().toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    /** The default, or null when the setting is optional and has none. */
    String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }

    /** "CISTERN_NFS_PORT (property cistern.nfs.port)": how messages name a setting. */
    String label() {
        return envName() + " (property " + propertyName() + ")";
    }
}
