package io.vivreal.core.tenancy;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCursor;
import java.util.Collection;
import java.util.Iterator;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A scoped query's results. It offers ordering, paging and projection only: the driver's {@code
 * FindIterable} would also let a caller call {@code filter(...)} and replace the tenant filter, so
 * it is never handed out.
 */
public final class TenantFind implements Iterable<Document> {

    private final FindIterable<Document> find;

    TenantFind(FindIterable<Document> find) {
        this.find = find;
    }

    public TenantFind sort(Bson sort) {
        find.sort(sort);
        return this;
    }

    public TenantFind skip(int skip) {
        find.skip(skip);
        return this;
    }

    public TenantFind limit(int limit) {
        find.limit(limit);
        return this;
    }

    /** Documents fetched per round trip; a small batch keeps a large page from being decoded at once. */
    public TenantFind batchSize(int batchSize) {
        find.batchSize(batchSize);
        return this;
    }

    public TenantFind projection(Bson projection) {
        find.projection(projection);
        return this;
    }

    public Document first() {
        return find.first();
    }

    public <C extends Collection<? super Document>> C into(C target) {
        return find.into(target);
    }

    @Override
    public Iterator<Document> iterator() {
        return cursor();
    }

    /** The results as a cursor to close, so a reader that stops early releases the server's. */
    public MongoCursor<Document> cursor() {
        return find.iterator();
    }
}
