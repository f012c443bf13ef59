package io.vivreal.core.store;

import de.bwaldvogel.mongo.bson.Document;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A number per collection that changes whenever a command may have written to it, answered by the
 * embedded store's own command {@value #COMMAND} ({@code {vivrealWrites: "<collection>"}}).
 *
 * <p>It lets a reader that keeps a copy of a collection in memory (the Client API's collection
 * index) tell in one round trip that nothing was written since it last looked — mongo-java-server
 * has no secondary indexes, so the alternative is scanning the collection. Every instance's writes
 * pass through this one store, so the stamp sees them all. It counts in memory: a new start of the
 * store begins at a random number, so a stamp from before a restart does not match by accident.
 * A command whose target collection is not named ({@code dropDatabase}, anything unknown) changes
 * the stamp of every collection of its database.
 */
final class WriteStamps {

    static final String COMMAND = "vivrealWrites";

    private static final String WHOLE_DATABASE = "";

    private final long base = new SecureRandom().nextLong() & (Long.MAX_VALUE >>> 2);
    private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();

    /** Called after every command that may write, before it is acknowledged. */
    void written(String databaseName, String command, Document query) {
        String collection = query.get(command) instanceof String name && !command.equalsIgnoreCase("dropDatabase")
                ? name
                : WHOLE_DATABASE;
        counter(databaseName, collection).incrementAndGet();
    }

    /** The answer to {@code {vivrealWrites: "<collection>"}} in {@code databaseName}. */
    Document answer(String databaseName, Document query) {
        Document answer = new Document();
        if (!(query.get(COMMAND) instanceof String collection) || collection.isEmpty()) {
            answer.put("ok", 0.0);
            answer.put("errmsg", COMMAND + " needs a collection name");
            answer.put("code", 2);
            return answer;
        }
        answer.put(
                "stamp",
                base
                        + counter(databaseName, collection).get()
                        + counter(databaseName, WHOLE_DATABASE).get());
        answer.put("ok", 1.0);
        return answer;
    }

    private AtomicLong counter(String databaseName, String collection) {
        return writes.computeIfAbsent(databaseName + '\u0000' + collection, k -> new AtomicLong());
    }
}
