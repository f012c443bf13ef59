package io.vivreal.core.store;

import de.bwaldvogel.mongo.MongoServer;
import io.vivreal.core.config.PeriodicTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 *
 * <p>Its network threads run the commands, and a write's thread waits there for the commit that
 * covers it ({@link GroupCommit}); there are {@value #WORKER_THREADS} of them so that that many
 * concurrent writes can share one commit rather than the two per core Netty would start.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);
    static final String STORE_FILE = "vivreal.mv.db";
    static final String PORT_FILE = "embedded-store.port";
    static final int WORKER_THREADS = 16;
    static final Duration HOUSEKEEPING_INTERVAL = Duration.ofSeconds(5);

    private final MongoServer server;
    private final DurableH2Backend backend;
    private final Path portFile;
    private final String connectionString;
    private final PeriodicTask housekeeping;

    private EmbeddedMongoStore(
            MongoServer server,
            DurableH2Backend backend,
            Path portFile,
            String connectionString,
            PeriodicTask housekeeping) {
        this.server = server;
        this.backend = backend;
        this.portFile = portFile;
        this.connectionString = connectionString;
        this.housekeeping = housekeeping;
    }

    /** Opens (or creates) the store under {@code dataDir} and starts serving it on loopback. */
    public static EmbeddedMongoStore start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(STORE_FILE).toAbsolutePath();
            return serve(DurableH2Backend.open(file.toString()), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedded store under " + dataDir, e);
        }
    }

    /** Serves {@code backend} on loopback, with its housekeeping running. */
    static EmbeddedMongoStore serve(DurableH2Backend backend, Path dataDir) throws IOException {
        StoreHousekeeping housekeeper = new StoreHousekeeping(backend.store());
        log.info("embedded store under {} opened: {}", dataDir, housekeeper.describe());
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = bindLoopback(server);
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        Path portFile = dataDir.resolve(PORT_FILE);
        Files.writeString(portFile, Integer.toString(address.getPort()));
        log.info("embedded store under {} listening on 127.0.0.1:{}", dataDir, address.getPort());
        PeriodicTask housekeeping =
                new PeriodicTask("store-housekeeping", HOUSEKEEPING_INTERVAL, housekeeper, () -> {});
        housekeeping.start();
        return new EmbeddedMongoStore(server, backend, portFile, uri, housekeeping);
    }

    private static InetSocketAddress bindLoopback(MongoServer server) {
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, WORKER_THREADS);
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

    DurableH2Backend backend() {
        return backend;
    }

    public String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        housekeeping.stop();
        try {
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            log.warn("could not remove {}", portFile);
        }
        server.shutdown();
    }
}
