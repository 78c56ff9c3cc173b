package wildrydes.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import wildrydes.errors.KinesisException;
import wildrydes.metrics.MetricsStore;
import wildrydes.metrics.PrometheusFormat;
import wildrydes.metrics.StreamState;
import wildrydes.storage.StorageStats;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;
import wildrydes.tables.TablesService;

/**
 * Answers the GET requests of the web console: the page and its files, the console's JSON
 * endpoints under {@code /console/api/} and Prometheus metrics at {@code /metrics}. Everything
 * else (API calls included) is left to the caller. The root {@code /} is the console only for
 * a browser (one that accepts text/html), so {@code curl} still gets the endpoint's plain-text
 * description.
 */
public final class ConsoleRouter {
    static final String JSON = "application/json";
    private static final String CONSOLE_PREFIX = "/console/";
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "X-Content-Type-Options", "nosniff",
            // Everything comes from this server: no script, style or image from anywhere else.
            "Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    private static final Map<String, String> DATA_HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");

    private final StreamRegistry streams;
    private final MetricsStore metrics;
    private final Supplier<StorageStats> storageStats;
    private final Clock clock;
    /** The files are the same for every account: read once for all. */
    private static final ConsoleAssets SHARED_ASSETS = new ConsoleAssets();
    private static final String API_PREFIX = "/console/api/";
    private static final String AUTH_PATH = API_PREFIX + "auth";

    private final ConsoleAssets assets = SHARED_ASSETS;
    private final TablesService tables; // null: no table metrics
    private final LakeConsole lake;
    private final FunctionsView functions;

    public ConsoleRouter(StreamRegistry streams, MetricsStore metrics) {
        this(streams, metrics, null, null, null, () -> null);
    }

    /**
     * @param tables  the table service whose metrics /metrics shows; null for none
     * @param lake    the data lake the Query page and /metrics read ({@code lake/} beside the data directory); null for none
     * @param dataDir the server's data directory, beside which the lab tools keep their status files; null: none
     * @param storageStats the durable store's figures for /metrics, or null when it keeps nothing on disk
     */
    public ConsoleRouter(StreamRegistry streams, MetricsStore metrics, TablesService tables, java.nio.file.Path lake,
            java.nio.file.Path dataDir, Supplier<StorageStats> storageStats) {
        this.streams = streams;
        this.metrics = metrics;
        this.storageStats = storageStats;
        this.clock = streams.settings().clock();
        this.tables = tables;
        this.lake = new LakeConsole(lake);
        this.functions = new FunctionsView(dataDir);
    }

    /**
     * @param uri    the request target
     * @param accept the Accept header, or null
     * @return the answer, or null when the path is not the console's
     */
    public ConsoleResponse answer(String uri, String accept) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return null;
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        return switch (path) {
            case "/" -> accept != null && accept.contains("text/html") ? asset("index.html") : null;
            case "/index.html", "/console", "/console/" -> asset("index.html");
            case "/metrics" -> prometheus();
            case "/console/api/activity" -> activity();
            case "/console/api/metrics" -> metricsWindow(parsed.getRawQuery());
            case "/console/api/lake" -> json(200, lake.lake(clock.millis()));
            case "/console/api/query" -> lake.query(parseQuery(parsed.getRawQuery()));
            case "/console/api/functions" -> json(200, functions.json(clock.millis()));
            default -> path.startsWith(CONSOLE_PREFIX) ? asset(path.substring(CONSOLE_PREFIX.length())) : null;
        };
    }

    /**
     * Whether the request target reads an account's data (its streams, metrics and activity),
     * which a server that verifies signatures answers only to a signed request; the page, its
     * files and {@code /console/api/auth} are public.
     */
    public static boolean holdsAccountData(String uri) {
        int end = uri.length();
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) == '?' || uri.charAt(i) == '#') {
                end = i;
                break;
            }
        }
        String path = uri.substring(0, end);
        return path.equals("/metrics") || (path.startsWith(API_PREFIX) && !path.equals(AUTH_PATH));
    }

    /** Whether the request target is {@code /console/api/auth}. */
    public static boolean isAuthInfo(String uri) {
        return uri.equals(AUTH_PATH) || uri.startsWith(AUTH_PATH + "?");
    }

    /**
     * {@code GET /console/api/auth}: whether API calls must be signed with real credentials, and the
     * region to sign for, so that the console asks for credentials only when they are needed.
     */
    public static ConsoleResponse authInfo(boolean credentialsRequired, String region) {
        return json(200, ConsoleJson.authInfo(credentialsRequired, region));
    }

    /** An authentication error of a data route, in the API's error format and status. */
    public static ConsoleResponse authError(int status, String type, String message) {
        Map<String, String> headers = new HashMap<>(DATA_HEADERS);
        headers.put("x-amzn-ErrorType", type);
        return new ConsoleResponse(status, JSON, ConsoleJson.error(type, message), headers);
    }

    private ConsoleResponse asset(String name) {
        byte[] body = assets.read(name);
        if (body == null) {
            return ConsoleResponse.text(404, "text/plain; charset=utf-8", "No console file " + name + "\n", DATA_HEADERS);
        }
        return new ConsoleResponse(200, ConsoleAssets.contentType(name), body, PAGE_HEADERS);
    }

    private ConsoleResponse prometheus() {
        List<StreamState> states = streams.streams().stream().map(StreamState::of).toList();
        StorageStats stats = storageStats.get();
        String text = PrometheusFormat.render(states, metrics) + (stats == null ? "" : PrometheusFormat.renderStorage(stats))
                + (tables == null ? "" : tables.metrics().prometheus())
                + lake.prometheus(clock.millis()) + functions.prometheus(clock.millis());
        return ConsoleResponse.text(200, PrometheusFormat.CONTENT_TYPE, text, DATA_HEADERS);
    }

    private ConsoleResponse activity() {
        return json(200, ConsoleJson.activity(streams.streams(), metrics, clock.millis()));
    }

    private ConsoleResponse metricsWindow(String rawQuery) {
        Map<String, String> query = parseQuery(rawQuery);
        String streamName = query.get("stream");
        if (streamName == null || streamName.isEmpty()) {
            return badRequest("Query parameter 'stream' is required, e.g. /console/api/metrics?stream=wildrydes&minutes=60.");
        }
        int minutes;
        try {
            minutes = Integer.parseInt(query.getOrDefault("minutes", "60"));
        } catch (NumberFormatException e) {
            minutes = 0;
        }
        if (minutes < 1 || minutes > MetricsStore.WINDOW_MINUTES) {
            return badRequest("Query parameter 'minutes' must be a whole number from 1 to " + MetricsStore.WINDOW_MINUTES + ".");
        }
        Stream stream;
        try {
            stream = streams.stream(streamName);
        } catch (KinesisException e) {
            return json(400, ConsoleJson.error(e.code().name(), e.getMessage()));
        }
        return json(200, ConsoleJson.window(stream.name(), metrics.window(stream.name(), minutes), clock.millis()));
    }

    private static ConsoleResponse badRequest(String message) {
        return json(400, ConsoleJson.error("InvalidArgumentException", message));
    }

    private static ConsoleResponse json(int status, byte[] body) {
        return new ConsoleResponse(status, JSON, body, DATA_HEADERS);
    }

    /** Later values win; a malformed escape makes the parameter absent. */
    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(name, value);
            } catch (IllegalArgumentException e) {
                // skip the malformed pair
            }
        }
        return query;
    }
}
