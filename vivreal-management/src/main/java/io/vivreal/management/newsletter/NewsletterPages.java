package io.vivreal.management.newsletter;

import io.vivreal.content.subscribers.SubscriberTokens;
import io.vivreal.content.subscribers.Subscriptions;
import io.vivreal.core.mail.HtmlText;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages a subscriber's links open, public and without cookies. A GET never changes anything
 * (mail scanners open links): it checks the token and shows a button; the button's POST acts.
 * {@code POST /newsletter/unsubscribe} is also RFC 8058's one-click target: the mail program
 * POSTs {@code List-Unsubscribe=One-Click} to the URL of the {@code List-Unsubscribe} header, no
 * login, no confirmation. A token that is malformed, forged, of another purpose or expired is a
 * 400 page and nothing changes.
 */
@RestController
class NewsletterPages {

    static final String ONE_CLICK = "One-Click";

    private final Subscriptions subscriptions;

    NewsletterPages(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/newsletter/confirm")
    ResponseEntity<byte[]> confirmPage(@RequestParam(required = false) String token) {
        Subscriptions.Resolved resolved = subscriptions.resolve(token, SubscriberTokens.Purpose.CONFIRM);
        if (!resolved.valid()) {
            return refused(resolved.outcome());
        }
        return page(
                200,
                "Confirm your subscription",
                "<p>Press the button to start receiving this newsletter.</p>"
                        + form("/newsletter/confirm", token, null, "Confirm my subscription"));
    }

    @PostMapping("/newsletter/confirm")
    ResponseEntity<byte[]> confirm(@RequestParam(required = false) String token) {
        SubscriberTokens.Outcome outcome = subscriptions.confirm(token);
        if (outcome != SubscriberTokens.Outcome.VALID) {
            return refused(outcome);
        }
        return page(200, "Subscription confirmed", "<p>Thank you: you will receive the next issues.</p>");
    }

    @GetMapping("/newsletter/unsubscribe")
    ResponseEntity<byte[]> unsubscribePage(@RequestParam(required = false) String token) {
        Subscriptions.Resolved resolved = subscriptions.resolve(token, SubscriberTokens.Purpose.UNSUBSCRIBE);
        if (!resolved.valid()) {
            return refused(resolved.outcome());
        }
        return page(
                200,
                "Unsubscribe",
                "<p>Press the button to stop receiving this newsletter.</p>"
                        + form("/newsletter/unsubscribe", token, ONE_CLICK, "Unsubscribe"));
    }

    /** RFC 8058: the body is {@code List-Unsubscribe=One-Click} (form-encoded); the page's button sends the same. */
    @PostMapping("/newsletter/unsubscribe")
    ResponseEntity<byte[]> unsubscribe(HttpServletRequest request, @RequestParam(required = false) String token) {
        if (!ONE_CLICK.equals(request.getParameter("List-Unsubscribe"))) {
            return page(400, "Not unsubscribed", "<p>This request is not an unsubscribe request.</p>");
        }
        SubscriberTokens.Outcome outcome = subscriptions.unsubscribe(token);
        if (outcome != SubscriberTokens.Outcome.VALID) {
            return refused(outcome);
        }
        return page(200, "Unsubscribed", "<p>You will not receive this newsletter any more.</p>");
    }

    private static String form(String action, String token, String oneClick, String button) {
        // the token goes in the query, as in the mail's link: RFC 8058 POSTs carry it there too
        return "<form method=\"post\" action=\"" + action + "?token=" + HtmlText.escape(token) + "\">"
                + (oneClick == null
                        ? ""
                        : "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"" + oneClick + "\">")
                + "<button type=\"submit\">" + HtmlText.escape(button) + "</button></form>";
    }

    private static ResponseEntity<byte[]> refused(SubscriberTokens.Outcome outcome) {
        return page(
                400,
                "This link does not work",
                outcome == SubscriberTokens.Outcome.EXPIRED
                        ? "<p>This link has expired. Sign up again on the site to get a new one.</p>"
                        : "<p>This link is not valid. Copy the whole link from the mail.</p>");
    }

    private static ResponseEntity<byte[]> page(int status, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + HtmlText.escape(title) + "</title></head><body><main><h1>" + HtmlText.escape(title) + "</h1>" + body
                + "</main></body></html>";
        return ResponseEntity.status(status)
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .body(html.getBytes(StandardCharsets.UTF_8));
    }
}
