import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * Starts one real Elasticsearch 8 node in this JVM, for tests only.
 * Usage (see es.sh): java --module-path LIB --add-modules ALL-MODULE-PATH EsTestNode.java HOME PORT
 * HOME holds modules/ (transport-netty4, analysis-nl); data and logs are written under HOME.
 * Binds HTTP and transport to 127.0.0.1 only; plain HTTP, no security module is loaded.
 */
public class EsTestNode {
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
        LogConfigurator.setClusterName("doorbraak-test");
        LogConfigurator.configureWithoutConfig(settings);
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "test-node");
        PluginsLoader loader = PluginsLoader.createPluginsLoader(
            PluginsLoader.loadModulesBundles(env.modulesDir()),
            PluginsLoader.loadPluginsBundles(env.pluginsDir()),
            Map.of()
        );
        Node node = new Node(env, loader);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.prepareForClose();
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "es-test-node-shutdown"));
        node.start();
        System.out.println("es-test-node started on 127.0.0.1:" + httpPort);
        // Elasticsearch's own threads are daemons: keep the JVM alive until SIGTERM/SIGINT.
        stopped.await();
    }
}
