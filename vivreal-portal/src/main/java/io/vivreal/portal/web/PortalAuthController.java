package io.vivreal.portal.web;

import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Tier;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.web.ApiError;
import io.vivreal.core.web.ClientAddress;
import io.vivreal.identity.login.LoginService;
import io.vivreal.identity.session.Sessions;
import io.vivreal.identity.session.SignIns;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.identity.token.IdTokenIssuer;
import io.vivreal.identity.token.RevokedTokens;
import io.vivreal.identity.user.User;
import io.vivreal.portal.auth.PortalCookies;
import io.vivreal.portal.auth.PortalSessions;
import io.vivreal.portal.auth.PortalSessions.Context;
import io.vivreal.portal.auth.PortalSessions.Login;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal's own JSON routes: sign-in, sign-up, sign-out, switching the active group, and who is
 * signed in. Every state-changing route checks the signed double-submit CSRF token first; sign-in
 * and sign-up answer asynchronously while the password is hashed on the bounded pool.
 */
@RestController
@RequestMapping("/app/api")
class PortalAuthController {

    private static final Duration SESSION = IdTokenIssuer.LIFETIME;

    private final LoginService logins;
    private final SignIns signIns;
    private final Sessions signInSessions;
    private final RevokedTokens revoked;
    private final PortalSessions sessions;
    private final GroupService groups;
    private final PortalPreferences preferences;
    private final ClientAddress clientAddress;
    private final VivrealProperties properties;
    private final StepUp stepUp;

    PortalAuthController(
            LoginService logins,
            SignIns signIns,
            Sessions signInSessions,
            RevokedTokens revoked,
            PortalSessions sessions,
            GroupService groups,
            PortalPreferences preferences,
            ClientAddress clientAddress,
            VivrealProperties properties,
            StepUp stepUp) {
        this.logins = logins;
        this.signIns = signIns;
        this.signInSessions = signInSessions;
        this.revoked = revoked;
        this.sessions = sessions;
        this.groups = groups;
        this.preferences = preferences;
        this.clientAddress = clientAddress;
        this.properties = properties;
        this.stepUp = stepUp;
    }

    record Credentials(String email, String password, String name, String code) {}

    record SwitchRequest(String groupID) {}

    @PostMapping("/login")
    CompletableFuture<ResponseEntity<Object>> login(@RequestBody Credentials body, HttpServletRequest request) {
        if (!sessions.csrfValid(request, sessions.login(request))) {
            return CompletableFuture.completedFuture(csrfRefused());
        }
        return logins.login(body.email(), body.password(), body.code(), clientAddress.of(request))
                .thenApply(user -> signedIn(user, request, HttpStatus.OK));
    }

    @PostMapping("/signup")
    CompletableFuture<ResponseEntity<Object>> signup(@RequestBody Credentials body, HttpServletRequest request) {
        if (!sessions.csrfValid(request, sessions.login(request))) {
            return CompletableFuture.completedFuture(csrfRefused());
        }
        return logins.signup(body.email(), body.password(), body.name(), clientAddress.of(request))
                .thenApply(user -> signedIn(user, request, HttpStatus.CREATED));
    }

