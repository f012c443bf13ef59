package io.vivreal.distribution.adapters;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Post text counted the way each platform counts it, so the composer refuses what the platform
 * would refuse. The platforms disagree on what a character is:
 *
 * <ul>
 *   <li>X: twitter-text's weighted length (most scripts 1, CJK and emoji 2, every URL 23), 280.
 *   <li>Bluesky: grapheme clusters (the {@code maxGraphemes} of {@code app.bsky.feed.post}), 300,
 *       and at most 3,000 UTF-8 bytes (its {@code maxLength}).
 *   <li>Mastodon: grapheme clusters, every {@code http(s)} URL 23, a mention {@code @user@domain}
 *       only as {@code @user}; the limit is the instance's.
 *   <li>Threads: 500 characters, where an emoji counts its UTF-8 bytes (Meta's documented rule).
 *   <li>LinkedIn: 3,000 characters, counted in UTF-16 units — what LinkedIn's own counter does,
 *       and never fewer than the characters a person sees.
 * </ul>
 *
 * Graphemes come from ICU4J: the JDK 17 {@code java.text.BreakIterator} splits emoji ZWJ
 * sequences (a family is one grapheme, not seven).
 */
public final class PlatformText {

    public static final int X_LIMIT = 280;
    public static final int BLUESKY_LIMIT = 300;
    /** {@code app.bsky.feed.post}'s {@code text} {@code maxLength}, in UTF-8 bytes. */
    public static final int BLUESKY_MAX_BYTES = 3000;

    public static final int MASTODON_DEFAULT_LIMIT = 500;
    public static final int THREADS_LIMIT = 500;
    public static final int LINKEDIN_LIMIT = 3000;

    /** Mastodon and X count every URL as this many characters, whatever its length. */
    public static final int URL_LENGTH = 23;

    /** Mastodon's {@code Account::MENTION_RE}: {@code @user} or {@code @user@domain}. */
    private static final Pattern MASTODON_MENTION = Pattern.compile(
            "(?<![=/\\p{L}\\p{N}_])@(([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\\p{L}\\p{N}_.-]+[\\p{L}\\p{N}_]+)?)",
            Pattern.CASE_INSENSITIVE);

    private PlatformText() {}

    public static TextCount x(String text) {
        return new TextCount(TwitterTextParser.parseTweet(text).weightedLength, X_LIMIT);
    }

    /**
     * Bluesky's graphemes. The lexicon also caps the text at {@value #BLUESKY_MAX_BYTES} UTF-8
     * bytes, which 300 long emoji sequences exceed; such a text counts as one over the limit, so it
     * is refused at compose time rather than by the PDS.
     */
    public static TextCount bluesky(String text) {
        int graphemes = graphemes(text);
        if (text.getBytes(StandardCharsets.UTF_8).length > BLUESKY_MAX_BYTES) {
            graphemes = Math.max(graphemes, BLUESKY_LIMIT + 1);
        }
        return new TextCount(graphemes, BLUESKY_LIMIT);
    }

    public static TextCount mastodon(String text, int limit) {
        return mastodon(text, limit, URL_LENGTH);
    }

    /** Mastodon's count with the instance's {@code characters_reserved_per_url}. */
    public static TextCount mastodon(String text, int limit, int urlLength) {
        return new TextCount(graphemes(mastodonCountable(text, urlLength)), limit);
    }

    public static TextCount threads(String text) {
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(text);
        int count = 0;
        int start = clusters.first();
        for (int end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
            String cluster = text.substring(start, end);
            count += emoji(cluster)
                    ? cluster.getBytes(StandardCharsets.UTF_8).length
                    : cluster.codePointCount(0, cluster.length());
        }
        return new TextCount(count, THREADS_LIMIT);
    }

    public static TextCount linkedIn(String text) {
        return new TextCount(text.length(), LINKEDIN_LIMIT);
    }

    /** The number of grapheme clusters (user-perceived characters), by Unicode's rules. */
    public static int graphemes(String text) {
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(text);
        int count = 0;
        while (clusters.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /** The URLs of a text the way X and Mastodon find them (twitter-text's extractor). */
    public static List<Extractor.Entity> urls(String text, boolean withoutProtocol) {
        Extractor extractor = new Extractor();
        extractor.setExtractURLWithoutProtocol(withoutProtocol);
        return extractor.extractURLsWithIndices(text);
    }

    /** Mastodon's countable text: every URL 23 {@code x}, every remote mention its local part. */
    static String mastodonCountable(String text, int urlLength) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Extractor.Entity url : urls(text, false)) {
            out.append(text, at, url.getStart()).append("x".repeat(urlLength));
            at = url.getEnd();
        }
        out.append(text.substring(at));
        Matcher mention = MASTODON_MENTION.matcher(out.toString());
        return mention.replaceAll(m -> Matcher.quoteReplacement("@" + m.group(2)));
    }

    private static boolean emoji(String cluster) {
        return cluster.codePoints()
                .anyMatch(cp -> UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
                        || UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR));
    }
}
