package io.vivreal.app.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Adobe S3Mock's standalone jar (copied from Maven Central into {@code target/s3mock} by the
 * build) running as a process of its own, on a free port, with its files under {@code target/}.
 */
final class S3MockProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

    private final Process process;
    final int port;
    final Path log;

    private S3MockProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    static S3MockProcess start(String... buckets) {
        try {
            if (!Files.isRegularFile(JAR)) {
                throw new IllegalStateException(
                        "no " + JAR.toAbsolutePath() + ": run the build's generate-test-resources");
            }
            int port = freePort();
            Path root =
                    Path.of("target", "s3mock", "store-" + UUID.randomUUID()).toAbsolutePath();
            Files.createDirectories(root);
            Path log = root.resolveSibling(root.getFileName() + ".log");
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-jar",
                            JAR.toAbsolutePath().toString(),
                            "--server.port=0",
                            "--com.adobe.testing.s3mock.httpPort=" + port,
                            "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", buckets),
                            "--com.adobe.testing.s3mock.store.root=" + root)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            S3MockProcess mock = new S3MockProcess(builder.start(), port, log);
            mock.awaitReady();
            return mock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("S3Mock did not start within 90 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
