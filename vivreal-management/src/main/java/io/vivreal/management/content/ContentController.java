package io.vivreal.management.content;

import io.vivreal.content.BsonJson;
import io.vivreal.content.JsonPage;
import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.items.ItemService;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeService;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Role;
import io.vivreal.management.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * Content types and items of a group. Reads need membership; type writes need admin, item writes
 * editor. The group comes from {@link GroupService#requireRole}, which answers 404 for groups that
 * are not the caller's, before anything else happens.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/content-types")
class ContentController {

    private final GroupService groups;
    private final ContentTypeService types;
    private final ItemService items;
    private final ItemRepository itemRepository;
    private final ItemFinder finder;
    private final Clock clock;
    private final int pageMaxBytes;

    ContentController(
            GroupService groups,
            ContentTypeService types,
            ItemService items,
            ItemRepository itemRepository,
            ItemFinder finder,
            Clock clock,
            @Value("${vivreal.page-max-bytes:" + JsonPage.DEFAULT_MAX_BYTES + "}") int pageMaxBytes) {
        this.groups = groups;
        this.types = types;
        this.items = items;
        this.itemRepository = itemRepository;
        this.finder = finder;
        this.clock = clock;
        this.pageMaxBytes = pageMaxBytes;
    }

    private Group group(Caller caller, String groupID, Role role) {
        return groups.requireRole(groupID, caller.userId(), role).group();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createType(Caller caller, @PathVariable String groupID, @RequestBody Map<String, Object> body) {
        return types.create(group(caller, groupID, Role.ADMIN), caller.userId(), body)
                .toWire();
    }

    @GetMapping
    List<Map<String, Object>> listTypes(Caller caller, @PathVariable String groupID) {
        return types.list(group(caller, groupID, Role.VIEWER)).stream()
                .map(ContentType::toWire)
                .toList();
    }

    @GetMapping("/{typeId}")
    Map<String, Object> getType(Caller caller, @PathVariable String groupID, @PathVariable String typeId) {
        return types.get(group(caller, groupID, Role.VIEWER), typeId).toWire();
    }

    @PutMapping("/{typeId}")
    Map<String, Object> updateType(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String typeId,
            @RequestParam(defaultValue = "false") boolean force,
            @RequestBody Map<String, Object> body) {
        return types.update(group(caller, groupID, Role.ADMIN), caller.userId(), typeId, body, force)
                .toWire();
    }

    @DeleteMapping("/{typeId}")
    ResponseEntity<Void> deleteType(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String typeId,
            @RequestParam(defaultValue = "false") boolean force) {
        types.delete(group(caller, groupID, Role.ADMIN), caller.userId(), typeId, force);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{typeId}/items")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createItem(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String typeId,
            @RequestBody Map<String, Object> body) {
        Group group = group(caller, groupID, Role.EDITOR);
        return wire(items.create(group, caller.userId(), typeId, body), items.type(group, typeId));
    }

    /**
     * Items of a type, with the Client API's query grammar plus {@code status}; written under the
     * same page budget as the Client API (a page of large items is cut short and says so).
     */
    @GetMapping("/{typeId}/items")
    ResponseEntity<byte[]> listItems(
            Caller caller, @PathVariable String groupID, @PathVariable String typeId, HttpServletRequest request) {
        Group group = group(caller, groupID, Role.VIEWER);
        ContentType type = items.type(group, typeId);
        Map<String, String[]> parameters = request.getParameterMap();
        ItemQuery query = ItemQuery.parse(parameters);
        JsonPage page = new JsonPage(pageMaxBytes);
        long total = finder.find(
                itemRepository.items(group.scope()),
                new Document("collectionId", type.id()),
                type.fields().stream().filter(f -> f.type().isText()).toList(),
                query,
                ItemFinder.visibility(ItemQuery.optional(parameters, "status")),
                item -> page.add(wire(ItemRepository.toItem(item), type)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page.toJson(total));
    }

    @GetMapping("/{typeId}/items/{itemId}")
    Map<String, Object> getItem(
            Caller caller, @PathVariable String groupID, @PathVariable String typeId, @PathVariable String itemId) {
        Group group = group(caller, groupID, Role.VIEWER);
        return wire(items.get(group, typeId, itemId), items.type(group, typeId));
    }

    @PutMapping("/{typeId}/items/{itemId}")
    Map<String, Object> updateItem(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String typeId,
            @PathVariable String itemId,
            @RequestBody Map<String, Object> body) {
        Group group = group(caller, groupID, Role.EDITOR);
        return wire(items.update(group, caller.userId(), typeId, itemId, body), items.type(group, typeId));
    }

    @DeleteMapping("/{typeId}/items/{itemId}")
    ResponseEntity<Void> deleteItem(
            Caller caller, @PathVariable String groupID, @PathVariable String typeId, @PathVariable String itemId) {
        items.delete(group(caller, groupID, Role.EDITOR), caller.userId(), typeId, itemId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{typeId}/items/{itemId}/versions")
    List<Map<String, Object>> versions(
            Caller caller, @PathVariable String groupID, @PathVariable String typeId, @PathVariable String itemId) {
        return items.versions(group(caller, groupID, Role.VIEWER), typeId, itemId).stream()
                .map(ContentController::version)
                .toList();
    }

    @PostMapping("/{typeId}/items/{itemId}/revert")
    Map<String, Object> revert(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String typeId,
            @PathVariable String itemId,
            @RequestBody Map<String, Object> body) {
        Group group = group(caller, groupID, Role.EDITOR);
        return wire(
                items.revert(group, caller.userId(), typeId, itemId, body.get("version")), items.type(group, typeId));
    }

    private Map<String, Object> wire(ContentItem item, ContentType type) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("_id", item.id());
        wire.put("groupID", item.groupID());
        wire.put("collectionId", item.collectionId());
        wire.put("collectionObj", Map.of("name", type.name(), "refID", type.id()));
        wire.put("objectValue", BsonJson.value(item.objectValue()));
        wire.put("publishDate", BsonJson.date(item.publishDate()));
        wire.put("archived", item.archived());
        wire.put("status", item.status(clock.instant()));
        wire.put("version", item.version());
        wire.put("createdAt", BsonJson.date(item.createdAt()));
        wire.put("updatedAt", BsonJson.date(item.updatedAt()));
        wire.put("createdBy", item.createdBy());
        wire.put("updatedBy", item.updatedBy());
        return wire;
    }

    private static Map<String, Object> version(Document version) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("version", version.get("version"));
        wire.put("action", version.getString("action"));
        wire.put("actor", version.getString("actor"));
        wire.put("at", BsonJson.date(version.getDate("at")));
        wire.put("publishDate", BsonJson.date(version.getDate("publishDate")));
        wire.put("archived", Boolean.TRUE.equals(version.getBoolean("archived")));
        wire.put("objectValue", BsonJson.value(version.get("objectValue", new Document())));
        return wire;
    }
}
