package io.vivreal.app.networks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.distribution.adapters.PlatformText;
import org.junit.jupiter.api.Test;

/** Each platform's way of counting a post, on the texts where the ways differ. */
class PlatformTextTests {

    static final String FAMILY = "👨‍👩‍👧"; // 5 code points, 8 UTF-16 units, 18 UTF-8 bytes, 1 grapheme

    @Test
    void xWeighsUrlsAs23AndCjkAndEmojiAsTwo() {
        assertThat(PlatformText.x("hello").count()).isEqualTo(5);
        assertThat(PlatformText.x("https://example.com/" + "a".repeat(300)).count())
                .isEqualTo(23);
        assertThat(PlatformText.x("Read example.com now").count()).isEqualTo("Read ".length() + 23 + " now".length());
        assertThat(PlatformText.x("日本語").count()).isEqualTo(6);
        assertThat(PlatformText.x(FAMILY).count()).isEqualTo(2);
        assertThat(PlatformText.x("é").count()).isEqualTo(1);
        assertThat(PlatformText.x("a".repeat(280)).ok()).isTrue();
        assertThat(PlatformText.x("a".repeat(281)).ok()).isFalse();
        assertThat(PlatformText.x("日".repeat(141)).ok()).isFalse();
        assertThat(PlatformText.x("").limit()).isEqualTo(280);
    }

    @Test
    void blueskyCountsGraphemesNotCodePointsOrUnits() {
        assertThat(PlatformText.bluesky(FAMILY).count()).isEqualTo(1);
        assertThat(PlatformText.bluesky("🇯🇵🇫🇷").count()).isEqualTo(2);
        assertThat(PlatformText.bluesky("e\u0301").count()).isEqualTo(1);
        assertThat(PlatformText.bluesky("日本語").count()).isEqualTo(3);
        assertThat(PlatformText.bluesky("https://example.com/" + "a".repeat(400))
                        .ok())
                .isFalse(); // Bluesky counts the link's text in full
        assertThat(PlatformText.bluesky("🎉".repeat(300)).ok()).isTrue(); // 1,200 bytes
        assertThat(PlatformText.bluesky("🎉".repeat(301)).ok()).isFalse();
        // 166 families are 166 graphemes but 2,988 bytes; 167 are 3,006 bytes, over the lexicon's 3,000
        assertThat(PlatformText.bluesky(FAMILY.repeat(166)).count()).isEqualTo(166);
        assertThat(PlatformText.bluesky(FAMILY.repeat(167)).ok()).isFalse();
        assertThat(PlatformText.bluesky("").limit()).isEqualTo(300);
    }

    @Test
    void mastodonCountsUrlsAs23AndRemoteMentionsByTheirUser() {
        assertThat(PlatformText.mastodon("See https://example.com/" + "a".repeat(600), 500)
                        .count())
                .isEqualTo(4 + 23);
        assertThat(PlatformText.mastodon("example.com/" + "a".repeat(30), 500).count())
                .isEqualTo(42); // no scheme: Mastodon does not treat it as a link
        assertThat(PlatformText.mastodon("@bob@mastodon.example.social hi", 500).count())
                .isEqualTo("@bob hi".length());
        assertThat(PlatformText.mastodon("mail me: bob@example.org", 500).count())
                .isEqualTo("mail me: bob@example.org".length());
        assertThat(PlatformText.mastodon(FAMILY + " 日本", 500).count()).isEqualTo(4);
        assertThat(PlatformText.mastodon("x".repeat(501), 500).ok()).isFalse();
        assertThat(PlatformText.mastodon("x".repeat(501), 1000).ok()).isTrue();
    }

    @Test
    void threadsCountsEmojiAsTheirUtf8Bytes() {
        assertThat(PlatformText.threads("hello").count()).isEqualTo(5);
        assertThat(PlatformText.threads("🎉").count()).isEqualTo(4);
        assertThat(PlatformText.threads(FAMILY).count()).isEqualTo(18);
        assertThat(PlatformText.threads("日本語").count()).isEqualTo(3);
        assertThat(PlatformText.threads("🎉".repeat(125)).ok()).isTrue();
        assertThat(PlatformText.threads("🎉".repeat(126)).ok()).isFalse();
        assertThat(PlatformText.threads("").limit()).isEqualTo(500);
    }

    @Test
    void linkedInCountsUtf16UnitsAgainst3000() {
        assertThat(PlatformText.linkedIn("🎉").count()).isEqualTo(2);
        assertThat(PlatformText.linkedIn("日本語").count()).isEqualTo(3);
        assertThat(PlatformText.linkedIn("a".repeat(3000)).ok()).isTrue();
        assertThat(PlatformText.linkedIn("a".repeat(2999) + "🎉").ok()).isFalse();
        assertThat(PlatformText.linkedIn("https://example.com/" + "a".repeat(3000))
                        .ok())
                .isFalse();
    }

    @Test
    void graphemesAreUnicodesNotTheJdks() {
        // java.text.BreakIterator of Java 17 splits the ZWJ sequence; ICU keeps it one grapheme
        assertThat(PlatformText.graphemes("👩🏽‍💻")).isEqualTo(1);
        assertThat(PlatformText.graphemes("🏳️‍🌈")).isEqualTo(1);
        assertThat(PlatformText.graphemes("")).isZero();
    }
}
