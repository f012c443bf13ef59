package io.vivreal.app.it;

import io.vivreal.app.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server ({@code vivreal.jar}) in a child JVM, as {@code ./vivreal} runs it. */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("vivreal.jar", "target/vivreal.jar"));

    private final Process process;
    private final Path log;
    final int port;
    final Http http;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.http = new Http("http://localhost:" + port);
    }

    static ServerProcess start(Path dataDir, Map<String, String> environment) {
        int port = freePort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("VIVREAL_PORT", Integer.toString(port));
        env.put("VIVREAL_DATA_DIR", dataDir.toString());
        Process process = launch(env, logFile(dataDir), "serve");
        return new ServerProcess(process, logFile(dataDir), port);
    }

    /** Starts a command of the jar without waiting for it, for tests that kill it part-way. */
    static ServerProcess startCommand(Path dataDir, Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("VIVREAL_DATA_DIR", dataDir.toString());
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-cmd-" + System.nanoTime() + ".log");
        return new ServerProcess(launch(env, log, args), log, 0);
    }

    /** Waits until the output holds {@code fragment}, or fails with the output. */
    ServerProcess awaitOutput(String fragment, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (output().contains(fragment)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "exited with " + process.exitValue() + " before printing '" + fragment + "':\n" + output());
            }
            sleep(5);
        }
        throw new AssertionError("did not print '" + fragment + "':\n" + output());
    }

    /** Runs a command of the jar to completion and answers its exit code; output goes to the log. */
    static Result run(Path dataDir, Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("VIVREAL_DATA_DIR", dataDir.toString());
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-cmd-" + System.nanoTime() + ".log");
        Process process = launch(env, log, args);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("command did not finish: " + String.join(" ", args));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exitCode, String output) {}

    private static Process launch(Map<String, String> env, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(
                javaBinary(), "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("VIVREAL_"));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path logFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    /** Waits until health answers 200, or fails with the server's output. */
    ServerProcess awaitHealthy() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (http.get("/actuator/health").status() == 200) {
                    return this;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        throw new AssertionError("server did not become healthy:\n" + output());
    }

    /** Waits for the process to exit by itself and answers its exit code. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not exit:\n" + output());
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no close — the crash a power-cut-free machine can have. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
