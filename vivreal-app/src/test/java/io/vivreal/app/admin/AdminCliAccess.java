package io.vivreal.app.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the operator command in-process, against a running server's data directory. */
public final class AdminCliAccess {

    private AdminCliAccess() {}

    public static int run(Path dataDir, String... args) {
        return runCapturing(dataDir, args).exitCode();
    }

    /** The exit code and everything the command printed, standard output and error interleaved. */
    public record Result(int exitCode, String output) {}

    public static Result runCapturing(Path dataDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exitCode = AdminCli.run(args, Map.of("VIVREAL_DATA_DIR", dataDir.toString()), print, print);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8));
    }
}
