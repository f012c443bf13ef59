package io.vivreal.core.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-encrypts every stored credential that is not under the active key, store by store and batch
 * by batch, each write a compare-and-set on the value just read (see {@link EncryptedFieldStore}).
 *
 * <p>Running it again is always safe: values already under the active key are not read, values
 * changed meanwhile are left to their writer, and a run killed half-way leaves every value either
 * old or re-encrypted, never lost. A value that does not decrypt is reported by record and
 * skipped; nothing else waits for it. Plaintext exists only between one decrypt and the
 * following encrypt and is never logged or reported.
 */
public final class CredentialRotation {

    private final CredentialCipher cipher;
    private final List<EncryptedFieldStore> stores;

    public CredentialRotation(CredentialCipher cipher, List<EncryptedFieldStore> stores) {
        this.cipher = cipher;
        this.stores = List.copyOf(stores);
    }

    /** What the rotation tells its operator while it runs. */
    public interface Progress {

        void started(String store, long pending, Map<String, Long> counts);

        void batch(String store, int number, Batch batch);

        void failed(String store, EncryptedField field);
    }

    /** One batch's outcome: written, lost to a concurrent change, or undecryptable. */
    public record Batch(int reencrypted, int changedMeanwhile, int failed) {}

    /** One store's outcome, with its counts per key id read after the run. */
    public record StoreResult(
            String store,
            long reencrypted,
            long changedMeanwhile,
            List<EncryptedField> failed,
            Map<String, Long> counts) {}

    public record Result(String activeKeyId, List<StoreResult> stores) {

        public boolean anyFailed() {
            return stores.stream().anyMatch(store -> !store.failed().isEmpty());
        }

        /** Values still under any other key, failures included: zero means old keys can be retired. */
        public long notUnderActiveKey() {
            return stores.stream()
                    .flatMap(store -> store.counts().entrySet().stream())
                    .filter(count -> !count.getKey().equals(activeKeyId))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }

    public Result run(int batchSize, Progress progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        String active = cipher.activeKeyId();
        List<StoreResult> results = new ArrayList<>();
        for (EncryptedFieldStore store : stores) {
            Map<String, Long> before = counts(store);
            progress.started(store.name(), pending(before, active), before);
            results.add(rotate(store, active, batchSize, progress));
        }
        return new Result(active, List.copyOf(results));
    }

    private StoreResult rotate(EncryptedFieldStore store, String active, int batchSize, Progress progress) {
        long reencrypted = 0;
        long changed = 0;
        List<EncryptedField> failed = new ArrayList<>();
        Optional<EncryptedField> after = Optional.empty();
        for (int number = 1; ; number++) {
            List<EncryptedField> batch = store.batchNotUnder(active, after, batchSize);
            if (batch.isEmpty()) {
                break;
            }
            int done = 0;
            int lost = 0;
            int broken = 0;
            for (EncryptedField field : batch) {
                Optional<String> fresh = reencrypt(field);
                if (fresh.isEmpty()) {
                    broken++;
                    failed.add(field);
                    progress.failed(store.name(), field);
                } else if (store.replace(field, fresh.get())) {
                    done++;
                } else {
                    lost++;
                }
            }
            reencrypted += done;
            changed += lost;
            progress.batch(store.name(), number, new Batch(done, lost, broken));
            EncryptedField last = batch.get(batch.size() - 1);
            if (after.isPresent() && EncryptedField.RECORD_ORDER.compare(last, after.get()) <= 0) {
                throw new IllegalStateException("store '" + store.name() + "' answered a batch that does not advance");
            }
            after = Optional.of(last);
        }
        return new StoreResult(store.name(), reencrypted, changed, List.copyOf(failed), counts(store));
    }

    private Optional<String> reencrypt(EncryptedField field) {
        try {
            return Optional.of(cipher.encrypt(cipher.decrypt(field.ciphertext(), field.binding()), field.binding()));
        } catch (CredentialDecryptionException e) {
            return Optional.empty();
        }
    }

    /** Every key of the ring (zero when unused, so an old key shows as {@code =0}), then anything else found. */
    private Map<String, Long> counts(EncryptedFieldStore store) {
        Map<String, Long> counts = new LinkedHashMap<>();
        cipher.keyIds().forEach(id -> counts.put(id, 0L));
        Map<String, Long> found = new TreeMap<>(store.countByKeyId());
        found.forEach((id, count) -> counts.merge(id, count, Long::sum));
        return counts;
    }

    private static long pending(Map<String, Long> counts, String active) {
        return counts.entrySet().stream()
                .filter(count -> !count.getKey().equals(active))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
