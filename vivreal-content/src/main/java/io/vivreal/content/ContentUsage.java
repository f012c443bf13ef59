package io.vivreal.content;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Projections;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.media.MediaRepository;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.StoredUsage;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.util.List;
import org.bson.Document;

/** The content engine's quotas counted from what is stored: items, content types, sites, media bytes. */
public final class ContentUsage {

    private ContentUsage() {}

    public static List<StoredUsage> sources(TenantStore store, ControlPlane controlPlane) {
        return List.of(
                counting(
                        Quota.CONTENT_ITEMS,
                        scope -> store.collection(scope, ItemRepository.COLLECTION)
                                .count(new Document())),
                counting(
                        Quota.CONTENT_TYPES,
                        scope -> store.collection(scope, ContentTypeRepository.COLLECTION)
                                .count(new Document())),
                counting(Quota.MEDIA_BYTES, scope -> {
                    long bytes = 0;
                    for (Document file : controlPlane
                            .collection(MediaRepository.COLLECTION)
                            .find(eq("groupID", scope.groupID()))
                            .projection(Projections.include("size"))) {
                        Number size = file.get("size", Number.class);
                        bytes += size == null ? 0 : size.longValue();
                    }
                    return bytes;
                }));
    }

    private interface Counter {
        long count(TenantScope scope);
    }

    private static StoredUsage counting(Quota quota, Counter counter) {
        return new StoredUsage() {
            @Override
            public Quota quota() {
                return quota;
            }

            @Override
            public long count(TenantScope scope) {
                return counter.count(scope);
            }
        };
    }
}
