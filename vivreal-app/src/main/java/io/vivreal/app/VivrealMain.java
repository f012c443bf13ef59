package io.vivreal.app;

import io.vivreal.app.admin.AdminCli;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/**
 * The launcher's entry point: {@code serve} (the default) runs the server, {@code admin ...} runs
 * an operator command against the store and exits.
 */
public final class VivrealMain {

    private VivrealMain() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(AdminCli.run(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        }
        String[] rest = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        SpringApplication.run(VivrealApplication.class, rest);
    }
}
