package io.vivreal.content.media;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * Media records in the control plane's {@code media} collection, one per file, keyed by the media
 * key. Every lookup a group makes names its group id too, so a key of another group is simply not
 * found; only the signed-URL download looks a file up by bucket and key, and only after the
 * signature has proved that this server handed out that exact pair.
 */
public final class MediaRepository implements MediaLookup, IndexDefinitions {

    public static final String COLLECTION = "media";

    private final MongoCollection<Document> media;

    public MediaRepository(ControlPlane controlPlane) {
        this.media = controlPlane.collection(COLLECTION);
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.of(COLLECTION, new Document("groupID", 1).append("createdAt", -1)));
    }

    void insert(StoredMedia file) {
        media.insertOne(document(file));
    }

    /**
     * An image with its size and derivatives. Each derivative is a record of its own (so the
     * signed download finds it, and the group's byte count includes it) that names its original in
     * {@code derivativeOf}; listings and media fields see only originals.
     */
    void insertImage(StoredMedia file, ImageDerivatives.Dimensions dimensions, List<StoredDerivative> derivatives) {
        List<Document> variants = new ArrayList<>();
        for (StoredDerivative derivative : derivatives) {
            media.insertOne(document(derivative.file())
                    .append("derivativeOf", file.key())
                    .append("width", derivative.width())
                    .append("height", derivative.height()));
            variants.add(new Document("width", derivative.width())
                    .append("key", derivative.file().key()));
        }
        media.insertOne(document(file)
                .append("width", dimensions.width())
                .append("height", dimensions.height())
                .append("variants", variants));
    }

    /** A derivative as stored: its own record, and the size it was made at. */
    record StoredDerivative(StoredMedia file, int width, int height) {}

    /**
     * The width and derivatives of an image in a bucket, for {@code srcset}; empty for a file that
     * is not an image, is gone, or was uploaded before images were measured.
     */
    public Optional<ImageVariants> imageVariants(String bucketName, String key) {
        if (!MediaKeys.isBucket(bucketName) || !MediaKeys.isKey(key)) {
            return Optional.empty();
        }
        Document file = media.find(and(eq("_id", key), eq("bucketName", bucketName)))
                .projection(Projections.include("width", "height", "variants"))
                .first();
        if (file == null || !(file.get("width") instanceof Number width)) {
            return Optional.empty();
        }
        List<ImageVariants.Variant> variants = new ArrayList<>();
        for (Document variant : file.getList("variants", Document.class, List.of())) {
            variants.add(
                    new ImageVariants.Variant(variant.get("width", Number.class).intValue(), variant.getString("key")));
        }
        return Optional.of(new ImageVariants(width.intValue(), variants));
    }

    /** The keys of an original's derivatives in the group. */
    List<StoredMedia> derivatives(String groupId, String key) {
        List<StoredMedia> files = new ArrayList<>();
        for (Document document : media.find(and(eq("groupID", groupId), eq("derivativeOf", key)))) {
            files.add(toStored(document));
        }
        return files;
    }

    boolean deleteDerivatives(String groupId, String key) {
        return media.deleteMany(and(eq("groupID", groupId), eq("derivativeOf", key)))
                        .getDeletedCount()
                > 0;
    }

    private static Document document(StoredMedia file) {
        return new Document("_id", file.key())
                .append("groupID", file.groupID())
                .append("bucketName", file.bucketName())
                .append("name", file.name())
                .append("type", file.type())
                .append("size", file.size())
                .append("createdAt", Date.from(file.createdAt()))
                .append("createdBy", file.createdBy());
    }

    @Override
    public Optional<MediaRecord> find(TenantScope scope, String key) {
        return find(scope.groupID(), key).map(StoredMedia::toRecord);
    }

    public Optional<StoredMedia> find(String groupId, String key) {
        if (!MediaKeys.isKey(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                        media.find(and(eq("_id", key), eq("groupID", groupId), exists("derivativeOf", false)))
                                .first())
                .map(MediaRepository::toStored);
    }

    /**
     * Which of {@code keys} name files of this group in its own bucket: one query for a whole
     * answer's media descriptors. Keys that are not media keys are never looked up.
     */
    public Set<String> knownKeys(String groupId, String bucketName, Collection<String> keys) {
        List<String> candidates =
                keys.stream().filter(MediaKeys::isKey).distinct().toList();
        Set<String> known = new HashSet<>();
        if (candidates.isEmpty()) {
            return known;
        }
        for (Document document : media.find(
                        and(in("_id", candidates), eq("groupID", groupId), eq("bucketName", bucketName)))
                .projection(new Document("_id", 1))) {
            known.add(document.getString("_id"));
        }
        return known;
    }

    /** The file a verified signed URL names; both parts must match the record. */
    public Optional<StoredMedia> findInBucket(String bucketName, String key) {
        if (!MediaKeys.isBucket(bucketName) || !MediaKeys.isKey(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(media.find(and(eq("_id", key), eq("bucketName", bucketName)))
                        .first())
                .map(MediaRepository::toStored);
    }

    /** Newest first. */
    public List<StoredMedia> list(String groupId, int limit, int skip) {
        List<StoredMedia> files = new ArrayList<>();
        for (Document document : media.find(and(eq("groupID", groupId), exists("derivativeOf", false)))
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
                .skip(skip)
                .limit(limit)) {
            files.add(toStored(document));
        }
        return files;
    }

    boolean delete(String groupId, String key) {
        return media.deleteOne(and(eq("_id", key), eq("groupID", groupId), exists("derivativeOf", false)))
                        .getDeletedCount()
                == 1;
    }

    private static StoredMedia toStored(Document document) {
        return new StoredMedia(
                document.getString("_id"),
                document.getString("groupID"),
                document.getString("bucketName"),
                document.getString("name"),
                document.getString("type"),
                document.get("size", Number.class).longValue(),
                document.getDate("createdAt").toInstant(),
                document.getString("createdBy"));
    }
}
