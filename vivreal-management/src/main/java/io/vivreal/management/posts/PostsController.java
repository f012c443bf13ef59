package io.vivreal.management.posts;

import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.distribution.posts.PostService;
import io.vivreal.management.security.Caller;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/posts}: owners, admins and editors compose, schedule, edit, cancel
 * and confirm posts; viewers are refused (403). The group comes from the caller's checked
 * membership only; another group's post, item or channel is not found.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/posts")
class PostsController {

    private final GroupService groups;
    private final PostService posts;

    PostsController(GroupService groups, PostService posts) {
        this.groups = groups;
        this.posts = posts;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(
            Caller caller, @PathVariable String groupID, @RequestBody(required = false) Map<String, Object> body) {
        Membership membership = editor(caller, groupID);
        return posts.create(membership.group(), caller.userId(), body);
    }

    /** Exactly what each channel would receive, counted: nothing is stored or sent. */
    @PostMapping("/preview")
    Map<String, Object> preview(
            Caller caller, @PathVariable String groupID, @RequestBody(required = false) Map<String, Object> body) {
        return posts.preview(editor(caller, groupID).group(), body);
    }

    @GetMapping
    Map<String, Object> list(
            Caller caller,
            @PathVariable String groupID,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return posts.list(editor(caller, groupID).group(), status, from, to);
    }

    /** The channels a post can go to: id, name and platform (editors may not read channel settings). */
    @GetMapping("/channels")
    Map<String, Object> channels(Caller caller, @PathVariable String groupID) {
        return posts.channels(editor(caller, groupID).group());
    }

    @GetMapping("/{postId}")
    Map<String, Object> get(Caller caller, @PathVariable String groupID, @PathVariable String postId) {
        return posts.get(editor(caller, groupID).group(), postId);
    }

    @PutMapping("/{postId}")
    Map<String, Object> update(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String postId,
            @RequestBody(required = false) Map<String, Object> body) {
        Membership membership = editor(caller, groupID);
        return posts.update(membership.group(), caller.userId(), postId, body);
    }

    @DeleteMapping("/{postId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String groupID, @PathVariable String postId) {
        Membership membership = editor(caller, groupID);
        posts.delete(membership.group(), caller.userId(), postId);
        return ResponseEntity.noContent().build();
    }

    /** A person's answer for a channel whose outcome is unknown: {@code {channelId, status, permalink?}}. */
    @PostMapping("/{postId}/confirm")
    Map<String, Object> confirm(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String postId,
            @RequestBody(required = false) Map<String, Object> body) {
        Membership membership = editor(caller, groupID);
        return posts.confirm(membership.group(), caller.userId(), postId, body);
    }

    private Membership editor(Caller caller, String groupID) {
        return groups.requireRole(groupID, caller.userId(), Role.EDITOR);
    }
}
