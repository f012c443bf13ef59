package io.vivreal.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * The key format under arbitrary input: {@link ApiKeyFormat#isWellFormed} never throws, accepts
 * only what the format describes (re-derived here independently), and a generated key with any
 * one character changed is refused — the checksum catches every single-character typo.
 *
 * <p>Without {@code JAZZER_FUZZ} these replay the corpus in {@code ApiKeyFormatFuzzTestsInputs/};
 * with {@code JAZZER_FUZZ=1} they fuzz (docs/SECURITY.md, "Fuzzing").
 */
class ApiKeyFormatFuzzTests {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @FuzzTest(maxDuration = "3m")
    void acceptsOnlyWhatTheFormatDescribes(byte[] input) {
        String candidate = new String(input, StandardCharsets.UTF_8);

        boolean accepted = ApiKeyFormat.isWellFormed(candidate);

        assertThat(accepted).as(candidate).isEqualTo(followsTheFormat(candidate));
    }

    @FuzzTest(maxDuration = "3m")
    void aGeneratedKeyWithOneCharacterChangedIsRefused(FuzzedDataProvider data) {
        String key = ApiKeyFormat.generate(seeded(data.consumeLong()));
        int index = data.consumeInt(0, key.length() - 1);
        char replacement = data.consumeChar();

        String changed = key.substring(0, index) + replacement + key.substring(index + 1);

        assertThat(ApiKeyFormat.isWellFormed(key)).as(key).isTrue();
        assertThat(ApiKeyFormat.isWellFormed(changed)).as(changed).isEqualTo(changed.equals(key));
    }

    /** The format from its description: prefix, 49 base62 characters, the last 6 a CRC32 of the rest. */
    private static boolean followsTheFormat(String candidate) {
        if (candidate.length() != 52 || !candidate.startsWith("vr_")) {
            return false;
        }
        for (char c : candidate.substring(3).toCharArray()) {
            if (BASE62.indexOf(c) < 0) {
                return false;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(candidate.substring(0, 46).getBytes(StandardCharsets.US_ASCII));
        return candidate.substring(46).equals(base62(crc.getValue()));
    }

    private static String base62(long value) {
        StringBuilder digits = new StringBuilder();
        long rest = value;
        for (int i = 0; i < 6; i++) {
            digits.insert(0, BASE62.charAt((int) (rest % 62)));
            rest /= 62;
        }
        return digits.toString();
    }

    /** A deterministic "random" source, so a finding replays. */
    private static SecureRandom seeded(long seed) {
        Random random = new Random(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                random.nextBytes(bytes);
            }
        };
    }
}
