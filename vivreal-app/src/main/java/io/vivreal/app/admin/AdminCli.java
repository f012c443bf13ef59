package io.vivreal.app.admin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.vivreal.content.ContentUsage;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupAdministration;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.Tier;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.secrets.DevSecretsGenerator;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.EmbeddedMongoStore;
import io.vivreal.core.store.StoreBackup;
import io.vivreal.core.store.StoreConfiguration;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./vivreal admin <command>}: operator commands. They reach the store the server uses: the
 * external MongoDB from {@code VIVREAL_MONGODB_URI}, else the running server's embedded store
 * (found through its port file), else they open the embedded store file themselves.
 */
public final class AdminCli {

    private static final String USAGE = """
            usage: ./vivreal admin <command>
              set-tier <group id or key> <free|basic|pro|proplus|enterprise>
              freeze <group id or key>        the group's Client API answers 402
              unfreeze <group id or key>
              show-group <group id or key>
              generate-secrets <directory>    strong secrets for production, one file each (mode 0600)
              recount-usage [<group id or key>]
                                              correct usage counters (items, content types, media
                                              bytes) from what is stored; every group without one
              backup <file>                   a consistent snapshot of the embedded store, media and
                                              development secrets, taken while the server runs
              restore <file>                  into an empty data directory (VIVREAL_DATA_DIR)
              rotate-encryption-key [--generate] [--batch-size N]
                                              re-encrypt every stored credential to the active key;
                                              --generate first adds a new active key (file secrets only)
            """;

    private AdminCli() {}

    public static int run(String[] args, Map<String, String> environment) {
        // CHECKSTYLE.OFF: console — the operator's terminal is this command's output
        return run(args, environment, System.out, System.err);
        // CHECKSTYLE.ON: console
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "generate-secrets" -> generateSecrets(args, out, err);
                case RotateEncryptionKeyCommand.NAME -> new RotateEncryptionKeyCommand(environment, out, err).run(args);
                case "set-tier", "freeze", "unfreeze", "show-group" ->
                    withStore(environment, (admin, store) -> group(args, admin, out, err));
                case "backup" -> backup(args, environment, out, err);
                case "restore" -> restore(args, environment, out, err);
                case "recount-usage" ->
                    withStore(environment, (admin, store) -> recountUsage(args, admin, store, out, err));
                default -> {
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (DomainException | Secrets.SecretsException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int group(String[] args, GroupAdministration admin, PrintStream out, PrintStream err) {
        String command = args[0];
        int expected = command.equals("set-tier") ? 3 : 2;
        if (args.length != expected) {
            err.print(USAGE);
            return 2;
        }
        Group group = switch (command) {
            case "set-tier" -> admin.setTier(args[1], Tier.parse(args[2], "tier"));
            case "freeze" -> admin.setFrozen(args[1], true);
            case "unfreeze" -> admin.setFrozen(args[1], false);
            default -> admin.resolve(args[1]);
        };
        out.printf(
                "group %s (%s): tier=%s frozen=%s dbKey=%s members=%d%n",
                group.id(),
                group.key(),
                group.tier().wireName(),
                group.frozen(),
                group.dbKey(),
                group.members().size());
        return 0;
    }

    private static int generateSecrets(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.print(USAGE);
            return 2;
        }
        Path directory = Path.of(args[1]);
        DevSecretsGenerator generator = new DevSecretsGenerator(new SecureRandom());
        for (SecretName name : SecretName.values()) {
            generator.generateForProduction(directory, name);
            out.println("wrote " + directory.resolve(name.fileName()));
        }
        out.println("start with VIVREAL_SECRETS=file:" + directory.toAbsolutePath());
        return 0;
    }

    private static int recountUsage(
            String[] args, GroupAdministration admin, StoreAccess store, PrintStream out, PrintStream err) {
        if (args.length > 2) {
            err.print(USAGE);
            return 2;
        }
        UsageCounters usage =
                new UsageCounters(store.controlPlane(), ContentUsage.sources(store.tenants(), store.controlPlane()));
        List<TenantScope> scopes = new ArrayList<>();
        if (args.length == 2) {
            scopes.add(admin.resolve(args[1]).scope());
        } else {
            GroupRepository groups = new GroupRepository(store.controlPlane(), Clock.systemUTC());
            Optional<String> after = Optional.empty();
            for (List<TenantScope> batch = groups.tenantScopes(after, 500);
                    !batch.isEmpty();
                    batch = groups.tenantScopes(after, 500)) {
                scopes.addAll(batch);
                after = Optional.of(batch.get(batch.size() - 1).groupID());
            }
        }
        int corrected = 0;
        for (TenantScope scope : scopes) {
            for (Quota quota : usage.recountable()) {
                if (usage.recount(scope, quota)) {
                    corrected++;
                    out.printf(
                            "group %s: %s corrected to %d%n",
                            scope.groupID(), quota.wireName(), usage.used(scope.groupID(), quota));
                }
            }
        }
        out.printf("recounted %d group(s); %d counter(s) corrected%n", scopes.size(), corrected);
        return 0;
    }

    private static int backup(String[] args, Map<String, String> environment, PrintStream out, PrintStream err)
            throws IOException {
        if (args.length != 2) {
            err.print(USAGE);
            return 2;
        }
        if (!environment.getOrDefault("VIVREAL_MONGODB_URI", "").isBlank()) {
            err.println("error: backup covers the embedded store; back up an external MongoDB with its own tools"
                    + " (mongodump, Atlas backups) and the media directory alongside");
            return 2;
        }
        Path target = Path.of(args[1]).toAbsolutePath();
        if (Files.exists(target)) {
            err.println("error: " + target + " exists; choose a new file");
            return 1;
        }
        Path dataDir = Path.of(environment.getOrDefault("VIVREAL_DATA_DIR", "./data"));
        StoreBackup.Summary summary;
        Optional<String> running = EmbeddedMongoStore.runningStore(dataDir);
        ProgressDisplay progress = new ProgressDisplay(out, "backup: files", ProgressDisplay.onTerminal());
        if (running.isPresent()) {
            // the running server writes it; its progress is not visible from here
            out.println("backup: the running server is writing the snapshot...");
            try (MongoClient client = MongoClients.create(StoreConfiguration.settings(running.get()))) {
                summary = EmbeddedMongoStore.requestBackup(client);
            }
        } else {
            try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dataDir)) {
                summary = store.backup(progress::update);
            }
            progress.finish();
        }
        Files.createDirectories(target.getParent());
        Files.move(summary.file(), target);
        out.printf(
                "backup written to %s: store %d bytes, %d media file(s), %d secret file(s)%s%n",
                target,
                summary.storeBytes(),
                summary.mediaFiles(),
                summary.secretFiles(),
                running.isPresent() ? " (taken from the running server)" : "");
        return 0;
    }

