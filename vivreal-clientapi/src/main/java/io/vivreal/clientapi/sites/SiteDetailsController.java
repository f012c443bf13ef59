package io.vivreal.clientapi.sites;

import io.vivreal.authorizer.Tenant;
import io.vivreal.clientapi.web.ClientApiResponses;
import io.vivreal.clientapi.web.Envelope;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.content.media.MediaSigner;
import io.vivreal.content.sites.Site;
import io.vivreal.content.sites.SiteService;
import io.vivreal.core.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /tenant/siteDetails?siteId=<id>}: one site of the verified tenant. The tenant comes
 * only from the authorizer's context; a site id of another group is not found, exactly like an
 * unknown one, and nothing of it is read.
 */
@RestController
class SiteDetailsController {

    private final SiteService sites;
    private final MediaSigner signer;

    SiteDetailsController(SiteService sites, MediaSigner signer) {
        this.sites = sites;
        this.signer = signer;
    }

    @GetMapping("/tenant/siteDetails")
    ResponseEntity<?> siteDetails(
            Tenant tenant,
            HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        String siteId = siteId(request);
        Optional<Site> site = sites.find(TenantScope.of(tenant), siteId);
        if (site.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .cacheControl(CacheControl.noStore())
                    .body(Envelope.failure("NotFound"));
        }
        return ClientApiResponses.content(
                SiteDetailsView.of(site.get(), tenant.groupID(), tenant.bucketName(), signer),
                ifNoneMatch,
                acceptEncoding);
    }

    private static String siteId(HttpServletRequest request) {
        return ItemQuery.requiredId(request.getParameterMap(), "siteId").toHexString();
    }
}
