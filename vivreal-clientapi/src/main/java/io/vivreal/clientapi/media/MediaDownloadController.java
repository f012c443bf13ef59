package io.vivreal.clientapi.media;

import io.vivreal.content.media.AllowedMediaType;
import io.vivreal.content.media.HmacMediaUrls;
import io.vivreal.content.media.MediaRepository;
import io.vivreal.content.media.MediaStorage;
import io.vivreal.content.media.StoredMedia;
import io.vivreal.core.web.ApiError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /media/{bucketName}/{key}?exp=&sig=}: the public download behind signed media URLs.
 *
 * <p>Nothing about the request is trusted but the signature: it is checked (constant time, with
 * its expiry) before the store is touched, and an unsigned, expired, altered or borrowed link all
 * get the same 403, so a link reveals nothing about files it was not made for. A file is served
 * only as the type its bytes were sniffed as, with {@code nosniff} and a sandboxing CSP so a
 * browser neither reinterprets it nor runs anything in it on our origin; PDFs are downloads.
 */
@RestController
class MediaDownloadController {

    private static final Logger log = LoggerFactory.getLogger(MediaDownloadController.class);
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

    private final HmacMediaUrls urls;
    private final MediaRepository repository;
    private final MediaStorage storage;
    private final Clock clock;

    MediaDownloadController(HmacMediaUrls urls, MediaRepository repository, MediaStorage storage, Clock clock) {
        this.urls = urls;
        this.repository = repository;
        this.storage = storage;
        this.clock = clock;
    }

    @GetMapping("/media/{bucketName}/{key}")
    ResponseEntity<?> download(
            @PathVariable String bucketName,
            @PathVariable String key,
            @RequestParam(required = false) String exp,
            @RequestParam(required = false) String sig) {
        if (!urls.verify(bucketName, key, exp, sig)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .cacheControl(CacheControl.noStore())
                    .body(ApiError.of("forbidden", "this link is invalid or has expired"));
        }
        Optional<StoredMedia> found = repository.findInBucket(bucketName, key);
        Optional<AllowedMediaType> type = found.flatMap(file -> AllowedMediaType.ofMimeType(file.type()));
        if (found.isEmpty() || type.isEmpty() || !storage.exists(bucketName, key)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .cacheControl(CacheControl.noStore())
                    .body(ApiError.of("not_found", "this file no longer exists"));
        }
        StoredMedia file = found.get();
        long maxAge = Math.max(0, Long.parseLong(exp) - clock.instant().getEpochSecond());
        ContentDisposition disposition = (type.get().inline()
                        ? ContentDisposition.inline()
                        : ContentDisposition.attachment())
                .filename(file.name(), StandardCharsets.UTF_8)
                .build();
        Resource body = new StoredMediaResource(storage, file);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type.get().mimeType()))
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=" + maxAge)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .body(body);
    }

    /** Failures here answer in the Management API's error shape, not the Client API envelope. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("media download failed: {}", e.getClass().getName());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .cacheControl(CacheControl.noStore())
                .body(ApiError.of("internal_error", "something went wrong on our side"));
    }
}
