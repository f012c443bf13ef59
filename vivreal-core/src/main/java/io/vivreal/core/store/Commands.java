package io.vivreal.core.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Locale;
import java.util.Set;

/**
 * Which wire commands only read, so that they answer without waiting for a commit.
 *
 * <p>The list is of reads, not of writes: a command missing from it waits for a commit like a
 * write, which costs time but never an acknowledged write. An {@code aggregate} whose pipeline
 * writes ({@code $out}, {@code $merge}) is a write.
 */
final class Commands {

    private static final Set<String> READS = Set.of(
            "find",
            "getmore",
            "count",
            "distinct",
            "aggregate",
            "listcollections",
            "listindexes",
            "listdatabases",
            "hello",
            "ismaster",
            "buildinfo",
            "ping",
            "whatsmyuri",
            "serverstatus",
            "dbstats",
            "collstats",
            "killcursors",
            "endsessions",
            "getlasterror",
            "connectionstatus",
            "hostinfo",
            "getcmdlineopts",
            "getparameter",
            "getfreemonitoringstatus",
            "replsetgetstatus",
            "getlog");

    private Commands() {}

    static boolean isRead(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (!READS.contains(name)) {
            return false;
        }
        return !name.equals("aggregate") || !writesOut(query);
    }

    /**
     * Whether a write carries the write concern {@code j: false}, which only {@link CommitBatch}
     * sends, and only to the embedded store: the change is applied and answered without waiting
     * for its commit, because the batch's flush waits for one that covers it.
     */
    static boolean defersCommit(Document query) {
        return query.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j"));
    }

    private static boolean writesOut(Document query) {
        if (!(query.get("pipeline") instanceof Iterable<?> pipeline)) {
            return false;
        }
        for (Object stage : pipeline) {
            if (stage instanceof Document document
                    && (document.containsKey("$out") || document.containsKey("$merge"))) {
                return true;
            }
        }
        return false;
    }
}
