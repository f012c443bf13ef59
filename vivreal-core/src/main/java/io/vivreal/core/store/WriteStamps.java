package io.vivreal.core.store;

import de.bwaldvogel.mongo.bson.Document;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A number per collection and group that changes whenever a command may have written that group's
 * documents in it, answered by the embedded store's own command {@value #COMMAND} ({@code
 * {vivrealWrites: "<collection>", groupID: "<id>"}}).
 *
 * <p>It lets a reader that keeps a copy of a group's documents in memory (the Client API's
 * collection index) tell in one round trip that nothing was written since it last looked —
 * mongo-java-server has no secondary indexes, so the alternative is scanning the collection. Every
 * instance's writes pass through this one store, so the stamp sees them all. Groups share tenant
 * databases, so the group a write touches is read from the command where the tenant layer always
 * puts it ({@code TenantCollection}: {@code groupID} in every inserted document and as an equality
 * in every filter); a write whose group cannot be told that way — or that could move documents
 * between groups — changes the stamp of every group in the collection, and one naming no
 * collection ({@code dropDatabase}, anything unknown) that of every collection of its database.
 * Erring that way costs a reader one needless re-read, never a missed write.
 *
 * <p>It counts in memory, and only for collections someone asked about (one counter per group
 * there): a new start of the store begins at a random number, so a stamp from before a restart
 * does not match by accident.
 */
final class WriteStamps {

    static final String COMMAND = "vivrealWrites";

    private static final String GROUP_ID = "groupID";
    private static final String EVERY = "";

    private final long base = new SecureRandom().nextLong() & (Long.MAX_VALUE >>> 2);
    private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();
    /** The collections someone asked a stamp of; writes to others need no counting. */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    /** Called after every command that may write, before it is acknowledged. */
    void written(String databaseName, String command, Document query) {
        if (!(query.get(command) instanceof String collection) || command.equalsIgnoreCase("dropDatabase")) {
            counter(databaseName, EVERY, EVERY).incrementAndGet();
            return;
        }
        if (!asked.contains(databaseName + '\u0000' + collection)) {
            return; // a stamp asked for later is taken before its reader reads, so this write is seen
        }
        Set<String> groups = groups(command, query);
        if (groups == null) {
            counter(databaseName, collection, EVERY).incrementAndGet();
            return;
        }
        for (String group : groups) {
            counter(databaseName, collection, group).incrementAndGet();
        }
    }

    /** The answer to {@code {vivrealWrites: "<collection>", groupID: "<id>"}} in {@code databaseName}. */
    Document answer(String databaseName, Document query) {
        Document answer = new Document();
        if (!(query.get(COMMAND) instanceof String collection)
                || collection.isEmpty()
                || !(query.get(GROUP_ID) instanceof String group)
                || group.isEmpty()) {
            answer.put("ok", 0.0);
            answer.put("errmsg", COMMAND + " needs a collection name and a groupID");
            answer.put("code", 2);
            return answer;
        }
        asked.add(databaseName + '\u0000' + collection);
        answer.put(
                "stamp",
                base
                        + counter(databaseName, collection, group).get()
                        + counter(databaseName, collection, EVERY).get()
                        + counter(databaseName, EVERY, EVERY).get());
        answer.put("ok", 1.0);
        return answer;
    }

    /** The groups a write touches, or null when the command does not tell. */
    private static Set<String> groups(String command, Document query) {
        Set<String> groups = new HashSet<>();
        switch (command.toLowerCase(Locale.ROOT)) {
            case "insert" -> {
                for (Object document : list(query.get("documents"))) {
                    if (!(document instanceof Document inserted && inserted.get(GROUP_ID) instanceof String group)) {
                        return null;
                    }
                    groups.add(group);
                }
            }
            case "update" -> {
                for (Object statement : list(query.get("updates"))) {
                    String group = statement instanceof Document update
                            ? keptGroup(filterGroup(update.get("q")), update.get("u"))
                            : null;
                    if (group == null) {
                        return null;
                    }
                    groups.add(group);
                }
            }
            case "delete" -> {
                for (Object statement : list(query.get("deletes"))) {
                    String group = statement instanceof Document delete ? filterGroup(delete.get("q")) : null;
                    if (group == null) {
                        return null;
                    }
                    groups.add(group);
                }
            }
            case "findandmodify" -> {
                String group = Boolean.TRUE.equals(query.get("remove"))
                        ? filterGroup(query.get("query"))
                        : keptGroup(filterGroup(query.get("query")), query.get("update"));
                if (group == null) {
                    return null;
                }
                groups.add(group);
            }
            default -> {
                return null;
            }
        }
        return groups;
    }

    /** The group a filter requires by equality, at its top or in a top-level {@code $and}. */
    private static String filterGroup(Object filter) {
        if (!(filter instanceof Document document)) {
            return null;
        }
        if (document.get(GROUP_ID) instanceof String group) {
            return group;
        }
        for (Object clause : list(document.get("$and"))) {
            if (clause instanceof Document part && part.get(GROUP_ID) instanceof String group) {
                return group;
            }
        }
        return null;
    }

    /**
     * The filter's group when the update cannot move a document out of it: it names {@code
     * groupID} nowhere, or it is a replacement that keeps the same one.
     */
    private static String keptGroup(String group, Object update) {
        if (group == null || !(update instanceof Document document)) {
            return null; // an aggregation pipeline, or no update at all
        }
        boolean replacement = document.keySet().stream().noneMatch(key -> key.startsWith("$"));
        if (replacement) {
            return group.equals(document.get(GROUP_ID)) ? group : null;
        }
        return document.toString().contains(GROUP_ID) ? null : group;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private AtomicLong counter(String databaseName, String collection, String group) {
        return writes.computeIfAbsent(databaseName + '\u0000' + collection + '\u0000' + group, k -> new AtomicLong());
    }
}
