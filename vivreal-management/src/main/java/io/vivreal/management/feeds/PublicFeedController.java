package io.vivreal.management.feeds;

import io.vivreal.core.web.ApiError;
import io.vivreal.distribution.feeds.FeedFormat;
import io.vivreal.distribution.feeds.PublicFeeds;
import io.vivreal.distribution.feeds.RenderedFeed;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /feeds/<feedId>.<rss|atom|json|ics>}, public. Every way of not having a feed — an
 * unknown or malformed id, a disabled feed, an extension that is not served — is the same 404, so
 * the route tells nothing about which ids exist. Answers carry a strong {@code ETag} (304 on a
 * matching {@code If-None-Match}) and {@code Cache-Control: public} with a short {@code max-age}.
 */
@RestController
class PublicFeedController {

    private final PublicFeeds feeds;
    private final CacheControl cacheControl;

    PublicFeedController(PublicFeeds feeds, @Value("${vivreal.feeds.max-age:300s}") Duration maxAge) {
        this.feeds = feeds;
        this.cacheControl = CacheControl.maxAge(maxAge).cachePublic();
    }

    @GetMapping("/feeds/{file}")
    ResponseEntity<?> feed(
            @PathVariable String file,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        int dot = file.lastIndexOf('.');
        Optional<FeedFormat> format = dot < 0 ? Optional.empty() : FeedFormat.ofExtension(file.substring(dot + 1));
        Optional<RenderedFeed> feed = format.flatMap(f -> feeds.feed(file.substring(0, dot), f));
        if (feed.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of("not_found", "feed not found"));
        }
        RenderedFeed rendered = feed.get();
        if (PublicFeeds.matches(ifNoneMatch, rendered.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(rendered.etag())
                    .cacheControl(cacheControl)
                    .build();
        }
        return ResponseEntity.ok()
                .eTag(rendered.etag())
                .cacheControl(cacheControl)
                .contentType(MediaType.parseMediaType(rendered.contentType()))
                .body(rendered.body());
    }
}
