package io.vivreal.app.admin;

import io.vivreal.app.VivrealApplication;
import io.vivreal.core.store.EmbeddedMongoStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.LifecycleProcessor;

/**
 * The product's own beans for an operator command that needs what every module registers (for
 * example every {@link io.vivreal.core.crypto.EncryptedFieldStore}): the full application, but
 * without a web server, creating only the beans asked for, and starting no background work
 * (go-live, usage flush), so a command never acts as a second server.
 *
 * <p>It reaches the same store as {@code ./vivreal admin}'s other commands: {@code
 * VIVREAL_MONGODB_URI}, else a running server's embedded store, else it opens the store file
 * itself.
 */
final class AdminContext {

    private static final Map<String, String> SETTINGS = Map.of(
            "VIVREAL_DATA_DIR", "vivreal.data-dir",
            "VIVREAL_MONGODB_URI", "vivreal.mongodb-uri",
            "VIVREAL_SECRETS", "vivreal.secrets",
            "VIVREAL_PROFILE", "vivreal.profile",
            "VIVREAL_CONTROL_PLANE_DATABASE", "vivreal.control-plane-database");

    private AdminContext() {}

    static ConfigurableApplicationContext start(Map<String, String> environment) {
        List<String> arguments = new ArrayList<>();
        SETTINGS.forEach((variable, property) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                arguments.add("--" + property + "=" + value);
            }
        });
        // the operator reads this command's own lines; the context's start-up chatter would bury them
        arguments.add("--logging.level.root=WARN");
        arguments.add("--logging.level.de.bwaldvogel=ERROR");
        if (environment.getOrDefault("VIVREAL_MONGODB_URI", "").isBlank()) {
            Optional<String> running = EmbeddedMongoStore.runningStore(dataDir(environment));
            running.ifPresent(uri -> arguments.add("--vivreal.mongodb-uri=" + uri));
        }
        SpringApplication application = new SpringApplication(VivrealApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        application.addInitializers(
                context -> context.getBeanFactory().registerSingleton("lifecycleProcessor", new NoBackgroundWork()));
        return application.run(arguments.toArray(String[]::new));
    }

    static Path dataDir(Map<String, String> environment) {
        return Path.of(environment.getOrDefault("VIVREAL_DATA_DIR", "./data"));
    }

    /** Replaces the context's lifecycle processor: periodic tasks belong to servers. */
    private static final class NoBackgroundWork implements LifecycleProcessor {

        @Override
        public void onRefresh() {}

        @Override
        public void onClose() {}

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public boolean isRunning() {
            return false;
        }
    }
}
