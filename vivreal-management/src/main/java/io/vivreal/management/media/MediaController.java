package io.vivreal.management.media;

import io.vivreal.content.media.MediaService;
import io.vivreal.content.media.MediaUrls;
import io.vivreal.content.media.UnsupportedMediaException;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.core.web.ApiError;
import io.vivreal.management.media.MediaViews.MediaView;
import io.vivreal.management.media.MediaViews.UploadedMedia;
import io.vivreal.management.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * {@code /api/groups/{groupID}/media}: upload (owner, admin, editor), list (any member), delete
 * (owner, admin, editor).
 *
 * <p>Multipart bodies are parsed lazily (see {@code spring.servlet.multipart.resolve-lazily}), and
 * the upload reads its file only after the caller's role is checked, so a non-member cannot make
 * the server spool an upload to disk.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/media")
class MediaController {

    static final String FILE_FIELD = "file";
    private static final int MAX_PAGE = 200;

    private final GroupService groups;
    private final MediaService media;
    private final MediaUrls urls;

    MediaController(GroupService groups, MediaService media, MediaUrls urls) {
        this.groups = groups;
        this.media = media;
        this.urls = urls;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UploadedMedia upload(Caller caller, @PathVariable String groupID, HttpServletRequest request) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.EDITOR);
        MultipartFile file = singleFile(request);
        return UploadedMedia.of(media.upload(
                membership.group(),
                caller.userId(),
                file.getOriginalFilename(),
                file.getContentType(),
                file.getSize(),
                file));
    }

    @GetMapping
    List<MediaView> list(
            Caller caller,
            @PathVariable String groupID,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int skip) {
        Membership membership = groups.requireMember(groupID, caller.userId());
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.invalid("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        if (skip < 0 || skip > 100_000) {
            throw DomainException.invalid("skip", "skip must be between 0 and 100000");
        }
        return media.list(membership.group(), limit, skip).stream()
                .map(file -> MediaView.of(file, urls.signedUrl(file.bucketName(), file.key())))
                .toList();
    }

    @DeleteMapping("/{key}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String groupID, @PathVariable String key) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.EDITOR);
        media.delete(membership.group(), caller.userId(), key);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(UnsupportedMediaException.class)
    ResponseEntity<ApiError> unsupported(UnsupportedMediaException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new ApiError(e.code(), e.getMessage(), e.field()));
    }

    /** The one file in the field {@code file}; parsing the body happens here, on first access. */
    private static MultipartFile singleFile(HttpServletRequest request) {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            throw DomainException.invalid(FILE_FIELD, "send the file as multipart/form-data in the field 'file'");
        }
        List<MultipartFile> files = multipart.getFiles(FILE_FIELD);
        if (files.size() != 1) {
            throw DomainException.invalid(FILE_FIELD, "send exactly one file in the field 'file'");
        }
        return files.get(0);
    }
}
