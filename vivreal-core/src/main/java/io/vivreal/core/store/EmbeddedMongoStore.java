package io.vivreal.core.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process MongoDB-wire server that lets one command run the whole product.
 *
 * <p>It listens on loopback only, on a port chosen by the system, and writes that port to {@code
 * <data-dir>/embedded-store.port} so operator commands ({@code ./vivreal admin ...}) can reach a
 * running server's store: the MVStore file itself can be open in one process at a time. The
 * embedded server has no authentication, which is why it never binds to another interface; a
 * deployment that needs more uses {@code VIVREAL_MONGODB_URI}.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);
    static final String STORE_FILE = "vivreal.mv.db";
    static final String PORT_FILE = "embedded-store.port";

    private final MongoServer server;
    private final Path portFile;
    private final String connectionString;

    private EmbeddedMongoStore(MongoServer server, Path portFile, String connectionString) {
        this.server = server;
        this.portFile = portFile;
        this.connectionString = connectionString;
    }

    /** Opens (or creates) the store under {@code dataDir} and starts serving it on loopback. */
    public static EmbeddedMongoStore start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(STORE_FILE).toAbsolutePath();
            MongoServer server = new MongoServer(DurableH2Backend.open(file.toString()));
            InetSocketAddress address = bindLoopback(server);
            String uri = "mongodb://127.0.0.1:" + address.getPort();
            Path portFile = dataDir.resolve(PORT_FILE);
            Files.writeString(portFile, Integer.toString(address.getPort()));
            log.info("embedded store {} listening on 127.0.0.1:{}", file, address.getPort());
            return new EmbeddedMongoStore(server, portFile, uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedded store under " + dataDir, e);
        }
    }

    private static InetSocketAddress bindLoopback(MongoServer server) {
        server.bind("127.0.0.1", 0);
        return server.getLocalAddress();
    }

    /**
     * The connection string of a store served by a running Vivreal process on this data
     * directory, if one is running.
     */
    public static java.util.Optional<String> runningStore(Path dataDir) {
        Path portFile = dataDir.resolve(PORT_FILE);
        if (!Files.isRegularFile(portFile)) {
            return java.util.Optional.empty();
        }
        try {
            int port = Integer.parseInt(Files.readString(portFile).trim());
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return java.util.Optional.of("mongodb://127.0.0.1:" + port);
            }
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    public String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            log.warn("could not remove {}", portFile);
        }
        server.shutdown();
    }
}
