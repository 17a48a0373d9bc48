package org.lessonloop.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.storage.S3Settings;

/**
 * The whole configuration, read once at start from LESSONLOOP_* environment variables
 * (the table in README.md). Absent database or S3 settings mean "run the embedded one".
 */
public record LessonloopConfig(
        Role role,
        String httpHost,
        int httpPort,
        Path dataDir,
        Optional<DatabaseSettings> database,
        Optional<S3Settings> s3,
        Optional<AdminBootstrap> bootstrapAdmin,
        Accounts accounts,
        Uploads uploads,
        Jobs jobs,
        Media media,
        MediaDelivery mediaDelivery,
        Capacity capacity,
        Optional<URI> publicUrl,
        Connections connections,
        Caches caches,
        Operations operations,
        Optional<MailSettings> mail,
        Optional<Cluster> cluster,
        Clock clock) {

    /** The same configuration on another clock: tests move time forward (retention) instead of sleeping. */
    public LessonloopConfig withClock(Clock other) {
        return new LessonloopConfig(role, httpHost, httpPort, dataDir, database, s3, bootstrapAdmin, accounts, uploads, jobs, media,
                mediaDelivery, capacity, publicUrl, connections, caches, operations, mail, cluster, other);
    }

    /** Creates the first admin at start when no admin exists yet. */
    public record AdminBootstrap(String email, String password) {
        @Override
        public String toString() {
            return "AdminBootstrap[email=" + email + "]";
        }
    }

    /**
     * {@code invitationTtl}: how long an invitation or reset link works. {@code trustedProxies}: the
     * addresses of reverse proxies whose X-Forwarded-For names the client (sign-in limits per address).
     * {@code oidc}: sign-in through the school's OpenID provider, when configured.
     */
    public record Accounts(Duration sessionTtl, boolean secureCookies, int passwordIterations, Duration invitationTtl,
                           java.util.Set<String> trustedProxies, Optional<Oidc> oidc) {
    }

    /**
     * An OpenID provider (Google Workspace, Microsoft Entra, any other) people sign in with.
     * {@code redirectUri} empty: the public URL's, else the address the browser used, plus
     * {@code /api/oidc/callback}. {@code allowedDomains} empty: any email domain the provider vouches for.
     */
    public record Oidc(URI issuer, String clientId, Optional<String> clientSecret, Optional<URI> redirectUri,
                       java.util.Set<String> allowedDomains, String label) {
        @Override
        public String toString() {
            return "Oidc[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=" + (clientSecret.isPresent() ? "(set)" : "(unset)")
                    + ", redirectUri=" + redirectUri + ", allowedDomains=" + allowedDomains + ", label=" + label + "]";
        }
    }

    public record Uploads(long maxFileBytes, long quotaBytes, long partBytes, Duration expiry, int maxUnfinished) {
    }

    /** {@code redirectTtl}: how long a presigned media URL works, in REDIRECT mode. */
    public record MediaDelivery(MediaDeliveryMode mode, Duration redirectTtl) {
    }

    /**
     * How many jobs a worker process runs at once, how long a claimed job stays its own without a
     * heartbeat, and how long a failed attempt first waits before the next (growing from there).
     */
    public record Jobs(int workerConcurrency, Duration lease, Duration firstRetry) {
    }

    /**
     * What one node takes on at once: {@code databasePool} connections, and as many blocking tasks
     * (each holds at most one connection, so more would only wait inside the pool), with up to
     * {@code waitingTasks} more waiting their turn; past that a request is refused with 503.
     */
    public record Capacity(int databasePool, int waitingTasks) {
    }

    /**
     * A connection silent for {@code idle} is closed (one streaming an upload, media or the live
     * channel's pings never is), and one must deliver a request's headers within {@code headers}
     * of opening or of its previous answer.
     */
    public record Connections(Duration idle, Duration headers) {
        /** The live channel pings every 20 s: a shorter idle limit would cut its sockets. */
        static final int MIN_IDLE_SECONDS = 30;
    }

    /**
     * Per-node cache budgets an operator set, by cache name (see {@code DatabaseChanges#cache}); a cache
     * not named here keeps its feature's default.
     */
    public record Caches(Map<String, Long> budgets) {
    }

    /**
     * How a node is watched and stopped. {@code /metrics} answers a scraper that shows the token
     * (Authorization: Bearer) and comes from one of the networks, for each of the two that is set;
     * with neither set it answers nobody. {@code eventLoops}: Vert.x event-loop threads.
     * {@code shutdownGrace}: how long a stop (SIGTERM) lets requests in flight finish.
     */
    public record Operations(Optional<String> metricsToken, java.util.List<Cidr> metricsNetworks, LogFormat logFormat,
                             int eventLoops, Duration shutdownGrace) {
        public boolean metricsOpen() {
            return metricsToken.isPresent() || !metricsNetworks.isEmpty();
        }

        @Override
        public String toString() {
            return "Operations[metricsToken=" + (metricsToken.isPresent() ? "(set)" : "(unset)") + ", metricsNetworks="
                    + metricsNetworks.size() + ", logFormat=" + logFormat + ", eventLoops=" + eventLoops
                    + ", shutdownGrace=" + shutdownGrace + "]";
        }
    }

    /**
     * The clustered event bus (debrief rooms spanning web nodes), on when {@code members} are named:
     * Hazelcast joins those TCP members only (no multicast, no discovery), listening on
     * {@code host:port}; the event bus itself listens on {@code host:busPort}. Port 0 picks a free one.
     */
    public record Cluster(String name, java.util.List<String> members, String host, int port, int busPort) {
    }

    /** A token a scraper could guess is no protection. */
    static final int MIN_METRICS_TOKEN_LENGTH = 16;

    /** The adaptive ladder's rungs, by the short side of the picture in pixels. */
    public record Media(java.util.List<Integer> ladder) {
        static final java.util.List<Integer> KNOWN_RUNGS = java.util.List.of(240, 360, 480, 720, 1080);
    }

    /**
     * Half the cores: a media job runs a multi-threaded ffmpeg that keeps several cores busy by itself,
     * so more jobs than that at once only share the same cores more slowly (and use more memory and scratch).
     */
    static int defaultWorkerConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** S3 rejects multipart parts under 5 MiB (except the last). */
    static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    /** S3 allows at most this many parts in one multipart upload. */
    static final int MAX_PARTS = 10_000;

    public static LessonloopConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static LessonloopConfig from(Map<String, String> env) {
        EnvReader in = new EnvReader(env);
        Role role = in.choice("LESSONLOOP_ROLE", Role.ALL, Role.class);
        String host = in.string("LESSONLOOP_HTTP_HOST", "127.0.0.1");
        int port = in.integer("LESSONLOOP_HTTP_PORT", 8080, 0, 65535);
        Path dataDir = in.path("LESSONLOOP_DATA_DIR", "./data").toAbsolutePath().normalize();

        Optional<DatabaseSettings> database = in.optional("LESSONLOOP_DB_URL").map(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                in.problem("LESSONLOOP_DB_URL='" + url + "' must be a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/lessonloop");
            }
            return new DatabaseSettings(url, in.string("LESSONLOOP_DB_USER", "lessonloop"), in.string("LESSONLOOP_DB_PASSWORD", ""));
        });
        if (database.isEmpty()) {
            in.optional("LESSONLOOP_DB_USER");
            in.optional("LESSONLOOP_DB_PASSWORD");
        }

        var endpoint = in.httpUri("LESSONLOOP_S3_ENDPOINT", "http://minio:9000");
        Optional<String> accessKey = in.optional("LESSONLOOP_S3_ACCESS_KEY");
        Optional<String> secretKey = in.optional("LESSONLOOP_S3_SECRET_KEY");
        String region = in.string("LESSONLOOP_S3_REGION", "us-east-1");
        String bucket = in.string("LESSONLOOP_S3_BUCKET", "lessonloop");
        Optional<S3Settings> s3 = Optional.empty();
        if (endpoint != null) {
            if (accessKey.isEmpty() || secretKey.isEmpty()) {
                in.problem("LESSONLOOP_S3_ENDPOINT is set, so LESSONLOOP_S3_ACCESS_KEY and LESSONLOOP_S3_SECRET_KEY are required too");
            } else {
                s3 = Optional.of(new S3Settings(endpoint, accessKey.get(), secretKey.get(), region, bucket));
            }
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            in.problem("LESSONLOOP_S3_BUCKET='" + bucket + "' is not a valid bucket name (3-63 lower-case letters, digits, dots, hyphens)");
        }

        Optional<String> adminEmail = in.optional("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL");
        Optional<String> adminPassword = in.optional("LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD");
        Optional<AdminBootstrap> admin = Optional.empty();
        if (adminEmail.isPresent() != adminPassword.isPresent()) {
            in.problem("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL and LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD go together: set both or neither");
        } else if (adminEmail.isPresent()) {
            admin = Optional.of(new AdminBootstrap(adminEmail.get(), adminPassword.get()));
        }

        Accounts accounts = new Accounts(
                in.hours("LESSONLOOP_SESSION_HOURS", Duration.ofHours(12)),
                in.bool("LESSONLOOP_SECURE_COOKIES", false),
                in.integer("LESSONLOOP_PASSWORD_ITERATIONS", 600_000, 10_000, 10_000_000),
                in.hours("LESSONLOOP_INVITATION_HOURS", Duration.ofHours(72)),
                addresses(in, "LESSONLOOP_TRUSTED_PROXIES"),
                oidc(in));

        Uploads uploads = new Uploads(
                in.bytes("LESSONLOOP_UPLOAD_MAX_BYTES", ByteSize.parse("8GiB"), 1),
                in.bytes("LESSONLOOP_UPLOAD_QUOTA_BYTES", ByteSize.parse("100GiB"), 1),
                in.bytes("LESSONLOOP_UPLOAD_PART_BYTES", ByteSize.parse("8MiB"), MIN_PART_BYTES),
                in.hours("LESSONLOOP_UPLOAD_EXPIRY_HOURS", Duration.ofDays(7)),
                // More than a day's lessons from several devices; few enough that empty uploads cannot reserve the quota.
                in.integer("LESSONLOOP_UPLOAD_MAX_UNFINISHED", 20, 1, 10_000));

        if (Math.ceilDiv(uploads.maxFileBytes(), uploads.partBytes()) > MAX_PARTS) {
            in.problem("LESSONLOOP_UPLOAD_MAX_BYTES / LESSONLOOP_UPLOAD_PART_BYTES needs more than " + MAX_PARTS
                    + " parts, the S3 limit: raise LESSONLOOP_UPLOAD_PART_BYTES to at least "
                    + ByteSize.format(Math.ceilDiv(uploads.maxFileBytes(), MAX_PARTS)));
        }
        Jobs jobs = new Jobs(
                in.integer("LESSONLOOP_WORKER_CONCURRENCY", defaultWorkerConcurrency(), 1, 256),
                // The lease must outlast a few missed heartbeats (one every third of it).
                in.seconds("LESSONLOOP_JOB_LEASE_SECONDS", Duration.ofSeconds(60), 3, 3600),
                in.seconds("LESSONLOOP_JOB_RETRY_SECONDS", Duration.ofSeconds(5), 1, 600));
        Media media = new Media(ladder(in));
        MediaDelivery mediaDelivery = new MediaDelivery(
                in.choice("LESSONLOOP_MEDIA_DELIVERY", MediaDeliveryMode.PROXY, MediaDeliveryMode.class),
                Duration.ofSeconds(in.integer("LESSONLOOP_MEDIA_REDIRECT_TTL", 60, 1, 3600)));
        int pool = in.integer("LESSONLOOP_DB_POOL_SIZE", 16, 2, 500);
        Capacity capacity = new Capacity(pool, in.integer("LESSONLOOP_BLOCKING_QUEUE", 4 * pool, 0, 100_000));
        // Where browsers reach the app when a proxy in front changes the Host header: its origin may open live sockets.
        Optional<URI> publicUrl = Optional.ofNullable(in.httpUri("LESSONLOOP_PUBLIC_URL", "https://lessonloop.school.org"));
        Connections connections = new Connections(
                in.seconds("LESSONLOOP_HTTP_IDLE_SECONDS", Duration.ofSeconds(120), Connections.MIN_IDLE_SECONDS, 3600),
                in.seconds("LESSONLOOP_HTTP_HEADER_SECONDS", Duration.ofSeconds(30), 1, 600));
        Caches caches = caches(in);
        Operations operations = operations(in);
        Optional<MailSettings> mail = MailSettings.read(in, publicUrl);
        Optional<Cluster> cluster = cluster(in);
        in.finish();
        return new LessonloopConfig(role, host, port, dataDir, database, s3, admin, accounts, uploads, jobs, media, mediaDelivery,
                capacity, publicUrl, connections, caches, operations, mail, cluster, Clock.systemUTC());
    }

    /** A comma-separated list of IP addresses, written as the server sees them (127.0.0.1, ::1). */
    private static java.util.Set<String> addresses(EnvReader in, String name) {
        java.util.Set<String> addresses = new java.util.TreeSet<>();
        for (String part : in.string(name, "").split(",")) {
            String address = part.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (!address.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
                in.problem(name + " lists '" + address + "', which is not an IP address: list proxies as 10.0.0.5,10.0.0.6");
            }
            addresses.add(address);
        }
        return java.util.Set.copyOf(addresses);
    }

    private static Optional<Oidc> oidc(EnvReader in) {
        URI issuer = in.httpUri("LESSONLOOP_OIDC_ISSUER", "https://accounts.google.com");
        Optional<String> clientId = in.optional("LESSONLOOP_OIDC_CLIENT_ID");
        Optional<String> secret = in.optional("LESSONLOOP_OIDC_CLIENT_SECRET");
        Optional<URI> redirect = Optional.ofNullable(in.httpUri("LESSONLOOP_OIDC_REDIRECT_URI", "https://lessonloop.school.org/api/oidc/callback"));
        java.util.Set<String> domains = new java.util.TreeSet<>();
        for (String domain : in.string("LESSONLOOP_OIDC_ALLOWED_DOMAINS", "").split(",")) {
            if (!domain.isBlank()) {
                domains.add(domain.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        String label = in.string("LESSONLOOP_OIDC_LABEL", "your school account");
        if (issuer == null) {
            if (clientId.isPresent() || secret.isPresent() || redirect.isPresent() || !domains.isEmpty()) {
                in.problem("LESSONLOOP_OIDC_ISSUER is required with the other LESSONLOOP_OIDC_* settings (https://accounts.google.com, "
                        + "https://login.microsoftonline.com/<tenant>/v2.0, or your provider's issuer URL)");
            }
            return Optional.empty();
        }
        // Discovery, keys and tokens travel over this: plain http only to a provider on this machine (tests, a local proxy).
        if ("http".equals(issuer.getScheme()) && !java.util.Set.of("localhost", "127.0.0.1", "[::1]").contains(issuer.getHost())) {
            in.problem("LESSONLOOP_OIDC_ISSUER='" + issuer + "' must be an https URL");
        }
        if (clientId.isEmpty()) {
            in.problem("LESSONLOOP_OIDC_ISSUER is set, so LESSONLOOP_OIDC_CLIENT_ID is required too (from the app registration at the provider)");
            return Optional.empty();
        }
        return Optional.of(new Oidc(issuer, clientId.get(), secret, redirect, java.util.Set.copyOf(domains), label));
    }

    /** Entries (or bytes, for timelines): at least enough that a cache still serves a busy page. */
    private static Caches caches(EnvReader in) {
        Map<String, Long> budgets = new java.util.LinkedHashMap<>();
        for (var entries : Map.of("session", "LESSONLOOP_CACHE_SESSIONS", "access", "LESSONLOOP_CACHE_ACCESS",
                "recording", "LESSONLOOP_CACHE_RECORDINGS").entrySet()) {
            int value = in.integer(entries.getValue(), 0, 100, 100_000_000);
            if (value > 0) {
                budgets.put(entries.getKey(), (long) value);
            }
        }
        long timelines = in.bytes("LESSONLOOP_CACHE_TIMELINE_BYTES", 0, ByteSize.parse("1MiB"));
        if (timelines > 0) {
            budgets.put("review", timelines);
        }
        return new Caches(Map.copyOf(budgets));
    }

    /** Off (one node, nothing listening for peers) unless LESSONLOOP_CLUSTER_MEMBERS names the nodes. */
    private static Optional<Cluster> cluster(EnvReader in) {
        java.util.List<String> members = new java.util.ArrayList<>();
        for (String part : in.string("LESSONLOOP_CLUSTER_MEMBERS", "").split(",")) {
            String member = part.strip();
            if (member.isEmpty()) {
                continue;
            }
            if (!member.matches("[A-Za-z0-9.-]+:[0-9]{1,5}|\\[[0-9a-fA-F:.]+\\]:[0-9]{1,5}")) {
                in.problem("LESSONLOOP_CLUSTER_MEMBERS lists '" + member + "': name each node as host:port, e.g. web-1:5701,web-2:5701");
            }
            members.add(member);
        }
        String name = in.string("LESSONLOOP_CLUSTER_NAME", "lessonloop");
        String host = in.string("LESSONLOOP_CLUSTER_HOST", "127.0.0.1");
        int port = in.integer("LESSONLOOP_CLUSTER_PORT", 5701, 0, 65535);
        int busPort = in.integer("LESSONLOOP_CLUSTER_BUS_PORT", 0, 0, 65535);
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            in.problem("LESSONLOOP_CLUSTER_NAME='" + name + "' must be 1-64 letters, digits, dots, hyphens or underscores");
        }
        return members.isEmpty() ? Optional.empty()
                : Optional.of(new Cluster(name, java.util.List.copyOf(members), host, port, busPort));
    }

    private static Operations operations(EnvReader in) {
        Optional<String> token = in.optional("LESSONLOOP_METRICS_TOKEN");
        if (token.isPresent() && token.get().length() < MIN_METRICS_TOKEN_LENGTH) {
            in.problem("LESSONLOOP_METRICS_TOKEN must be at least " + MIN_METRICS_TOKEN_LENGTH
                    + " characters (openssl rand -hex 24 makes one)");
        }
        java.util.List<Cidr> networks = new java.util.ArrayList<>();
        for (String network : in.string("LESSONLOOP_METRICS_NETWORKS", "").split(",")) {
            if (network.isBlank()) {
                continue;
            }
            try {
                networks.add(Cidr.parse(network));
            } catch (IllegalArgumentException e) {
                in.problem("LESSONLOOP_METRICS_NETWORKS: " + e.getMessage());
            }
        }
        return new Operations(token, java.util.List.copyOf(networks),
                in.choice("LESSONLOOP_LOG_FORMAT", LogFormat.TEXT, LogFormat.class),
                in.integer("LESSONLOOP_EVENT_LOOPS", 2 * Runtime.getRuntime().availableProcessors(), 1, 512),
                in.seconds("LESSONLOOP_SHUTDOWN_GRACE_SECONDS", Duration.ofSeconds(20), 0, 600));
    }

    private static java.util.List<Integer> ladder(EnvReader in) {
        String text = in.string("LESSONLOOP_MEDIA_LADDER", "360,720,1080");
        try {
            java.util.List<Integer> rungs = java.util.Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf)
                    .distinct().sorted().toList();
            if (!rungs.isEmpty() && Media.KNOWN_RUNGS.containsAll(rungs)) {
                return rungs;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        in.problem("LESSONLOOP_MEDIA_LADDER='" + text + "' must list rungs from " + Media.KNOWN_RUNGS + ", e.g. 360,720,1080");
        return java.util.List.of(360);
    }
}
