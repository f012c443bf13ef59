package io.vivreal.clientapi.content;

import io.vivreal.clientapi.authorizer.TenantContext;
import io.vivreal.clientapi.web.ClientApiResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /tenant/collectionObjects}: published items of one content type, for the verified tenant. */
@RestController
class CollectionObjectsController {

    private final CollectionObjectReader reader;

    CollectionObjectsController(CollectionObjectReader reader) {
        this.reader = reader;
    }

    @GetMapping("/tenant/collectionObjects")
    ResponseEntity<byte[]> collectionObjects(
            TenantContext tenant,
            HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        CollectionObjectQuery query = CollectionObjectQuery.parse(request.getParameterMap());
        CollectionObjectReader.Page page = reader.read(tenant.scope(), query, true);
        return ClientApiResponses.content(page, ifNoneMatch);
    }
}
