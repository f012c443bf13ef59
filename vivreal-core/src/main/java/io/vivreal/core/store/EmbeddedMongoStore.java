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
    private final DurableH2Backend backend;
    private final Path portFile;
    private final String connectionString;

    private EmbeddedMongoStore(MongoServer server, DurableH2Backend backend, Path portFile, String connectionString) {
        this.server = server;
        this.backend = backend;
        this.portFile = portFile;
        this.connectionString = connectionString;
    }

    /** Opens (or creates) the store under {@code dataDir} and starts serving it on loopback. */
    public static EmbeddedMongoStore start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(STORE_FILE).toAbsolutePath();
            DurableH2Backend backend = DurableH2Backend.open(file.toString());
            MongoServer server = new MongoServer(backend);
            InetSocketAddress address = bindLoopback(server);
            String uri = "mongodb://127.0.0.1:" + address.getPort();
            Path portFile = dataDir.resolve(PORT_FILE);
            Files.writeString(portFile, Integer.toString(address.getPort()));
            log.info("embedded store {} listening on 127.0.0.1:{}", file, address.getPort());
            return new EmbeddedMongoStore(server, backend, portFile, uri);
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

    /** A consistent backup of this store's data directory, in its {@code backups/} directory. */
    public StoreBackup.Summary backup(StoreBackup.Progress progress) throws IOException {
        return backend.backup(progress);
    }

    /**
     * Asks the server that serves {@code connectionString} (a running Vivreal on the embedded
     * store) for a backup; answers the file it wrote.
     */
    public static StoreBackup.Summary requestBackup(com.mongodb.client.MongoClient client) {
        org.bson.Document answer =
                client.getDatabase("admin").runCommand(new org.bson.Document(DurableH2Backend.BACKUP_COMMAND, 1));
        return new StoreBackup.Summary(
                Path.of(answer.getString("file")),
                answer.get("storeBytes", Number.class).longValue(),
                answer.get("mediaFiles", Number.class).intValue(),
                answer.get("secretFiles", Number.class).intValue());
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
