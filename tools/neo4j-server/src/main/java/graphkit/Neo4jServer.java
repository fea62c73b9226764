package graphkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Starts a Neo4j 5 Community server on loopback (Bolt, and HTTP serving Neo4j Browser), prints the
 * connection as KEY=value lines on stdout once it accepts connections, and runs until SIGTERM or
 * Ctrl-C (or, with --exit-on-eof, until its standard input closes), then stops cleanly.
 *
 * <pre>
 * java -cp ... graphkit.Neo4jServer --home DIR [--password PW] [--bolt-port N] [--http-port N]
 *                                   [--pagecache SIZE] [--exit-on-eof]
 * </pre>
 */
public final class Neo4jServer {
    private Neo4jServer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        Path home = Path.of(opt.getOrDefault("home", ".")).toAbsolutePath();
        Files.createDirectories(home);
        String password = opt.getOrDefault("password", randomPassword());
        int bolt = port(opt.get("bolt-port"));
        int http = port(opt.get("http-port"));

        // Neo4j logs to stdout; stdout is reserved for the KEY=value lines
        PrintStream out = System.out;
        System.setOut(System.err);

        Map<String, String> config = new HashMap<>();
        config.put("server.default_listen_address", "127.0.0.1");
        config.put("server.default_advertised_address", "127.0.0.1");
        config.put("server.bolt.listen_address", "127.0.0.1:" + bolt);
        config.put("server.bolt.advertised_address", "127.0.0.1:" + bolt);
        config.put("server.http.listen_address", "127.0.0.1:" + http);
        config.put("server.http.advertised_address", "127.0.0.1:" + http);
        config.put("server.https.enabled", "false");
        config.put("server.bolt.tls_level", "DISABLED");
        config.put("dbms.security.auth_enabled", "true");
        config.put("server.memory.pagecache.size", opt.getOrDefault("pagecache", "512m"));
        config.put("dbms.usage_report.enabled", "false");
        // stop in a second, not after 10 s of waiting for Bolt clients that are gone
        config.put("internal.server.bolt.connection_shutdown_wait_time", "0s");
        config.put("internal.server.bolt.thread_pool_shutdown_wait_time", "0s");
        config.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        config.put("internal.dbms.bolt.netty_server_shutdown_timeout", "1s");
        config.put("server.directories.data", home.resolve("data").toString());
        config.put("server.directories.logs", home.resolve("logs").toString());
        config.put("server.directories.run", home.resolve("run").toString());
        config.put("server.directories.import", home.resolve("import").toString());
        config.put("server.directories.plugins", home.resolve("plugins").toString());
        config.put("server.directories.licenses", home.resolve("licenses").toString());

        CommunityBootstrapper server = new CommunityBootstrapper();
        int status = server.start(home, config);
        if (status != 0) {
            System.err.println("neo4j-server: Neo4j did not start (status " + status + "); see " + home.resolve("logs"));
            System.exit(status);
        }
        DatabaseManagementService dbms = server.getDatabaseManagementService();
        // the password of this run: set through the system database, so a kept --data folder works too
        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        out.println("NEO4J_URI=bolt://127.0.0.1:" + bolt);
        out.println("NEO4J_USERNAME=neo4j");
        out.println("NEO4J_PASSWORD=" + password);
        out.println("NEO4J_DATABASE=neo4j");
        out.println("BROWSER_URL=http://127.0.0.1:" + http + "/browser/");
        out.flush();

        if (opt.containsKey("exit-on-eof")) {
            InputStream in = System.in;
            while (in.read() != -1) {
                // wait for the parent to close our stdin (it also ends if the parent dies)
            }
            System.exit(0);  // Neo4j's own shutdown hook stops the server cleanly
        }
        new CountDownLatch(1).await();  // until SIGTERM/SIGINT: Neo4j's shutdown hook stops the server
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                usage("unexpected argument " + a);
            }
            String key = a.substring(2);
            if (key.equals("exit-on-eof")) {
                opt.put(key, "");
            } else if (i + 1 < args.length) {
                opt.put(key, args[++i]);
            } else {
                usage(a + " needs a value");
            }
        }
        return opt;
    }

    private static void usage(String why) {
        System.err.println("neo4j-server: error: " + why);
        System.exit(2);
    }

    private static int port(String given) throws IOException {
        if (given != null && !given.equals("0")) {
            return Integer.parseInt(given);
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