    @PostMapping("/logout")
    ResponseEntity<Object> logout(HttpServletRequest request) {
        Optional<Login> login = sessions.login(request);
        if (!sessions.csrfValid(request, login)) {
            return csrfRefused();
        }
        login.ifPresent(l -> {
            revoked.revoke(l.jwt().getId(), l.jwt().getExpiresAt());
            signInSessions.end(l.userId(), l.jwt().getClaimAsString("sid"));
        });
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, PortalCookies.clear(request, PortalCookies.TOKEN))
                .header(HttpHeaders.SET_COOKIE, PortalCookies.clear(request, PortalCookies.CONTEXT))
                .header(
                        HttpHeaders.SET_COOKIE,
                        PortalCookies.set(request, PortalCookies.CSRF, sessions.newCsrf(Optional.empty()), SESSION))
                .body(Map.of("signedOut", true));
    }

    record ReauthRequest(String password, String code) {}

    /**
     * Step-up from the portal's dialog: confirms the signed-in person's password (the same limits
     * and hashing pool as sign-in) and records it against the session's token, so the action the
     * page was refused with {@code reauth_required} can be retried for the next five minutes.
     */
    @PostMapping("/reauth")
    CompletableFuture<ResponseEntity<Object>> reauth(
            @RequestBody(required = false) ReauthRequest body, HttpServletRequest request) {
        Optional<Login> login = sessions.login(request);
        if (login.isEmpty()) {
            return CompletableFuture.completedFuture(unauthenticated());
        }
        if (!sessions.csrfValid(request, login)) {
            return CompletableFuture.completedFuture(csrfRefused());
        }
        boolean withCode = body != null && body.code() != null && !body.code().isEmpty();
        if (!withCode
                && (body == null || body.password() == null || body.password().isEmpty())) {
            return CompletableFuture.failedFuture(
                    DomainException.invalid("password", "password (or code, the second factor) is required"));
        }
        CompletableFuture<?> confirmed = withCode
                ? logins.reauthenticateWithCode(login.get().userId(), body.code(), clientAddress.of(request))
                : logins.reauthenticate(login.get().userId(), body.password(), clientAddress.of(request));
        return confirmed.thenApply(user -> {
            stepUp.recordReauthentication(login.get().jwt());
            return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(Map.of("reauthenticated", true));
        });
    }

    @PostMapping("/switch-profile")
    ResponseEntity<Object> switchProfile(@RequestBody SwitchRequest body, HttpServletRequest request) {
        Optional<Login> login = sessions.login(request);
        if (login.isEmpty()) {
            return unauthenticated();
        }
        if (!sessions.csrfValid(request, login)) {
            return csrfRefused();
        }
        if (body.groupID() == null || !body.groupID().matches("[0-9a-f]{24}")) {
            throw DomainException.notFound("group");
        }
        Membership membership = groups.requireMember(body.groupID(), login.get().userId());
        var member = membership.group().member(login.get().userId()).orElseThrow();
        preferences.rememberGroup(login.get().userId(), membership.group().id());
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.SET_COOKIE,
                        PortalCookies.set(
                                request,
                                PortalCookies.CONTEXT,
                                sessions.signContext(login.get(), membership.group(), member),
                                untilExpiry(login.get().jwt())))
                .header(
                        HttpHeaders.SET_COOKIE,
                        PortalCookies.set(
                                request,
                                PortalCookies.CSRF,
                                sessions.newCsrf(login),
                                untilExpiry(login.get().jwt())))
                .body(Map.of("active", active(membership)));
    }

    /** Who is signed in, the active group (when its context is valid) and every group of theirs. */
    @GetMapping("/me")
    ResponseEntity<Object> me(HttpServletRequest request) {
        Optional<Login> login = sessions.login(request);
        if (login.isEmpty()) {
            return unauthenticated();
        }
        Jwt jwt = login.get().jwt();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("userId", jwt.getSubject());
        user.put("email", jwt.getClaimAsString("email"));
        user.put("name", jwt.getClaimAsString("name"));
        List<Map<String, Object>> memberships = new ArrayList<>();
        for (Membership membership : groups.listFor(jwt.getSubject())) {
            memberships.add(summary(membership));
        }
        Optional<Context> context = sessions.context(request, login.get());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put(
                "active",
                context.map(c -> active(new Membership(c.group(), c.member().role())))
                        .orElse(null));
        body.put("groups", memberships);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (context.isPresent() && context.get().stale()) {
            answer.header(
                    HttpHeaders.SET_COOKIE,
                    PortalCookies.set(
                            request,
                            PortalCookies.CONTEXT,
                            sessions.signContext(
                                    login.get(),
                                    context.get().group(),
                                    context.get().member()),
                            untilExpiry(jwt)));
        }
        return answer.body(body);
    }

    /** The tiers and their quotas, for the public pricing page. */
    @GetMapping("/tiers")
    List<Map<String, Object>> tiers() {
        return Arrays.stream(Tier.values())
                .map(tier -> {
                    TierLimits limits = TierLimits.of(tier);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("tier", tier.wireName());
                    row.put("contentItems", limits.contentItems());
                    row.put("contentTypes", limits.contentTypes());
                    row.put("seats", limits.seats());
                    row.put("versionsKept", limits.versionsKept());
                    row.put("mediaMaxBytes", limits.mediaMaxBytes());
                    row.put("mediaTotalBytes", limits.mediaTotalBytes());
                    row.put("submissionsPerDay", limits.submissionsPerDay());
                    row.put("sites", limits.sites());
                    row.put("newsletterRecipientsPerMonth", limits.newsletterRecipientsPerMonth());
                    row.put("connectedAccounts", limits.connectedAccounts());
                    row.put("postsPerMonth", limits.postsPerMonth());
                    row.put("selfService", properties.selfServiceTiers().contains(tier.wireName()));
                    return row;
                })
                .toList();
    }

    private ResponseEntity<Object> signedIn(User user, HttpServletRequest request, HttpStatus status) {
        String raw = signIns.tokenFor(user, request);
        Login login = sessions.login(raw).orElseThrow();
        List<Membership> memberships = groups.listFor(user.id());
        Optional<String> last = preferences.lastGroup(user.id());
        Optional<Membership> active = memberships.stream()
                .filter(m -> last.isPresent() && m.group().id().equals(last.get()))
                .findFirst()
                .or(() -> memberships.size() == 1 ? Optional.of(memberships.get(0)) : Optional.empty());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.SET_COOKIE, PortalCookies.set(request, PortalCookies.TOKEN, raw, SESSION))
                .header(
                        HttpHeaders.SET_COOKIE,
                        PortalCookies.set(request, PortalCookies.CSRF, sessions.newCsrf(Optional.of(login)), SESSION));
        if (active.isPresent()) {
            var member = active.get().group().member(user.id()).orElseThrow();
            answer.header(
                    HttpHeaders.SET_COOKIE,
                    PortalCookies.set(
                            request,
                            PortalCookies.CONTEXT,
                            sessions.signContext(login, active.get().group(), member),
                            SESSION));
        } else {
            answer.header(HttpHeaders.SET_COOKIE, PortalCookies.clear(request, PortalCookies.CONTEXT));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", user.id());
        body.put("email", user.email());
        body.put("activeGroup", active.map(PortalAuthController::active).orElse(null));
        return answer.body(body);
    }

    private static Map<String, Object> summary(Membership membership) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("groupID", membership.group().id());
        row.put("groupName", membership.group().name());
        row.put("tier", membership.group().tier().wireName());
        row.put("role", membership.role().wireName());
        return row;
    }

    private static Map<String, Object> active(Membership membership) {
        Map<String, Object> row = summary(membership);
        row.put("dbKey", membership.group().dbKey());
        row.put("bucketName", membership.group().bucketName());
        return row;
    }

    /** Cookies live as long as the login token they belong to. */
    static Duration untilExpiry(Jwt jwt) {
        Duration left = Duration.between(Instant.now(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    static ResponseEntity<Object> csrfRefused() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ApiError.of("csrf", "the request lacks a valid CSRF token; reload the page and try again"));
    }

    static ResponseEntity<Object> unauthenticated() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ApiError.of("unauthenticated", "sign in first"));
    }
}
