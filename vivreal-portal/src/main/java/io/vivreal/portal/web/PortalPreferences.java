package io.vivreal.portal.web;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.ControlPlane;
import java.util.Optional;
import org.bson.Document;

/** The group a user last worked in, so the next login opens it ({@code portal_preferences}). */
final class PortalPreferences {

    private final MongoCollection<Document> preferences;

    PortalPreferences(ControlPlane controlPlane) {
        this.preferences = controlPlane.collection("portal_preferences");
    }

    Optional<String> lastGroup(String userId) {
        Document document = preferences.find(eq("_id", userId)).first();
        return Optional.ofNullable(document == null ? null : document.getString("lastGroupID"));
    }

    void rememberGroup(String userId, String groupId) {
        preferences.updateOne(eq("_id", userId), Updates.set("lastGroupID", groupId), new UpdateOptions().upsert(true));
    }
}
