package io.vivreal.distribution.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vivreal.content.items.ContentItem;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.FieldType;
import io.vivreal.content.types.ContentType;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.MediaRules;
import io.vivreal.distribution.adapters.TextCount;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The composer's rules that need no store: placeholders, limits, media, slugs. */
class ComposerTests {

    static final TenantScope SCOPE = new TenantScope("0123456789abcdef01234567", "general_shared");
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    final Composer composer = new Composer(null, null, null, null, null, null, null, () -> "https://cms.example");

    static Composer.Source source(Document values) {
        ContentType type = new ContentType(
                "aaaaaaaaaaaaaaaaaaaaaaaa",
                SCOPE.groupID(),
                "Shows & Events",
                List.of(
                        new FieldSpec("title", FieldType.TEXT, true, null, null),
                        new FieldSpec("rating", FieldType.INTEGER, false, null, null),
                        new FieldSpec("poster", FieldType.IMAGE, false, null, null),
                        new FieldSpec(
                                "gallery",
                                FieldType.LIST,
                                false,
                                null,
                                new FieldSpec("item", FieldType.IMAGE, false, null, null))),
                false,
                NOW,
                NOW);
        ContentItem item = new ContentItem(
                "bbbbbbbbbbbbbbbbbbbbbbbb", SCOPE.groupID(), type.id(), values, NOW, false, 1, NOW, NOW, "u", "u");
        return new Composer.Source(item, type);
    }

    @Test
    void placeholdersTakeTheItemsValuesAndAnythingElseIsRefusedByName() {
        Optional<Composer.Source> source =
                Optional.of(source(new Document("title", "  Opening\n night ").append("rating", 4)));
        assertThat(composer.fill(
                        SCOPE, "{title}: {objectValue.rating}/5, {objectValue.title}", source, "channels[0].text"))
                .isEqualTo("Opening night: 4/5,   Opening\n night ");
        assertThat(composer.fill(SCOPE, "no placeholders, only { braces } and {} ", source, "f"))
                .isEqualTo("no placeholders, only { braces } and {} ");
        assertThatThrownBy(() -> composer.fill(SCOPE, "{titel}", source, "channels[2].text"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.field()).isEqualTo("channels[2].text");
                    assertThat(e.getMessage()).contains("{titel}");
                });
        assertThatThrownBy(() -> composer.fill(SCOPE, "{objectValue.price}", source, "f"))
                .hasMessageContaining("{objectValue.price}");
        Optional<Composer.Source> withPoster =
                Optional.of(source(new Document("title", "T").append("poster", new Document("key", "k1.png"))));
        assertThatThrownBy(() -> composer.fill(SCOPE, "{objectValue.poster}", withPoster, "f"))
                .hasMessageContaining("cannot be placed in text");
        assertThatThrownBy(() -> composer.fill(SCOPE, "{url}", Optional.empty(), "f"))
                .hasMessageContaining("needs an item");
    }

    @Test
    void imagesComeFromImageFieldsWithTheirAltTextUpToWhatThePlatformTakes() {
        Document poster = new Document("key", "k1.png")
                .append("type", "image/png")
                .append("size", 10L)
                .append("alt", "A stage");
        List<Document> gallery = List.of(
                new Document("key", "k2.jpg").append("type", "image/jpeg").append("size", 20L),
                new Document("key", "k3.jpg").append("type", "image/jpeg").append("size", 30L));
        Optional<Composer.Source> source = Optional.of(
                source(new Document("title", "T").append("poster", poster).append("gallery", gallery)));
        MediaRules two = new MediaRules(Set.of("image/png", "image/jpeg"), 1000, 2, 1500);
        List<Document> images = Composer.images(source, two);
        assertThat(images).extracting(d -> d.getString("key")).containsExactly("k1.png", "k2.jpg");
        assertThat(images.get(0).getString("alt")).isEqualTo("A stage");
        assertThat(Composer.images(source, MediaRules.NONE))
                .as("chat channels carry no images")
                .isEmpty();
        MediaRules small = new MediaRules(Set.of("image/png", "image/jpeg"), 15, 4, 1500);
        assertThat(small.refusal(composer.postImages("bucket", Composer.images(source, small))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("k2.jpg"));
    }

    @Test
    void aTextOverThePlatformsLimitCannotBeScheduledAndTheRefusalNamesChannelCountAndLimit() {
        ChannelTarget target = new ChannelTarget(
                "cccccccccccccccccccccccc", SCOPE.groupID(), ChannelType.MASTODON, "Bakery", Map.of(), Map.of());
        Composer.Composed over = new Composer.Composed(
                target.id(), target, null, "x".repeat(301), new TextCount(301, 300), List.of(), Optional.empty());
        assertThatThrownBy(() -> PostService.requireSendable(List.of(over)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.field()).isEqualTo("channels[0].text");
                    assertThat(e.getMessage()).contains("Bakery", "301", "300");
                });
        Composer.Composed refused = new Composer.Composed(
                target.id(), target, null, "ok", new TextCount(2, 300), List.of(), Optional.of("k1 is image/gif"));
        assertThatThrownBy(() -> PostService.requireSendable(List.of(refused)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).isEqualTo("channels[0]"));
        PostService.requireSendable(List.of(new Composer.Composed(
                target.id(), target, null, "ok", new TextCount(300, 300), List.of(), Optional.empty())));
    }

    @Test
    void theUrlSlugIsTheTypesNameInLowerCase() {
        assertThat(Composer.slug("Shows & Events")).isEqualTo("shows-events");
        assertThat(Composer.slug("★")).isEqualTo("items");
    }
}
