import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one real OpenSearch 2 node in this JVM, for tests only.
 * Usage (see os.sh): java -cp "LIB/*:LAUNCHER" OsTestNode HOME PORT
 * The genuine OpenSearch modules analysis-common, mapper-extras and transport-netty4 (their
 * jars from Maven Central, on the class path) are loaded as class-path plugins, the way
 * OpenSearch's own test framework (MockNode) loads them; data and logs are written under HOME.
 * Binds HTTP and transport to 127.0.0.1 only; plain HTTP, no security plugin is loaded.
 */
public class OsTestNode extends Node {
    static final List<Class<? extends Plugin>> MODULES = List.of(
        CommonAnalysisPlugin.class, // analysis-common: dutch, stemmer, synonym_graph, decompounders, ...
        MapperExtrasPlugin.class, // mapper-extras: scaled_float, rank_feature, search_as_you_type, ...
        Netty4Plugin.class // transport-netty4: the HTTP and transport layer
    );

    OsTestNode(Environment env) {
        super(env, MODULES, true);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String httpPort = args[1];
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "doorbraak-test")
            .put("node.name", "test-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", "0")
            .put("discovery.type", "single-node")
            .put("logger.level", "INFO")
            // Tests run on small, busy disks: do not turn indices read-only near a full disk.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // Let tests clean up with wildcards (DELETE /test_*).
            .put("action.destructive_requires_name", false)
            .build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName("test-node");
        LogConfigurator.configureWithoutConfig(settings);
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "test-node");
        Node node = new OsTestNode(env);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "os-test-node-shutdown"));
        node.start();
        System.out.println("os-test-node started on 127.0.0.1:" + httpPort);
        // OpenSearch's own threads are daemons: keep the JVM alive until SIGTERM/SIGINT.
        stopped.await();
    }
}
