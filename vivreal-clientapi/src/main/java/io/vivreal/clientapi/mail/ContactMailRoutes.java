package io.vivreal.clientapi.mail;

import io.vivreal.authorizer.Tenant;
import io.vivreal.clientapi.web.Envelope;
import io.vivreal.core.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /tenant/sendContactEmail}: a site's contact form, answered {@code data: null}. */
@RestController
class ContactMailRoutes {

    private final ContactMails contactMails;
    private final ClientAddress clientAddress;

    ContactMailRoutes(ContactMails contactMails, ClientAddress clientAddress) {
        this.contactMails = contactMails;
        this.clientAddress = clientAddress;
    }

    @PostMapping("/tenant/sendContactEmail")
    ResponseEntity<Envelope> send(
            Tenant tenant, HttpServletRequest request, @RequestBody(required = false) Map<String, Object> body) {
        if (!contactMails.send(tenant, clientAddress.of(request), body)) {
            // the one mail thread is behind: a visitor may try again shortly
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "30")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(Envelope.failure("ServiceUnavailable"));
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(Envelope.ok(null));
    }
}
