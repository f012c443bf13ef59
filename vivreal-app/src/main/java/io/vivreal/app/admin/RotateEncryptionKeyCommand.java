package io.vivreal.app.admin;

import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.CredentialRotation;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.secrets.KeyRingFile;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.store.EmbeddedMongoStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./vivreal admin rotate-encryption-key [--generate] [--batch-size N]}: re-encrypts every
 * stored credential that is not under the active key of the ring, then prints how many values each
 * key id still holds, so an operator knows when an old key can be removed.
 *
 * <p>With file-based secrets {@code --generate} first puts a new key in front of the ring file.
 * Keys that come from the environment or a secret manager are the operator's to add there; this
 * command never writes them. Running servers keep the ring they started with (until restarted, or
 * until a refreshing provider picks up the new one): they still encrypt new values under their old
 * active key, which is why the command can simply be run again after restarting them.
 *
 * <p>Exit codes: 0 all credentials are under the active key; 1 some could not be decrypted
 * (reported by record, left as they are); 2 usage or refused; 3 some were written under an older
 * key while it ran (restart the servers, run it again).
 */
final class RotateEncryptionKeyCommand {

    static final String NAME = "rotate-encryption-key";
    private static final int DEFAULT_BATCH_SIZE = 100;
    private static final int MAX_BATCH_SIZE = 10_000;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    RotateEncryptionKeyCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    private record Options(boolean generate, int batchSize) {}

    int run(String[] args) {
        Optional<Options> options = parse(args);
        if (options.isEmpty()) {
            return 2;
        }
        if (options.get().generate() && !generate()) {
            return 2;
        }
        try (ConfigurableApplicationContext context = AdminContext.start(environment)) {
            CredentialCipher cipher = context.getBean(CredentialCipher.class);
            List<EncryptedFieldStore> stores = context.getBeanProvider(EncryptedFieldStore.class)
                    .orderedStream()
                    .toList();
            out.printf(
                    "re-encrypting to the active key %s (key ring: %s) in batches of %d%n",
                    cipher.activeKeyId(),
                    String.join(", ", cipher.keyIds()),
                    options.get().batchSize());
            Printer printer = new Printer();
            CredentialRotation.Result result =
                    new CredentialRotation(cipher, stores).run(options.get().batchSize(), printer);
            printer.finishBar();
            return report(result);
        }
    }

    private Optional<Options> parse(String[] args) {
        boolean generate = false;
        int batchSize = DEFAULT_BATCH_SIZE;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--generate")) {
                generate = true;
            } else if (args[i].equals("--batch-size") && i + 1 < args.length) {
                try {
                    batchSize = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    batchSize = 0;
                }
                if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                    err.println("error: --batch-size must be a number from 1 to " + MAX_BATCH_SIZE);
                    return Optional.empty();
                }
            } else {
                err.println("usage: ./vivreal admin " + NAME + " [--generate] [--batch-size N]");
                return Optional.empty();
            }
        }
        return Optional.of(new Options(generate, batchSize));
    }

    /** Adds a new active key to a file-based ring; refuses, explaining why, for any other source. */
    private boolean generate() {
        Optional<Path> directory = keyRingDirectory();
        if (directory.isEmpty()) {
            err.println("error: --generate writes a new key into a secrets directory, but the encryption key ring"
                    + " comes from " + keyRingSource() + ". Add the new key in the secret store yourself, in front"
                    + " of the ring ('<new id>:<base64 of 32 random bytes>,<current ring>'), restart the servers (or"
                    + " wait for the secrets provider to refresh), then run this command without --generate.");
            return false;
        }
        KeyRingFile ring = new KeyRingFile(directory.get(), new SecureRandom());
        String id = ring.addActiveKey();
        out.printf(
                "added key %s in front of %s: it is the active key now; older keys still decrypt%n", id, ring.file());
        if (EmbeddedMongoStore.runningStore(AdminContext.dataDir(environment)).isPresent()) {
            out.println("note: the running server still uses its old key ring: restart it so it encrypts with " + id
                    + " and can decrypt what this command re-encrypts");
        }
        return true;
    }

    /** The secrets directory the server reads the ring from, when it reads it from a file. */
    private Optional<Path> keyRingDirectory() {
        String source = environment.getOrDefault("VIVREAL_SECRETS", "").strip();
        if (source.startsWith("file:")) {
            return Optional.of(Path.of(source.substring("file:".length())));
        }
        if (source.isEmpty()
                && environment
                        .getOrDefault(SecretName.ENCRYPTION_KEYS.environmentVariable(), "")
                        .isBlank()) {
            return Optional.of(AdminContext.dataDir(environment).resolve("secrets"));
        }
        return Optional.empty();
    }

    private String keyRingSource() {
        String source = environment.getOrDefault("VIVREAL_SECRETS", "").strip();
        return source.isEmpty() || source.equals("env")
                ? "the environment (" + SecretName.ENCRYPTION_KEYS.environmentVariable() + ")"
                : "VIVREAL_SECRETS=" + source;
    }

    private int report(CredentialRotation.Result result) {
        out.println("counts per key id (active: " + result.activeKeyId() + "):");
        for (CredentialRotation.StoreResult store : result.stores()) {
            out.println(store.store() + ": " + counts(store.counts()));
        }
        long failed = result.stores().stream()
                .mapToLong(store -> store.failed().size())
                .sum();
        long pending = result.notUnderActiveKey();
        if (failed > 0) {
            err.println("error: " + failed + " stored credential(s) could not be decrypted and were left as they are"
                    + " (records above); nothing else was affected. Repair or reset them (for an API key: regenerate"
                    + " it) before removing a key from the ring.");
            return 1;
        }
        if (pending > 0) {
            err.println(pending + " credential(s) are still under an older key: they were written while this ran by"
                    + " a server that still uses its old active key. Restart every server with the new key ring,"
                    + " then run this command again.");
            return 3;
        }
        out.println("every stored credential is under " + result.activeKeyId()
                + "; once every server runs with this ring, the other keys can be removed from it");
        return 0;
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(count -> count.getKey() + "=" + count.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * One line per store start and failure; per batch a line, or on a terminal a progress bar
     * redrawn in place. Never a value.
     */
    private final class Printer implements CredentialRotation.Progress {
        private final boolean terminal = ProgressDisplay.onTerminal();
        private ProgressDisplay bar;
        private long done;
        private long pending;

        @Override
        public void started(String store, long pending, Map<String, Long> counts) {
            finishBar();
            this.done = 0;
            this.pending = pending;
            out.printf("%s: %d to re-encrypt (%s)%n", store, pending, counts(counts));
            if (terminal && pending > 0) {
                bar = new ProgressDisplay(out, store, true);
            }
        }

        @Override
        public void batch(String store, int number, CredentialRotation.Batch batch) {
            done += batch.reencrypted() + batch.changedMeanwhile() + batch.failed();
            if (bar != null) {
                bar.update(done, pending);
                return;
            }
            out.printf(
                    "%s: batch %d: %d re-encrypted, %d changed meanwhile, %d failed (%d of %d)%n",
                    store, number, batch.reencrypted(), batch.changedMeanwhile(), batch.failed(), done, pending);
        }

        void finishBar() {
            if (bar != null) {
                bar.finish();
                bar = null;
            }
        }

        @Override
        public void failed(String store, EncryptedField field) {
            if (bar != null) {
                bar.finish();
            }
            out.printf(
                    "%s: FAILED %s: cannot be decrypted (corrupted, copied from another record, or under a key that"
                            + " is not in the ring); left as it is%n",
                    store, field.describe());
        }
    }
}
