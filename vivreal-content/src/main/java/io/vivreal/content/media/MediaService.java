package io.vivreal.content.media;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;

/**
 * Uploading, listing and deleting a group's files. Callers authorise first (the group comes from
 * the caller's checked membership); this class decides what may be stored.
 *
 * <p>An upload is checked in order of cost: the tier's size limit, then the content's type from
 * its first bytes (never the name or declared type, which must merely not contradict it), then the
 * group's byte quota is taken. Only then are the bytes stored and the record written; if either
 * fails, the file is removed and the quota given back, so a failed upload leaves nothing behind.
 */
public final class MediaService {

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);
    private static final String GENERIC_TYPE = "application/octet-stream";

    private final MediaRepository repository;
    private final MediaStorage storage;
    private final UsageCounters usage;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final long minFreeBytes;

    public MediaService(
            MediaRepository repository,
            MediaStorage storage,
            UsageCounters usage,
            AuditLog audit,
            Clock clock,
            SecureRandom random,
            long minFreeBytes) {
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
     * @param declaredType the uploader's {@code Content-Type} for the file, may be null
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
        Optional<String> name = MediaNames.clean(filename);
        refuseContradictions(type, name, declaredType);

        String key = MediaKeys.newKey(random, type);
        StoredMedia file = new StoredMedia(
                key,
                group.id(),
                group.bucketName(),
                name.orElse("upload." + type.keyExtension()),
                type.mimeType(),
                size,
                clock.instant(),
                userId);
        usage.acquire(group.scope(), group.tier(), Quota.MEDIA_BYTES, size);
        boolean stored = false;
        try {
            try (InputStream in = content.getInputStream()) {
                long written = storage.put(group.bucketName(), key, in);
                if (written != size) {
                    throw new IOException("the upload changed size while it was stored");
                }
            }
            repository.insert(file);
            stored = true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store an upload", e);
        } finally {
            if (!stored) {
                discard(group, key, size);
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
        usage.release(group.id(), Quota.MEDIA_BYTES, file.size());
        try {
            storage.delete(file.bucketName(), key);
        } catch (IOException e) {
            log.warn(
                    "media file {} of group {} could not be removed: {}",
                    key,
                    group.id(),
                    e.getClass().getSimpleName());
        }
        audit.record(group.scope(), "media.deleted", userId, "media", key);
    }

    /**
     * A name or declared type that claims another type than the content is refused: a {@code
     * .png} that is really a PDF is suspicious, and the uploader should learn what they sent.
     */
    private static void refuseContradictions(AllowedMediaType type, Optional<String> name, String declaredType) {
        String bareDeclared = declaredType == null
                ? ""
                : declaredType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!bareDeclared.isEmpty() && !bareDeclared.equals(GENERIC_TYPE) && !type.matchesDeclared(bareDeclared)) {
            throw new DomainException(
                    DomainException.Kind.INVALID,
                    "type_mismatch",
                    "the file was sent as another type than its content, which is " + type.mimeType(),
                    "file");
        }
        Optional<String> extension = name.flatMap(MediaNames::extension);
        if (extension.isPresent() && !type.matchesExtension(extension.get())) {
            throw new DomainException(
                    DomainException.Kind.INVALID,
                    "type_mismatch",
                    "the file name's extension does not match its content, which is " + type.mimeType(),
                    "file");
        }
    }

    private void discard(Group group, String key, long size) {
        try {
            storage.delete(group.bucketName(), key);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "a failed upload {} of group {} left a file behind: {}",
                    key,
                    group.id(),
                    e.getClass().getSimpleName());
        }
        usage.release(group.id(), Quota.MEDIA_BYTES, size);
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
