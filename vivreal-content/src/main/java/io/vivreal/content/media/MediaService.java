package io.vivreal.content.media;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;

/**
 * Uploading, listing and deleting a group's files. Callers authorise first (the group comes from
 * the caller's checked membership); this class decides what may be stored.
 *
 * <p>An upload is checked in order of cost: the tier's size limit, then the content's type from
 * its first bytes (never the name or declared type: a name whose extension disagrees is corrected
 * to what the bytes are), then an image's pixel count from its header, then the group's byte
 * quota is taken. Images then get their narrower derivatives on the bounded {@link ImageWorkers}
 * pool; their bytes count toward the quota too. Only then are the bytes stored and the records
 * written; if anything fails, every file is removed and the quota given back, so a failed upload
 * leaves nothing behind. Deleting an original deletes its derivatives.
 */
public final class MediaService {

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);

    private final MediaRepository repository;
    private final MediaStorage storage;
    private final UsageCounters usage;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final long minFreeBytes;
    private final ImageDerivatives images;
    private final ImageWorkers workers;
    private final BiConsumer<String, String> removed;

    /**
     * @param removed told the bucket and key of every deleted original, so caches of its image
     *     variants forget it
     */
    public MediaService(
            MediaRepository repository,
            MediaStorage storage,
            UsageCounters usage,
            AuditLog audit,
            Clock clock,
            SecureRandom random,
            long minFreeBytes,
            ImageDerivatives images,
            ImageWorkers workers,
            BiConsumer<String, String> removed) {
        this.images = images;
        this.workers = workers;
        this.removed = removed;
        this.repository = repository;
        this.storage = storage;
        this.usage = usage;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * Stores an upload for the group.
     *
     * @param filename the uploader's file name, may be null
     * @param declaredType the uploader's {@code Content-Type} for the file, may be null; never
     *     trusted, the content's own type wins
     * @param size the byte count the server received
     * @param content re-readable bytes of the upload
     */
    public StoredMedia upload(
            Group group, String userId, String filename, String declaredType, long size, InputStreamSource content) {
        long maxBytes = TierLimits.of(group.tier()).mediaMaxBytes();
        if (size > maxBytes) {
            throw new DomainException(
                    DomainException.Kind.TOO_LARGE,
                    "too_large",
                    "the " + group.tier().wireName() + " tier accepts files up to " + megabytes(maxBytes) + " MB",
                    "file");
        }
        if (size <= 0) {
            throw DomainException.invalid("file", "the file is empty");
        }
        refuseWhenTheDiskIsNearlyFull(size);
        byte[] head = read(content, ContentSniffer.HEAD_BYTES);
        AllowedMediaType type = ContentSniffer.sniff(head).orElseThrow(UnsupportedMediaException::new);
        ImageDerivatives.Dimensions dimensions = type.isImage() ? images.checkedDimensions(content, type) : null;

        String key = MediaKeys.newKey(random, type);
        StoredMedia file = new StoredMedia(
                key,
                group.id(),
                group.bucketName(),
                MediaNames.corrected(filename, type),
                type.mimeType(),
                size,
                clock.instant(),
                userId);
        usage.acquire(group.scope(), group.tier(), Quota.MEDIA_BYTES, size);
        long acquired = size;
        List<String> written = new ArrayList<>();
        boolean stored = false;
        try {
            List<ImageDerivatives.Derivative> derivatives = dimensions != null
                            && ImageDerivatives.derives(type)
                            && !ImageDerivatives.targetWidths(dimensions.width())
                                    .isEmpty()
                    ? workers.run(group.id(), () -> images.derive(content, type))
                    : List.of();
            long derivedBytes = derivatives.stream()
                    .mapToLong(derivative -> derivative.bytes().length)
                    .sum();
            if (derivedBytes > 0) {
                // one reservation for the whole upload: a refusal recounts from what is stored,
                // which would otherwise drop the original's in-flight share
                usage.release(group.id(), Quota.MEDIA_BYTES, size);
                acquired = 0;
                usage.acquire(group.scope(), group.tier(), Quota.MEDIA_BYTES, size + derivedBytes);
                acquired = size + derivedBytes;
            }
            try (InputStream in = content.getInputStream()) {
                written.add(key);
                long count = storage.put(group.bucketName(), key, in);
                if (count != size) {
                    throw new IOException("the upload changed size while it was stored");
                }
            }
            List<MediaRepository.StoredDerivative> copies = new ArrayList<>();
            for (ImageDerivatives.Derivative derivative : derivatives) {
                String derivedKey = MediaKeys.derivativeKey(key, derivative.width(), derivative.type());
                written.add(derivedKey);
                storage.put(group.bucketName(), derivedKey, new ByteArrayInputStream(derivative.bytes()));
                copies.add(new MediaRepository.StoredDerivative(
                        new StoredMedia(
                                derivedKey,
                                group.id(),
                                group.bucketName(),
                                MediaNames.derivativeName(file.name(), derivative.width(), derivative.type()),
                                derivative.type().mimeType(),
                                derivative.bytes().length,
                                file.createdAt(),
                                userId),
                        derivative.width(),
                        derivative.height()));
            }
            if (dimensions != null) {
                repository.insertImage(file, dimensions, copies);
            } else {
                repository.insert(file);
            }
            stored = true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store an upload", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making image derivatives", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not make image derivatives", e);
        } finally {
            if (!stored) {
                repository.deleteDerivatives(group.id(), key);
                discard(group, written, acquired);
            }
        }
        audit.record(group.scope(), "media.uploaded", userId, "media", key);
        return file;
    }

    /** Newest first. */
    public List<StoredMedia> list(Group group, int limit, int skip) {
        return repository.list(group.id(), limit, skip);
    }

    public void delete(Group group, String userId, String key) {
        StoredMedia file = repository.find(group.id(), key).orElseThrow(() -> DomainException.notFound("media"));
        if (!repository.delete(group.id(), key)) {
            throw DomainException.notFound("media");
        }
        List<StoredMedia> derivatives = repository.derivatives(group.id(), key);
        repository.deleteDerivatives(group.id(), key);
        long released = file.size();
        List<String> keys = new ArrayList<>(List.of(key));
        for (StoredMedia derivative : derivatives) {
            released += derivative.size();
            keys.add(derivative.key());
        }
        usage.release(group.id(), Quota.MEDIA_BYTES, released);
        removed.accept(file.bucketName(), key);
        for (String stored : keys) {
            try {
                storage.delete(file.bucketName(), stored);
            } catch (IOException e) {
                log.warn(
                        "media file {} of group {} could not be removed: {}",
                        stored,
                        group.id(),
                        e.getClass().getSimpleName());
            }
        }
        audit.record(group.scope(), "media.deleted", userId, "media", key);
    }

    private void discard(Group group, List<String> keys, long size) {
        for (String key : keys) {
            try {
                storage.delete(group.bucketName(), key);
            } catch (IOException | RuntimeException e) {
                log.warn(
                        "a failed upload {} of group {} left a file behind: {}",
                        key,
                        group.id(),
                        e.getClass().getSimpleName());
            }
        }
        if (size > 0) {
            usage.release(group.id(), Quota.MEDIA_BYTES, size);
        }
    }

    private static byte[] read(InputStreamSource content, int bytes) {
        try (InputStream in = content.getInputStream()) {
            return in.readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read an upload", e);
        }
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }

    /**
     * Refuses an upload that would leave less than the configured reserve free: a full disk would
     * fail the embedded store's next commit for every tenant, not just this upload.
     */
    private void refuseWhenTheDiskIsNearlyFull(long size) {
        long usable;
        try {
            usable = storage.usableBytes();
        } catch (IOException e) {
            usable = Long.MAX_VALUE;
        }
        if (usable - size < minFreeBytes) {
            log.warn("media upload refused: {} bytes free on the media disk, the reserve is {}", usable, minFreeBytes);
            throw new DomainException(
                    DomainException.Kind.INSUFFICIENT_STORAGE,
                    "insufficient_storage",
                    "the server is short of disk space; uploads are paused until an operator frees some",
                    "file");
        }
    }
}
