package io.vivreal.content.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vivreal.core.secrets.RotatingSecret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacMediaUrlsTests {

    private static final String BUCKET = "acme-x1y2z3";
    private static final String KEY = "0123456789abcdef01234567.png";
    private static final Instant NOW = Instant.parse("2026-05-11T10:17:42Z");

    private final byte[] secret = secret();
    private final MutableClock clock = new MutableClock(NOW);
    private final HmacMediaUrls urls = urls(secret, clock);

    private static byte[] secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private static HmacMediaUrls urls(byte[] secret, Clock clock) {
        return new HmacMediaUrls(secret, () -> "https://cms.example.com", clock, Duration.ofHours(24));
    }

    record Signed(String bucket, String key, String exp, String sig) {}

    private static Signed parse(String url) {
        URI uri = URI.create(url);
        String[] path = uri.getPath().split("/");
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts[1]);
        }
        return new Signed(path[2], path[3], query.get("exp"), query.get("sig"));
    }

    private boolean verify(Signed signed) {
        return urls.verify(signed.bucket(), signed.key(), signed.exp(), signed.sig());
    }

    @Test
    void aUrlSignedBeforeARotationVerifiesDuringTheOverlapAndNotAfter() {
        byte[] rotated = secret();
        List<List<byte[]>> accepted = new ArrayList<>(List.of(List.of(secret)));
        RotatingSecret<byte[]> rotating = new RotatingSecret<>() {
            @Override
            public byte[] current() {
                return accepted.get(0).get(0);
            }

            @Override
            public List<byte[]> accepted() {
                return accepted.get(0);
            }
        };
        HmacMediaUrls rotatingUrls =
                new HmacMediaUrls(rotating, () -> "https://cms.example.com", clock, Duration.ofHours(24));
        Signed before = parse(rotatingUrls.signedUrl(BUCKET, KEY));

        accepted.set(0, List.of(rotated, secret));
        Signed after = parse(rotatingUrls.signedUrl(BUCKET, KEY));
        assertThat(rotatingUrls.verify(before.bucket(), before.key(), before.exp(), before.sig()))
                .isTrue();
        assertThat(after.sig()).isNotEqualTo(before.sig());
        assertThat(urls(rotated, clock).verify(after.bucket(), after.key(), after.exp(), after.sig()))
                .as("signed with the rotated secret")
                .isTrue();

        accepted.set(0, List.of(rotated));
        assertThat(rotatingUrls.verify(before.bucket(), before.key(), before.exp(), before.sig()))
                .isFalse();
        assertThat(rotatingUrls.verify(after.bucket(), after.key(), after.exp(), after.sig()))
                .isTrue();
    }

    @Test
    void aSignedUrlHasTheDocumentedShapeAndVerifies() {
        String url = urls.signedUrl(BUCKET, KEY);

        assertThat(url)
                .matches("https://cms\\.example\\.com/media/" + BUCKET + "/" + KEY.replace(".", "\\.")
                        + "\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}");
        assertThat(verify(parse(url))).isTrue();
    }

    @Test
    void theSignatureIsHmacSha256OfBucketKeyAndExpiryUnderTheDerivedKey() throws Exception {
        Signed signed = parse(urls.signedUrl(BUCKET, KEY));

        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] derived = derive.doFinal("vivreal/media-url/v1".getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(derived, "HmacSHA256"));
        byte[] expected = mac.doFinal((BUCKET + "/" + KEY + "\n" + signed.exp()).getBytes(StandardCharsets.UTF_8));

        assertThat(signed.sig())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
    }

    @Test
    void theContextSecretItselfDoesNotSign() throws Exception {
        Signed signed = parse(urls.signedUrl(BUCKET, KEY));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String underRawSecret = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        mac.doFinal((BUCKET + "/" + KEY + "\n" + signed.exp()).getBytes(StandardCharsets.UTF_8)));

        assertThat(urls.verify(BUCKET, KEY, signed.exp(), underRawSecret)).isFalse();
    }

    @Test
    void expiryIsTheLifetimeRoundedUpToAtMostAnHour() {
        long exp = Long.parseLong(parse(urls.signedUrl(BUCKET, KEY)).exp());
        long earliest = NOW.plus(Duration.ofHours(24)).getEpochSecond();

        assertThat(exp).isBetween(earliest, earliest + 3600).matches(e -> e % 3600 == 0);
        clock.set(NOW.plusSeconds(60));
        assertThat(parse(urls.signedUrl(BUCKET, KEY)).exp())
                .as("same URL for a while")
                .isEqualTo(String.valueOf(exp));
    }

    @Test
    void anExpiredUrlIsRefusedFromItsExpirySecondOn() {
        Signed signed = parse(urls.signedUrl(BUCKET, KEY));
        long exp = Long.parseLong(signed.exp());

        clock.set(Instant.ofEpochSecond(exp - 1));
        assertThat(verify(signed)).isTrue();
        clock.set(Instant.ofEpochSecond(exp));
        assertThat(verify(signed)).isFalse();
        clock.set(Instant.ofEpochSecond(exp + 86_400));
        assertThat(verify(signed)).isFalse();
    }

    @Test
    void changingBucketKeyOrExpiryBreaksTheSignature() {
        Signed signed = parse(urls.signedUrl(BUCKET, KEY));
        long exp = Long.parseLong(signed.exp());

        assertThat(urls.verify("other-a1b2c3", KEY, signed.exp(), signed.sig())).isFalse();
        assertThat(urls.verify(BUCKET, "0123456789abcdef01234568.png", signed.exp(), signed.sig()))
                .isFalse();
        assertThat(urls.verify(BUCKET, "0123456789abcdef01234567.pdf", signed.exp(), signed.sig()))
                .isFalse();
        assertThat(urls.verify(BUCKET, KEY, String.valueOf(exp + 1), signed.sig()))
                .isFalse();
        assertThat(urls.verify(BUCKET, KEY, String.valueOf(exp + 86_400 * 365L), signed.sig()))
                .isFalse();
        assertThat(urls.verify(BUCKET, KEY, "0" + signed.exp(), signed.sig()))
                .as("leading zero")
                .isFalse();
    }

    @Test
    void everyAlteredSignatureCharacterIsRefused() {
        Signed signed = parse(urls.signedUrl(BUCKET, KEY));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < signed.sig().length(); i++) {
            for (char replacement : new char[] {'A', 'g', '_'}) {
                if (signed.sig().charAt(i) == replacement) {
                    continue;
                }
                String altered = signed.sig().substring(0, i)
                        + replacement
                        + signed.sig().substring(i + 1);
                assertThat(urls.verify(BUCKET, KEY, signed.exp(), altered))
                        .as(altered)
                        .isFalse();
            }
        }
        // the last character carries 4 unused bits: other spellings of the same bytes are refused too
        char last = signed.sig().charAt(42);
        int index = alphabet.indexOf(last);
        for (int low = 0; low < 4; low++) {
            char sibling = alphabet.charAt((index & ~3) | low);
            if (sibling != last) {
                String spelled = signed.sig().substring(0, 42) + sibling;
                assertThat(urls.verify(BUCKET, KEY, signed.exp(), spelled))
                        .as(spelled)
                        .isFalse();
            }
        }
    }

    @Test
    void malformedPartsAreRefusedWithoutAnError() {
        Signed signed = parse(urls.signedUrl(BUCKET, KEY));
        String[][] cases = {
            {BUCKET, KEY, null, signed.sig()},
            {BUCKET, KEY, signed.exp(), null},
            {BUCKET, KEY, "", signed.sig()},
            {BUCKET, KEY, signed.exp(), ""},
            {BUCKET, KEY, "-1", signed.sig()},
            {BUCKET, KEY, "1e10", signed.sig()},
            {BUCKET, KEY, "99999999999999999999", signed.sig()},
            {BUCKET, KEY, signed.exp(), signed.sig() + "A"},
            {BUCKET, KEY, signed.exp(), signed.sig() + "="},
            {BUCKET, KEY, signed.exp(), signed.sig().replace('-', '+').replace('_', '/') + "+"},
            {"../secrets", KEY, signed.exp(), signed.sig()},
            {BUCKET, "../../secrets/api-key-pepper", signed.exp(), signed.sig()},
            {BUCKET, KEY.toUpperCase(java.util.Locale.ROOT), signed.exp(), signed.sig()},
            {null, null, null, null},
        };
        for (String[] c : cases) {
            assertThat(urls.verify(c[0], c[1], c[2], c[3]))
                    .as(String.join(
                            " ",
                            String.valueOf(c[0]),
                            String.valueOf(c[1]),
                            String.valueOf(c[2]),
                            String.valueOf(c[3])))
                    .isFalse();
        }
    }

    @Test
    void anotherServersSecretDoesNotVerify() {
        HmacMediaUrls other = urls(secret(), clock);
        Signed signed = parse(other.signedUrl(BUCKET, KEY));

        assertThat(verify(signed)).isFalse();
    }

    @Test
    void refusesToSignNamesOutsideTheGrammarAndShortLifetimes() {
        assertThatThrownBy(() -> urls.signedUrl("../x", KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> urls.signedUrl(BUCKET, "a/b.png")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HmacMediaUrls(secret, () -> "", clock, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
