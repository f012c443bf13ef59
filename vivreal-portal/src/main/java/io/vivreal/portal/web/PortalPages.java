package io.vivreal.portal.web;

import io.vivreal.core.group.GroupSecurity;
import io.vivreal.identity.twofactor.SecondFactor;
import io.vivreal.portal.auth.PortalCookies;
import io.vivreal.portal.auth.PortalSessions;
import io.vivreal.portal.auth.PortalSessions.Context;
import io.vivreal.portal.auth.PortalSessions.Login;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The portal's pages: static HTML (loaded once from the classpath) whose scripts call the portal's
 * JSON routes. Public pages: login, sign-up, pricing, forgot and reset password. Every other page needs a valid login token —
 * without one (or with an expired, tampered or signed-out one) the cookies are cleared and the
 * browser goes to {@code /app/login?next=<path>}; group pages also need a valid context, else the
 * group picker; a group that requires a second factor sends a member without one to the
 * two-factor page instead. Each page answer makes sure the page holds a CSRF token for its session.
 */
@Controller
class PortalPages {

    static final Set<String> PUBLIC = Set.of("login", "signup", "pricing", "forgot-password", "reset-password");
    static final Set<String> NEEDS_LOGIN_ONLY = Set.of("groups", "two-factor", "sessions");
    static final Set<String> NEEDS_CONTEXT = Set.of(
            "dashboard",
            "settings",
            "team",
            "types",
            "content",
            "media",
            "sites",
            "channels",
            "posts",
            "audit",
            "subscribers");

    static final Duration ANONYMOUS_CSRF_LIFETIME = Duration.ofHours(12);

    private final PortalSessions sessions;
    private final TwoFactorRequirement twoFactor;
    private final Map<String, byte[]> pages = new HashMap<>();

    PortalPages(PortalSessions sessions, GroupSecurity groupSecurity, SecondFactor secondFactor) {
        this.sessions = sessions;
        this.twoFactor = new TwoFactorRequirement(groupSecurity, secondFactor);
        for (Set<String> kind : List.of(PUBLIC, NEEDS_LOGIN_ONLY, NEEDS_CONTEXT)) {
            for (String page : kind) {
                pages.put(page, load(page));
            }
        }
    }

    private static byte[] load(String page) {
        ClassPathResource resource = new ClassPathResource("portal/pages/" + page + ".html");
        if (!resource.exists()) {
            throw new IllegalStateException("the portal page " + page + ".html is missing from the build");
        }
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping({"/app", "/app/"})
    ResponseEntity<byte[]> home() {
        return redirect("/app/dashboard").build();
    }

    @GetMapping("/app/{page}")
    ResponseEntity<byte[]> page(@PathVariable String page, HttpServletRequest request) {
        byte[] html = pages.get(page);
        if (html == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("Not found".getBytes(StandardCharsets.UTF_8));
        }
        Optional<Login> login = sessions.login(request);
        if (!PUBLIC.contains(page)) {
            if (login.isEmpty()) {
                String next = request.getRequestURI()
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                return redirect("/app/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                        .header(HttpHeaders.SET_COOKIE, PortalCookies.clear(request, PortalCookies.TOKEN))
                        .header(HttpHeaders.SET_COOKIE, PortalCookies.clear(request, PortalCookies.CONTEXT))
                        .build();
            }
            if (NEEDS_CONTEXT.contains(page)) {
                Optional<Context> context = sessions.context(request, login.get());
                if (context.isEmpty()) {
                    return redirect("/app/groups").build();
                }
                if (twoFactor.unmet(context.get().group().id(), login.get().userId())) {
                    return redirect("/app/two-factor?required=1").build();
                }
            }
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!sessions.csrfCookieCurrent(request, login)) {
            Duration lifetime = login.map(l ->
                            Duration.between(java.time.Instant.now(), l.jwt().getExpiresAt()))
                    .orElse(Duration.ofHours(12));
            answer.header(
                    HttpHeaders.SET_COOKIE,
                    PortalCookies.set(request, PortalCookies.CSRF, sessions.newCsrf(login), lifetime));
        }
        return answer.body(html);
    }

    private static ResponseEntity.BodyBuilder redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
