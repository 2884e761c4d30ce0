package casegraph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * A throwaway Neo4j Community server for casegraph's tests: Bolt only, on 127.0.0.1, auth off,
 * a small page cache. Prints the Bolt URI on a line of its own once it accepts connections,
 * and stops when its standard input closes or it is sent SIGTERM.
 *
 * <p>Arguments: [port (0 picks a free one)] [working directory (default: a new temp one)]
 * [page cache in MB (default 64)]
 */
public final class TestServer {
    private TestServer() {}

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("neo4j-test");
        long pageCacheMb = args.length > 2 ? Long.parseLong(args[2]) : 64;
        Neo4j server = Neo4jBuilders.newInProcessBuilder(work)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "neo4j-stop"));
        System.out.println(server.boltURI());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() != -1) {
            // anything written is ignored; end of input means the test session is over
        }
        System.exit(0); // runs the shutdown hook, which stops the server cleanly
    }
}
