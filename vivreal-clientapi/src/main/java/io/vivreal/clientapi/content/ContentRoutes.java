package io.vivreal.clientapi.content;

import io.vivreal.authorizer.Tenant;
import io.vivreal.clientapi.web.ClientApiResponses;
import io.vivreal.clientapi.web.Envelope;
import io.vivreal.clientapi.web.ReadModel;
import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemFinder.Visibility;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.core.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.types.ObjectId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Client API's content routes. The tenant is the {@link Tenant} the authorizer
 * verified; query parameters only choose within it. Published listings are served from the
 * {@link ReadModel}; {@code preview} shows drafts, so it is never cached or shared.
 */
@RestController
class ContentRoutes {

    private final ContentReader reader;
    private final CachedReads reads;
    private final ReadModel readModel;
    private final Submissions submissions;
    private final ClientAddress clientAddress;

    ContentRoutes(
            ContentReader reader,
            CachedReads reads,
            ReadModel readModel,
            Submissions submissions,
            ClientAddress clientAddress) {
        this.reader = reader;
        this.reads = reads;
        this.readModel = readModel;
        this.submissions = submissions;
        this.clientAddress = clientAddress;
    }

    @GetMapping("/tenant/collectionObjects")
    ResponseEntity<byte[]> collectionObjects(
            Tenant tenant,
            HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return cached(
                tenant,
                request,
                reads.collectionObjects(tenant, request.getParameterMap()),
                ifNoneMatch,
                acceptEncoding);
    }

    @GetMapping("/tenant/preview")
    ResponseEntity<byte[]> preview(
            Tenant tenant,
            HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        Map<String, String[]> parameters = request.getParameterMap();
        ObjectId collectionId = ItemQuery.requiredId(parameters, "collectionId");
        ItemQuery query = ItemQuery.parse(parameters);
        return ClientApiResponses.respond(
                ClientApiResponses.renderData(reader.collectionObjects(tenant, collectionId, query, Visibility.ALL)),
                ifNoneMatch,
                acceptEncoding,
                ClientApiResponses.PRIVATE_CACHE);
    }

    @GetMapping("/tenant/integrationObjects")
    ResponseEntity<byte[]> integrationObjects(
            Tenant tenant,
            HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return cached(
                tenant,
                request,
                reads.integrationObjects(tenant, request.getParameterMap()),
                ifNoneMatch,
                acceptEncoding);
    }

    private ResponseEntity<byte[]> cached(
            Tenant tenant,
            HttpServletRequest request,
            CachedReads.Read read,
            String ifNoneMatch,
            String acceptEncoding) {
        ClientApiResponses.Rendered rendered =
                readModel.get(tenant.groupID(), read.route(), request.getParameterMap(), read.render());
        return ClientApiResponses.respond(rendered, ifNoneMatch, acceptEncoding, ClientApiResponses.PUBLIC_CACHE);
    }

    @PostMapping("/tenant/definedCollectionObject")
    ResponseEntity<Envelope> submit(
            Tenant tenant, HttpServletRequest request, @RequestBody(required = false) Map<String, Object> body) {
        ContentItem item = submissions.submit(tenant, clientAddress.of(request), body);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("_id", item.id());
        data.put("status", "received");
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(Envelope.ok(data));
    }
}
