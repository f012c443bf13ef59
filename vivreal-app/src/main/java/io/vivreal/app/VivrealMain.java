package io.vivreal.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vivreal.app.admin.AdminCli;
import java.util.Arrays;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The launcher's entry point: {@code serve} (the default) runs the server, {@code admin ...} runs
 * an operator command against the store and exits.
 */
public final class VivrealMain {

    private VivrealMain() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            quietLogging();
            System.exit(AdminCli.run(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        }
        String[] rest = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        String format = System.getenv().getOrDefault("VIVREAL_LOG_FORMAT", "text");
        switch (format) {
            case "text" -> {}
            // Spring Boot's structured logging in the Elastic Common Schema: one JSON object per
            // line, the request's MDC (requestId, groupId, keyPrefix) as fields
            case "json" -> System.setProperty("logging.structured.format.console", "ecs");
            default -> {
                LoggerFactory.getLogger(VivrealMain.class).error("VIVREAL_LOG_FORMAT must be text or json");
                System.exit(2);
            }
        }
        SpringApplication.run(VivrealApplication.class, rest);
    }

    /** Operator commands print their own results; library chatter would bury them. */
    private static void quietLogging() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("de.bwaldvogel")).setLevel(Level.ERROR);
    }
}
