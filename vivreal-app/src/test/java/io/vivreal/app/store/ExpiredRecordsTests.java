package io.vivreal.app.store;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.ServerTest;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Control-plane records that grow with traffic end: rate-limit windows and signed-out tokens carry
 * a TTL index for MongoDB, and the sweep every instance runs removes them on the embedded store.
 */
class ExpiredRecordsTests extends ServerTest {

    @Autowired
    ControlPlane controlPlane;

    @Autowired
    List<Expiring> expiring;

    @Test
    void endedRateLimitWindowsAndExpiredSignOutsAreSweptAndLiveOnesKept() {
        String id = UUID.randomUUID().toString();
        Date past = Date.from(Instant.now().minusSeconds(60));
        Date future = Date.from(Instant.now().plusSeconds(600));
        for (String collection : List.of("rate_limits", "revoked_tokens")) {
            controlPlane.collection(collection).insertOne(new Document("_id", "ended-" + id).append("expiresAt", past));
            controlPlane
                    .collection(collection)
                    .insertOne(new Document("_id", "live-" + id).append("expiresAt", future));
        }

        expiring.forEach(Expiring::sweepExpired);

        for (String collection : List.of("rate_limits", "revoked_tokens")) {
            List<Document> left = controlPlane
                    .collection(collection)
                    .find(in("_id", "ended-" + id, "live-" + id))
                    .into(new ArrayList<>());
            assertThat(left).extracting(d -> d.getString("_id")).containsExactly("live-" + id);
        }
        assertThat(expiring.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theirExpiryFieldCarriesATtlIndexForMongoDb() {
        for (String collection : List.of("rate_limits", "revoked_tokens")) {
            List<Document> indexes =
                    controlPlane.collection(collection).listIndexes().into(new ArrayList<>());
            assertThat(indexes).as(collection + " indexes").anySatisfy(index -> {
                assertThat(index.get("key", Document.class)).containsKey("expiresAt");
                assertThat(index.get("expireAfterSeconds", Number.class)).isNotNull();
            });
        }
    }

    @Test
    void invitationsEndThirtyDaysAfterTheirExpiry() {
        String ended = new org.bson.types.ObjectId().toHexString();
        String live = new org.bson.types.ObjectId().toHexString();
        controlPlane
                .collection("invitations")
                .insertOne(new Document("_id", new org.bson.types.ObjectId(ended))
                        .append("deleteAfter", Date.from(Instant.now().minusSeconds(60))));
        controlPlane
                .collection("invitations")
                .insertOne(new Document("_id", new org.bson.types.ObjectId(live))
                        .append("deleteAfter", Date.from(Instant.now().plusSeconds(600))));

        expiring.forEach(Expiring::sweepExpired);

        assertThat(controlPlane.collection("invitations").find().into(new ArrayList<>()))
                .extracting(d -> d.getObjectId("_id").toHexString())
                .contains(live)
                .doesNotContain(ended);
        assertThat(controlPlane.collection("invitations").listIndexes().into(new ArrayList<>()))
                .anySatisfy(index -> {
                    assertThat(index.get("key", Document.class)).containsKey("deleteAfter");
                    assertThat(index.get("expireAfterSeconds", Number.class)).isNotNull();
                });
    }
}