    private static int restore(String[] args, Map<String, String> environment, PrintStream out, PrintStream err)
            throws IOException {
        if (args.length != 2) {
            err.print(USAGE);
            return 2;
        }
        Path dataDir = Path.of(environment.getOrDefault("VIVREAL_DATA_DIR", "./data"));
        if (EmbeddedMongoStore.runningStore(dataDir).isPresent()) {
            err.println("error: a server is running on " + dataDir + "; stop it and restore into an empty directory");
            return 1;
        }
        ProgressDisplay progress = new ProgressDisplay(out, "restore: bytes", ProgressDisplay.onTerminal());
        StoreBackup.Summary summary = StoreBackup.restore(Path.of(args[1]), dataDir, progress::update);
        progress.finish();
        out.printf(
                "restored into %s: store %d bytes, %d media file(s), %d secret file(s)%n",
                dataDir.toAbsolutePath(), summary.storeBytes(), summary.mediaFiles(), summary.secretFiles());
        return 0;
    }

    private record StoreAccess(ControlPlane controlPlane, TenantStore tenants) {}

    private interface StoreCommand {
        int run(GroupAdministration admin, StoreAccess store);
    }

    private static int withStore(Map<String, String> environment, StoreCommand command) {
        Path dataDir = Path.of(environment.getOrDefault("VIVREAL_DATA_DIR", "./data"));
        String uri = environment.getOrDefault("VIVREAL_MONGODB_URI", "");
        EmbeddedMongoStore ownStore = null;
        if (uri.isBlank()) {
            Optional<String> running = EmbeddedMongoStore.runningStore(dataDir);
            if (running.isPresent()) {
                uri = running.get();
            } else {
                ownStore = EmbeddedMongoStore.start(dataDir);
                uri = ownStore.connectionString();
            }
        }
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(uri))) {
            ControlPlane controlPlane = new ControlPlane(
                    client.getDatabase(environment.getOrDefault("VIVREAL_CONTROL_PLANE_DATABASE", "vivreal")));
            TenantStore tenants = new TenantStore(client);
            AuditLog audit = new AuditLog(tenants, Clock.systemUTC());
            return command.run(
                    new GroupAdministration(new GroupRepository(controlPlane, Clock.systemUTC()), audit),
                    new StoreAccess(controlPlane, tenants));
        } finally {
            if (ownStore != null) {
                ownStore.close();
            }
        }
    }
}
