package io.vivreal.core.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend, committing every change before the reply leaves the server.
 *
 * <p>MVStore on its own commits in the background about once a second, so a {@code kill -9}
 * could lose writes the client already saw acknowledged. Committing before the reply writes the
 * change into the file (the operating system's page cache), which survives the death of the
 * process. It does not {@code fsync}: surviving a power loss needs a real MongoDB replica set.
 */
final class DurableH2Backend extends H2Backend {

    private final MVStore store;

    private DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    static DurableH2Backend open(String fileName) {
        MVStore store = new MVStore.Builder().fileName(fileName).open();
        return new DurableH2Backend(store);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            commitIfChanged();
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        try {
            return super.handleMessage(message);
        } finally {
            commitIfChanged();
        }
    }

    private void commitIfChanged() {
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
    }
}
