package nl.klachtenkompas.es;

import org.elasticsearch.Build;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.EmbeddedNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts one real Elasticsearch node in this JVM, for local development and tests.
 *
 * Usage: java -Xms1g -Xmx1g -cp CLASSPATH nl.klachtenkompas.es.Launcher --home DIR --http-port N [--transport-port M]
 *        [--cluster-name NAME] [--node-name NAME] [--seed-hosts HOST:PORT,...] [--initial-masters NAME,...]
 *
 * HTTP and transport bind to 127.0.0.1 only; no security (no x-pack at all). Without --seed-hosts the
 * node is a single-node cluster; with them it discovers the other nodes through their transport
 * addresses and, on first start, bootstraps the cluster from --initial-masters (node names).
 * data in DIR/data, logs in DIR/logs (DIR/logs/http.ports and transport.ports hold the bound addresses).
 * Stops cleanly on SIGTERM/SIGINT and then exits 0.
 */
public final class Launcher {

    private static final String DEFAULT_CLUSTER_NAME = "klachtenkompas";
    private static final String USAGE = "usage: Launcher --home DIR --http-port N [--transport-port M] [--cluster-name NAME]"
        + " [--node-name NAME] [--seed-hosts HOST:PORT,...] [--initial-masters NAME,...]";
    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static volatile Node node;
    // Keep the real streams: Elasticsearch's logging setup may redirect System.out/err to loggers.
    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = null;
        int httpPort = -1;
        int transportPort = 0; // 0 = any free port
        String clusterName = DEFAULT_CLUSTER_NAME;
        String nodeName = null;
        List<String> seedHosts = List.of();
        List<String> initialMasters = List.of();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--home" -> { home = Path.of(require(args[i], value)).toAbsolutePath(); i++; }
                case "--http-port" -> { httpPort = port(args[i], require(args[i], value)); i++; }
                case "--transport-port" -> { transportPort = port(args[i], require(args[i], value)); i++; }
                case "--cluster-name" -> { clusterName = require(args[i], value); i++; }
                case "--node-name" -> { nodeName = require(args[i], value); i++; }
                case "--seed-hosts" -> { seedHosts = list(require(args[i], value)); i++; }
                case "--initial-masters" -> { initialMasters = list(require(args[i], value)); i++; }
                default -> fail(2, "unknown argument " + args[i] + " (" + USAGE + ")");
            }
        }
        if (home == null || httpPort <= 0) {
            fail(2, USAGE);
        }
        if (seedHosts.isEmpty() != initialMasters.isEmpty()) {
            fail(2, "--seed-hosts and --initial-masters go together (" + USAGE + ")");
        }
        if (nodeName == null) {
            nodeName = clusterName + "-local";
        }
        if (portInUse(httpPort)) {
            fail(3, "Elasticsearch cannot start: port " + httpPort + " on 127.0.0.1 is already in use");
        }
        if (transportPort > 0 && portInUse(transportPort)) {
            fail(3, "Elasticsearch cannot start: transport port " + transportPort + " on 127.0.0.1 is already in use");
        }

        // What the distribution's jvm.options would set; must happen before Netty/log4j classes load.
        System.setProperty("io.netty.noUnsafe", "true");
        System.setProperty("io.netty.noKeySetOptimization", "true");
        System.setProperty("io.netty.recycler.maxCapacityPerThread", "0");
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");
        System.setProperty("log4j2.formatMsgNoLookups", "true");
        System.setProperty("es.path.home", home.toString());

        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        writeLogConfig(config);

        Settings.Builder builder = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", clusterName)
            .put("node.name", nodeName)
            .putList("node.roles", List.of("master", "data", "ingest"));  // no ml, transform, remote_cluster_client
        if (seedHosts.isEmpty()) {
            builder.put("discovery.type", "single-node");
        } else {
            // Every node is master-eligible: with three, any one may stop and the other two keep a quorum.
            builder.putList("discovery.seed_hosts", seedHosts)
                .putList("cluster.initial_master_nodes", initialMasters);
        }
        Settings settings = builder
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("node.portsfile", true)
            // A nearly-full developer disk must not block allocation or turn indices read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // Test teardown may delete indices by wildcard.
            .put("action.destructive_requires_name", false)
            .build();

        final String finalNodeName = nodeName;
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), config, () -> finalNodeName);
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(nodeName);
        LogConfigurator.setClusterName(clusterName);
        LogConfigurator.configure(environment, true);

        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, DutchAnalysisPlugin.class, RestRootPlugin.class);
        installSignalHandlers();
        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::stopNode, "es-launcher-shutdown"));

        try {
            node = new EmbeddedNode(environment, plugins);
            node.start();
        } catch (Throwable t) {
            String msg = rootMessage(t);
            if (System.getenv("ES_LAUNCHER_DEBUG") != null) {
                t.printStackTrace(ERR);
            }
            stopNode();
            if (msg.contains("Address already in use") || msg.contains("Failed to bind")) {
                fail(3, "Elasticsearch cannot start: port " + httpPort + " on 127.0.0.1 is already in use (" + msg + ")");
            }
            fail(1, "Elasticsearch failed to start: " + msg);
        }

        OUT.println("Elasticsearch " + Build.current().version() + " listening on http://127.0.0.1:" + httpPort);
        OUT.flush();

        STOPPED.await();
    }

    /** SIGTERM/SIGINT: close the node, then exit 0 (the JVM default would exit 143/130). */
    private static void installSignalHandlers() {
        for (String name : new String[] { "TERM", "INT" }) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    Thread t = new Thread(() -> {
                        stopNode();
                        System.exit(0);
                    }, "es-launcher-signal-" + name);
                    t.start();
                });
            } catch (IllegalArgumentException e) {
                // signal not available on this platform: the shutdown hook still closes the node
            }
        }
    }

    private static synchronized void stopNode() {
        Node n = node;
        node = null;
        if (n != null) {
            try {
                n.close();
                if (n.awaitClose(30, TimeUnit.SECONDS) == false) {
                    ERR.println("Elasticsearch did not stop within 30s");
                }
            } catch (IOException | InterruptedException e) {
                ERR.println("error while stopping Elasticsearch: " + e);
            }
        }
        org.apache.logging.log4j.LogManager.shutdown();
        STOPPED.countDown();
    }

    private static void writeLogConfig(Path config) throws IOException {
        // INFO and up to DIR/logs/klachtenkompas.log; WARN and up also to stderr.
        String log4j = String.join("\n",
            "status = error",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%c{1.}] [%node_name]%marker %m%n",
            "appender.console.filter.threshold.type = ThresholdFilter",
            "appender.console.filter.threshold.level = warn",
            "appender.file.type = File",
            "appender.file.name = file",
            "appender.file.fileName = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}.log",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = [%d{ISO8601}][%-5p][%c{1.}] [%node_name]%marker %m%n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.console.ref = console",
            "rootLogger.appenderRef.file.ref = file",
            "");
        Files.writeString(config.resolve("log4j2.properties"), log4j, StandardCharsets.UTF_8);
    }

    private static boolean portInUse(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (sb.length() > 0) sb.append(": ");
            sb.append(c.getMessage() != null ? c.getMessage() : c.getClass().getName());
            if (c.getCause() == c) break;
        }
        return sb.toString().replace('\n', ' ');
    }

    private static List<String> list(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static String require(String flag, String value) {
        if (value == null) fail(2, "missing value for " + flag);
        return value;
    }

    private static int port(String flag, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            fail(2, "invalid port for " + flag + ": " + value);
            return -1;
        }
    }

    private static void fail(int code, String message) {
        ERR.println(message);
        ERR.flush();
        Runtime.getRuntime().halt(code);
    }
}
