package io.vivreal.core.crypto;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A place that holds encrypted credentials ({@code enc:v1:<keyId>:...} strings), seen by the key
 * rotation ({@code ./vivreal admin rotate-encryption-key}, {@link CredentialRotation}). Every
 * collection that stores a {@link CredentialCipher} ciphertext has one implementation, registered
 * as a Spring bean; the rotation finds them all, so a store that is not registered keeps its
 * values under old keys and its operator cannot retire them.
 *
 * <h2>Why it looks like this</h2>
 *
 * The rotation runs beside live servers and may be killed at any moment. So it never holds a
 * lock and never writes a value it did not just read: each replacement is a compare-and-set on
 * the exact old ciphertext ({@link #replace}). A value changed in the meantime (a regenerated API
 * key, an edited channel secret) is left to whoever changed it; a rerun finds whatever is still
 * under an old key, which is what makes the command resumable and idempotent. A value that does
 * not decrypt is reported by its record and skipped, so the scan must be able to move past it:
 * batches are read after a cursor, not just "the first N still to do".
 *
 * <h2>How to implement it</h2>
 *
 * <ul>
 *   <li><b>Order.</b> Answer values in {@link EncryptedField#RECORD_ORDER} (group id, then record
 *       id; ObjectId hex strings sort like the ids) and resume strictly after the record of
 *       {@code after}. Return every pending value of a record in the same batch, so a batch may
 *       hold more than {@code size} values when records have several secret fields.
 *   <li><b>Binding.</b> Build the {@link CredentialBinding} exactly as the code that encrypts the
 *       value does (same group id, record id and field name): the rotation decrypts and
 *       re-encrypts under that binding, and a different one makes every value "undecryptable".
 *   <li><b>Control-plane collections</b> (like the groups' API-key ciphertexts, {@code
 *       ApiKeyCiphertextStore}): one query, {@code _id > after.recordId}, sorted by {@code _id},
 *       limited to {@code size}, filtered to values whose string does not start with {@code
 *       enc:v1:<activeKeyId>:}.
 *   <li><b>Tenant collections</b> (for example {@code channels}, secrets inside {@code
 *       settings}): walk the groups in id order with {@code GroupRepository.tenantScopes(after,
 *       limit)} — each scope is the group id and the {@code dbKey} of the database its documents
 *       live in — and read each group's collection through {@code TenantStore.collection(scope,
 *       name)}, which keeps the tenant filter on every query and write; records with an id after
 *       {@code after.recordId} in {@code after}'s own group, all records in the groups after it.
 *       Fill {@link EncryptedField#database()} with the scope's {@code dbKey} so {@link #replace}
 *       can rebuild the scope without another lookup. Which fields are secret may depend on the
 *       record (a channel's type); filter in Java if a query cannot say it.
 *   <li><b>Replace</b> with one {@code updateOne} whose filter holds the record id <em>and</em>
 *       {@code path == field.ciphertext()}, setting only that path; answer whether it modified a
 *       document. Never read-then-write.
 *   <li><b>Counts</b> cover every stored value of the store, pending or not, keyed by {@link
 *       EncryptedField#keyIdOf(String)}.
 * </ul>
 *
 * Implementations never log or return plaintext; they do not decrypt at all.
 */
public interface EncryptedFieldStore {

    /** What an operator calls these credentials in the rotation's report, for example "api keys". */
    String name();

    /**
     * Stored values not encrypted under {@code activeKeyId} (including values that are not
     * {@code enc:v1:} strings at all), from up to {@code size} records after {@code after}'s
     * record in {@link EncryptedField#RECORD_ORDER}; from the first record when {@code after} is
     * empty. An empty answer means there are none left.
     */
    List<EncryptedField> batchNotUnder(String activeKeyId, Optional<EncryptedField> after, int size);

    /**
     * Writes {@code newCiphertext} in place of {@code field} only if the stored value is still
     * exactly {@code field.ciphertext()}; answers whether it did.
     */
    boolean replace(EncryptedField field, String newCiphertext);

    /** How many stored values each key id holds, over the whole store. */
    Map<String, Long> countByKeyId();
}
