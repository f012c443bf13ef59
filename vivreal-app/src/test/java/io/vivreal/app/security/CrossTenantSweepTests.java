package io.vivreal.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.PortalClient;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.app.support.ServerTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every Management API, portal-proxy and Client API route — taken from the application's own route
 * table, so a route added later is swept without anyone remembering to — called by group A with
 * group B's ids, key and objects: never a 2xx on B's things, never a 5xx, nothing of B in any
 * answer, and B's data unchanged afterwards.
 */
class CrossTenantSweepTests extends ServerTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** What one group has: its ids (by path variable name) and the strings only it may see. */
    private record Tenant(Fixtures.User owner, String apiKey, Map<String, String> ids, List<String> secrets) {
        String group() {
            return ids.get("groupID");
        }
    }

    @Test
    void everyRouteWithAnotherGroupsIdsAnswersNothingOfThatGroup() {
        try (RecordingServer receiver = new RecordingServer()) {
            Tenant a = tenant("alpha", receiver);
            Tenant b = tenant("bravo", receiver);
            PortalClient portal =
                    new PortalClient(http.baseUrl()).loggedIn(a.owner().email(), Fixtures.PASSWORD);
            assertThat(portal.switchTo(a.group()).status()).isEqualTo(200);

            List<String> swept = new ArrayList<>();
            Set<String> unknown = new TreeSet<>();
            for (Map.Entry<RequestMappingInfo, ?> entry :
                    mappings.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                    for (RequestMethod method : methods(info)) {
                        if (pattern.startsWith("/api/groups/{groupID}")) {
                            // B's group, B's objects
                            call(
                                    a,
                                    b,
                                    method,
                                    fill(pattern, b.ids(), unknown),
                                    a.owner().auth(),
                                    swept);
                            // A's own group, B's objects
                            Map<String, String> mixed = new LinkedHashMap<>(b.ids());
                            mixed.put("groupID", a.group());
                            if (!pattern.equals("/api/groups/{groupID}")
                                    && VARIABLE.matcher(pattern.substring(21)).find()) {
                                call(
                                        a,
                                        b,
                                        method,
                                        fill(pattern, mixed, unknown),
                                        a.owner().auth(),
                                        swept);
                                // the same through the portal, whose group is A's signed context
                                String rest =
                                        fill(pattern, mixed, unknown).substring(("/api/groups/" + a.group()).length());
                                proxy(portal, b, method, "/app/api/proxy" + (rest.isEmpty() ? "/group" : rest), swept);
                            }
                        } else if (pattern.startsWith("/auth/") && pattern.contains("{")) {
                            // the person's own routes (sessions): B's ids with A's token
                            call(
                                    a,
                                    b,
                                    method,
                                    fill(pattern, b.ids(), unknown),
                                    a.owner().auth(),
                                    swept);
                        } else if (pattern.startsWith("/tenant/")) {
                            tenantRoute(a, b, method, pattern, swept);
                        } else if (pattern.startsWith("/api/") && pattern.contains("{")) {
                            call(
                                    a,
                                    b,
                                    method,
                                    fill(pattern, b.ids(), unknown),
                                    a.owner().auth(),
                                    swept);
                        }
                    }
                }
            }

            assertThat(unknown)
                    .as("path variables this sweep has no foreign id for: give the tenant fixture one")
                    .isEmpty();
            assertThat(swept).hasSizeGreaterThan(40);
            assertUnchanged(b);
        }
    }

    private void call(
            Tenant caller, Tenant victim, RequestMethod method, String path, String[] auth, List<String> swept) {
        Http.Response response = http.send(method.name(), path, body(method), auth);
        String route = method + " " + path;
        swept.add(route);
        assertThat(response.status()).as(route + " → " + response.body()).isBetween(400, 499);
        assertNothingOf(victim, route, response.body());
    }

    private void proxy(PortalClient portal, Tenant victim, RequestMethod method, String path, List<String> swept) {
        PortalClient.Response response =
                method == RequestMethod.GET ? portal.get(path) : portal.send(method.name(), path, Map.of(), true);
        String route = "portal " + method + " " + path;
        swept.add(route);
        assertThat(response.status()).as(route + " → " + response.body()).isBetween(400, 499);
        assertNothingOf(victim, route, response.body());
    }

    private void tenantRoute(Tenant caller, Tenant victim, RequestMethod method, String pattern, List<String> swept) {
        String query = "?collectionId=" + victim.ids().get("typeId") + "&siteId="
                + victim.ids().get("siteId") + "&type=webhook&groupID=" + victim.group();
        Object body = Map.of(
                "collectionId", victim.ids().get("typeId"),
                "groupID", victim.group(),
                "objectValue", Map.of("title", "planted by " + caller.group()));
        Http.Response response = http.send(
                method.name(),
                pattern + query,
                method == RequestMethod.GET ? null : body,
                "Authorization",
                caller.apiKey());
        String route = "tenant " + method + " " + pattern;
        swept.add(route);
        assertThat(response.status()).as(route + " → " + response.body()).isLessThan(500);
        assertNothingOf(victim, route, response.body());
        if (response.status() == 200 && response.json().get("data").has("items")) {
            assertThat(response.json().get("data").get("items").size())
                    .as(route)
                    .isZero();
        }
    }

    private static void assertNothingOf(Tenant victim, String route, String body) {
        for (String secret : victim.secrets()) {
            assertThat(body).as(route + " must not show " + secret).doesNotContain(secret);
        }
    }

    private void assertUnchanged(Tenant b) {
        String[] auth = b.owner().auth();
        String base = "/api/groups/" + b.group();
        // B's session is still open: A could not end it by its id
        assertThat(http.get("/auth/sessions", auth).body()).contains(b.ids().get("sessionId"));
        assertThat(http.get(base + "/members", auth).json().size()).isEqualTo(1);
        // B's invitation is still pending: nobody accepted, declined or revoked it
        assertThat(http.get(base + "/invitations", auth).body())
                .contains(b.ids().get("invitationId"), "\"status\":\"pending\"");
        Http.Response item = http.get(
                base + "/content-types/" + b.ids().get("typeId") + "/items/"
                        + b.ids().get("itemId"),
                auth);
        assertThat(item.status()).isEqualTo(200);
        assertThat(item.json().get("version").asInt()).isEqualTo(1);
        assertThat(http.get(base + "/content-types/" + b.ids().get("typeId") + "/items", auth)
                        .json()
                        .get("totalCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(http.get(base + "/sites/" + b.ids().get("siteId"), auth).status())
                .isEqualTo(200);
        assertThat(http.get(base + "/channels/" + b.ids().get("channelId"), auth)
                        .status())
                .isEqualTo(200);
        assertThat(http.get(base + "/media", auth).json().size()).isEqualTo(1);
        Http.Response delivery = http.get(base + "/deliveries/" + b.ids().get("deliveryId"), auth);
        assertThat(delivery.json().get("attempts").size())
                .as("never resent by another group")
                .isEqualTo(1);
        assertThat(http.get(base + "/api-key", auth).json().get("apiKey").asString())
                .isEqualTo(b.apiKey());
        Http.Response post = http.get(base + "/posts/" + b.ids().get("postId"), auth);
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.json().get("integrationObjects").get(0).get("status").asString())
                .as("never edited, cancelled or confirmed by another group")
                .isEqualTo("scheduled");
        assertThat(http.get(base + "/contact-addresses", auth).body())
                .as("B's contact addresses were not replaced by another group")
                .contains("contact-" + b.secrets().get(0));
        assertThat(http.get(base + "/payments/stripe", auth)
                        .json()
                        .get("connected")
                        .asBoolean())
                .as("B's Stripe connection was not removed by another group")
                .isTrue();
        assertThat(http.get(base + "/subscribers", auth).body())
                .as("B's subscriber was not deleted by another group")
                .contains(b.ids().get("subscriberId"));
    }

    private Tenant tenant(String label, RecordingServer receiver) {
        Fixtures.User owner = fixtures.user();
        String marker = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = http.post("/api/groups", Map.of("name", "Group " + marker), owner.auth());
        assertThat(created.status()).isEqualTo(201);
        String group = created.json().get("groupID").asString();
        String key = fixtures.apiKey(owner, group);
        String bucket = http.get("/api/groups/" + group, owner.auth())
                .json()
                .get("bucketName")
                .asString();
        String secret = "whsec_"
                + java.util.Base64.getEncoder().encodeToString(marker.repeat(3).getBytes());
        Http.Response channel = http.post(
                "/api/groups/" + group + "/channels",
                Map.of(
                        "type",
                        "webhook",
                        "name",
                        "Channel " + marker,
                        "settings",
                        Map.of("url", receiver.url("/hook-" + marker), "signingSecret", secret)),
                owner.auth());
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        String type = new ContentFixtures(http).contentType(owner, group, "Type " + marker);
        String item = new ContentFixtures(http)
                .item(owner, group, type, "Title " + marker, Instant.now().minusSeconds(5), false, 4);
        Http.Response site =
                http.post("/api/groups/" + group + "/sites", Map.of("name", "Site " + marker), owner.auth());
        assertThat(site.status()).as(site.body()).isEqualTo(201);
        Http.Response media = http.send(
                "POST",
                "/api/groups/" + group + "/media",
                MediaFiles.multipart("file-" + marker + ".png", "image/png", MediaFiles.image("png")),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());
        assertThat(media.status()).as(media.body()).isEqualTo(201);
        String invitation = fixtures.invite(owner, group, "invitee-" + marker + "@example.com", "editor");
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("groupID", group);
        ids.put("typeId", type);
        ids.put("itemId", item);
        ids.put("siteId", site.json().get("_id").asString());
        ids.put("key", media.json().get("key").asString());
        ids.put("bucketName", bucket);
        ids.put("channelId", channel.json().get("_id").asString());
        ids.put("userId", owner.id());
        ids.put(
                "sessionId",
                http.get("/auth/sessions", owner.auth()).json().get(0).get("id").asString());
        // the item was published after the channel existed, so it made a delivery: the log's routes need its id
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> http.get("/api/groups/" + group + "/deliveries", owner.auth())
                                .json()
                                .get("deliveries")
                                .size()
                        > 0);
        ids.put(
                "deliveryId",
                http.get("/api/groups/" + group + "/deliveries", owner.auth())
                        .json()
                        .get("deliveries")
                        .get(0)
                        .get("deliveryId")
                        .asString());
        ids.put("invitationId", invitation);
        Http.Response post = http.post(
                "/api/groups/" + group + "/posts",
                Map.of(
                        "itemId",
                        item,
                        "publishAt",
                        Instant.now().plusSeconds(86_400).toString(),
                        "channels",
                        List.of(Map.of("channelId", ids.get("channelId"), "text", "Post " + marker))),
                owner.auth());
        assertThat(post.status()).as(post.body()).isEqualTo(201);
        ids.put("postId", post.json().get("postId").asString());
        String contact = "contact-" + marker + "@example.com";
        assertThat(http.put(
                                "/api/groups/" + group + "/contact-addresses",
                                Map.of("addresses", List.of(contact)),
                                owner.auth())
                        .status())
                .isEqualTo(200);
        String subscriber = "reader-" + marker + "@example.com";
        ids.put("subscriberId", subscriber(owner, group, key, subscriber));
        // a connected Stripe account: its key and webhook secret must never show to another group
        Map.Entry<String, io.vivreal.app.fakes.FakeStripe.Account> stripe =
                io.vivreal.app.fakes.FakeStripe.SERVER.newAccount();
        String stripeWebhookSecret = "whsec_" + io.vivreal.app.fakes.FakeStripe.token(32);
        Http.Response connected = http.put(
                "/api/groups/" + group + "/payments/stripe",
                Map.of("secretKey", stripe.getKey(), "webhookSecret", stripeWebhookSecret),
                owner.auth());
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        String webhookUrl = connected.json().get("webhookUrl").asString();
        return new Tenant(
                owner,
                key,
                ids,
                List.of(
                        marker,
                        key,
                        key.substring(0, 12),
                        secret,
                        owner.email(),
                        group,
                        type,
                        item,
                        bucket,
                        subscriber,
                        stripe.getKey(),
                        stripeWebhookSecret,
                        webhookUrl.substring(webhookUrl.lastIndexOf('/') + 1)));
    }

    private static String fill(String pattern, Map<String, String> ids, Set<String> unknown) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String id = ids.get(matcher.group(1));
            if (id == null) {
                unknown.add(matcher.group(1) + " in " + pattern);
                id = "0123456789abcdef01234567";
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement(id));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static Set<RequestMethod> methods(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty() ? Set.of(RequestMethod.GET) : methods;
    }

    private static Object body(RequestMethod method) {
        return method == RequestMethod.GET || method == RequestMethod.DELETE ? null : Map.of();
    }

    /** A newsletter subscriber of the group, signed up through the site's form. */
    private String subscriber(Fixtures.User owner, String group, String key, String email) {
        Http.Response type = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of(
                        "name",
                        "Signups",
                        "acceptsSubmissions",
                        true,
                        "fields",
                        List.of(Map.of("name", "email", "type", "text", "required", true))),
                owner.auth());
        assertThat(type.status()).as(type.body()).isEqualTo(201);
        Http.Response signUp = http.post(
                "/tenant/definedCollectionObject",
                Map.of(
                        "collectionId",
                        type.json().get("_id").asString(),
                        "type",
                        "subscribeUser",
                        "objectValue",
                        Map.of("email", email)),
                "Authorization",
                key);
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(201);
        return http.get("/api/groups/" + group + "/subscribers", owner.auth())
                .json()
                .get("items")
                .get(0)
                .get("subscriberId")
                .asString();
    }
}
