package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /tenant/preview} bypasses the publish gate and is never shared; {@code integrationObjects} by type. */
class PreviewAndIntegrationsTests extends ServerTest {

    @Autowired
    TenantStore tenantStore;

    @Test
    void previewShowsDraftsAndScheduledItemsAndIsNotCacheable() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(owner, group, "Pages");
        content.item(owner, group, type, "Draft", null, false, 1);
        content.item(owner, group, type, "Scheduled", Instant.now().plusSeconds(3600), false, 1);
        content.item(owner, group, type, "Live", Instant.now().minusSeconds(60), false, 1);

        Http.Response preview = http.get("/tenant/preview?collectionId=" + type, "Authorization", key);
        Http.Response live = http.get("/tenant/collectionObjects?collectionId=" + type, "Authorization", key);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("data").get("totalCount").asInt()).isEqualTo(3);
        assertThat(preview.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(live.json().get("data").get("totalCount").asInt()).isEqualTo(1);
        assertThat(http.get("/tenant/preview?collectionId=" + type).status()).isEqualTo(401);
    }

    @Test
    void integrationObjectsAreSelectedByPlatformWithinTheTenant() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        // channel sync writes these (issue #5); the test writes them through the same tenant store
        insert(group, "stripe", "T-shirt");
        insert(group, "tiktok", "Clip");
        insert(otherGroup, "stripe", "Their product");

        Http.Response stripe = http.get("/tenant/integrationObjects?type=stripe", "Authorization", key);

        assertThat(stripe.status()).isEqualTo(200);
        assertThat(stripe.json().get("data").get("totalCount").asInt()).isEqualTo(1);
        var item = stripe.json().get("data").get("items").get(0);
        assertThat(item.get("platform").asString()).isEqualTo("stripe");
        assertThat(item.get("objectValue").get("title").asString()).isEqualTo("T-shirt");
        assertThat(item.get("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(item.has("collectionObj")).isFalse();
        assertThat(http.get("/tenant/integrationObjects", "Authorization", key).status())
                .isEqualTo(400);
        assertThat(http.get("/tenant/integrationObjects?type=%24where", "Authorization", key)
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/tenant/integrationObjects?type=stripe&search=shirt", "Authorization", key)
                        .json()
                        .get("data")
                        .get("totalCount")
                        .asInt())
                .isEqualTo(1);
    }

    private void insert(String groupId, String platform, String title) {
        Date past = Date.from(Instant.now().minusSeconds(60));
        tenantStore
                .collection(new TenantScope(groupId, "general_shared"), "integrationObjects")
                .insertOne(new Document("platform", platform)
                        .append("objectValue", new Document("title", title))
                        .append("publishDate", past)
                        .append("archived", false)
                        .append("createdAt", past)
                        .append("updatedAt", past));
    }
}
