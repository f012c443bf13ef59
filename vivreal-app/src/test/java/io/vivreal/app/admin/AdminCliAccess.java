package io.vivreal.app.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Runs the operator command in-process, against a running server's data directory. */
public final class AdminCliAccess {

    private AdminCliAccess() {}

    public static int run(Path dataDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return AdminCli.run(
                args, Map.of("VIVREAL_DATA_DIR", dataDir.toString()), new PrintStream(out), new PrintStream(out));
    }
}
