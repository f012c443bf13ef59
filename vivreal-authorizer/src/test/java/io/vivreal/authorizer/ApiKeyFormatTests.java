package io.vivreal.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyFormatTests {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String key() {
        return ApiKeyFormat.generate(RANDOM);
    }

    private static String withCharAt(String key, int index, char c) {
        return key.substring(0, index) + c + key.substring(index + 1);
    }

    @Test
    void generatedKeyIsFiftyTwoCharactersLong() {
        assertThat(ApiKeyFormat.LENGTH).isEqualTo(52);
        for (int i = 0; i < 200; i++) {
            assertThat(key()).hasSize(52);
        }
    }

    @Test
    void generatedKeyStartsWithVrPrefixFollowedOnlyByBase62() {
        for (int i = 0; i < 200; i++) {
            String key = key();
            assertThat(key).startsWith("vr_");
            assertThat(key.substring(3)).matches("[0-9A-Za-z]{49}");
        }
    }

    @Test
    void generatedKeyIsWellFormed() {
        for (int i = 0; i < 1_000; i++) {
            String key = key();
            assertThat(ApiKeyFormat.isWellFormed(key)).as(key).isTrue();
        }
    }

    @Test
    void generatedKeysAreUniqueOverManyGenerations() {
        Set<String> keys = new HashSet<>();
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String key = key();
            keys.add(key);
            bodies.add(key.substring(3, 3 + ApiKeyFormat.BODY_LENGTH));
        }
        assertThat(keys).hasSize(10_000);
        assertThat(bodies).hasSize(10_000);
    }

    @Test
    void generatedKeyBodyUsesTheWholeAlphabetAcrossGenerations() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String key = key();
            for (int j = 3 + 1; j < 3 + ApiKeyFormat.BODY_LENGTH; j++) {
                seen.add(key.charAt(j));
            }
        }
        assertThat(seen).hasSize(62);
    }

    @Test
    void generationIsDrivenByTheGivenRandomSource() {
        SecureRandom zeros = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        };
        String key = ApiKeyFormat.generate(zeros);
        assertThat(key).startsWith("vr_" + "0".repeat(43));
        assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();

        SecureRandom ones = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0xff);
            }
        };
        String max = ApiKeyFormat.generate(ones);
        assertThat(max).hasSize(52);
        assertThat(ApiKeyFormat.isWellFormed(max)).isTrue();
    }

    @Test
    void rejectsKeyWithOneCharacterChanged() {
        for (int round = 0; round < 20; round++) {
            String key = key();
            for (int i = 0; i < key.length(); i++) {
                for (int a = 0; a < BASE62.length(); a++) {
                    char replacement = BASE62.charAt(a);
                    if (replacement == key.charAt(i)) {
                        continue;
                    }
                    String changed = withCharAt(key, i, replacement);
                    assertThat(ApiKeyFormat.isWellFormed(changed))
                            .as("position %d -> %s", i, replacement)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void rejectsKeyWithOneCharacterChangedToAnyAsciiCharacter() {
        String key = key();
        for (int i = 0; i < key.length(); i++) {
            for (char c = 0; c < 128; c++) {
                if (c == key.charAt(i)) {
                    continue;
                }
                assertThat(ApiKeyFormat.isWellFormed(withCharAt(key, i, c)))
                        .as("position %d -> %d", i, (int) c)
                        .isFalse();
            }
        }
    }

    @Test
    void rejectsKeyWithTwoAdjacentCharactersSwapped() {
        String key = key();
        for (int i = 3; i < key.length() - 1; i++) {
            if (key.charAt(i) == key.charAt(i + 1)) {
                continue;
            }
            String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);
            assertThat(ApiKeyFormat.isWellFormed(swapped)).as("swap at %d", i).isFalse();
        }
    }

    @Test
    void rejectsTruncatedKey() {
        String key = key();
        for (int length = 0; length < key.length(); length++) {
            assertThat(ApiKeyFormat.isWellFormed(key.substring(0, length)))
                    .as("length %d", length)
                    .isFalse();
        }
        assertThat(ApiKeyFormat.isWellFormed(key.substring(1))).isFalse();
    }

    @Test
    void rejectsExtendedKey() {
        String key = key();
        for (char c : BASE62.toCharArray()) {
            assertThat(ApiKeyFormat.isWellFormed(key + c)).isFalse();
            assertThat(ApiKeyFormat.isWellFormed(c + key)).isFalse();
        }
        assertThat(ApiKeyFormat.isWellFormed(key + " ")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key + "\n")).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(" " + key)).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key + key)).isFalse();
    }

    @Test
    void rejectsKeyWithWrongPrefixEvenWhenChecksumIsRecomputed() {
        // A made-up key with a correct checksum but another prefix must still fail on the prefix.
        String key = key();
        String body = key.substring(3, 3 + ApiKeyFormat.BODY_LENGTH);
        for (String prefix : new String[] {"VR_", "vr-", "vk_", "xr_", "vr:", "Vr_"}) {
            String candidate = prefix + body + checksum(prefix + body);
            assertThat(candidate).hasSize(52);
            assertThat(ApiKeyFormat.isWellFormed(candidate)).as(prefix).isFalse();
        }
        // sanity: the same construction with the right prefix is accepted
        assertThat(ApiKeyFormat.isWellFormed("vr_" + body + checksum("vr_" + body)))
                .isTrue();
    }

    @Test
    void rejectsKeyWithNonBase62CharactersEvenWhenChecksumMatchesTheirLowByte() {
        String key = key();
        String body = key.substring(3, 3 + ApiKeyFormat.BODY_LENGTH);
        for (char bad : new char[] {'-', '_', '+', '/', '=', '.', ' ', '\0', '%', '!'}) {
            String changedBody = bad + body.substring(1);
            String candidate = "vr_" + changedBody + checksum("vr_" + changedBody);
            assertThat(ApiKeyFormat.isWellFormed(candidate))
                    .as("char %d", (int) bad)
                    .isFalse();
        }
    }

    @Test
    void rejectsUnicodeLookalikes() {
        String key = key();
        String body = key.substring(3, 3 + ApiKeyFormat.BODY_LENGTH);
        // characters that look like ASCII ones or whose low byte equals an ASCII digit/letter
        char[] lookalikes = {
            '\u0430', // cyrillic a
            '\u0412', // cyrillic B
            '\u041e', // cyrillic O
            '\uff10', // fullwidth 0
            '\uff21', // fullwidth A
            '\uff41', // fullwidth a
            '\u0660', // arabic-indic zero
            '\u0131', // dotless i
            '\u0161', // low byte 'a' (0x61)
            '\u0130', // low byte '0'
            '\u0241', // low byte 'A'
        };
        for (char lookalike : lookalikes) {
            for (int i : new int[] {0, 1, 2, 3, 20, 45, 46, 51}) {
                String changed = withCharAt(key, i, lookalike);
                assertThat(ApiKeyFormat.isWellFormed(changed))
                        .as("U+%04X at %d", (int) lookalike, i)
                        .isFalse();
            }
            // checksum recomputed over the lookalike (CRC32 only sees the low byte of each char)
            String changedBody = lookalike + body.substring(1);
            String candidate = "vr_" + changedBody + checksum("vr_" + changedBody);
            assertThat(ApiKeyFormat.isWellFormed(candidate))
                    .as("U+%04X with checksum", (int) lookalike)
                    .isFalse();
        }
        assertThat(ApiKeyFormat.isWellFormed("\uff56\uff52_" + key.substring(3)))
                .isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(ApiKeyFormat.isWellFormed(null)).isFalse();
    }

    @Test
    void rejectsEmpty() {
        assertThat(ApiKeyFormat.isWellFormed("")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vr_", "vr", "v", " ", "null", "undefined", "Bearer", "vr_0000"})
    void rejectsShortJunk(String candidate) {
        assertThat(ApiKeyFormat.isWellFormed(candidate)).isFalse();
    }

    @Test
    void rejectsFiveThousandCharacterString() {
        String key = key();
        assertThat(ApiKeyFormat.isWellFormed(key + "a".repeat(5_000 - key.length())))
                .isFalse();
        assertThat(ApiKeyFormat.isWellFormed("vr_" + "a".repeat(4_997))).isFalse();
        assertThat(ApiKeyFormat.isWellFormed(key.repeat(100).substring(0, 5_000)))
                .isFalse();
    }

    @Test
    void rejectsRightLengthKeyWhoseChecksumDoesNotMatch() {
        assertThat(ApiKeyFormat.isWellFormed("vr_" + "0".repeat(49))).isFalse();
        assertThat(ApiKeyFormat.isWellFormed("0".repeat(52))).isFalse();
    }

    @Test
    void acceptsAnyCharSequenceNotOnlyStrings() {
        String key = key();
        assertThat(ApiKeyFormat.isWellFormed(new StringBuilder(key))).isTrue();
        assertThat(ApiKeyFormat.isWellFormed(new StringBuilder(key).reverse())).isFalse();
    }

    @Test
    void displayPrefixIsVrPrefixAndFourCharacters() {
        String key = key();
        assertThat(ApiKeyFormat.displayPrefix(key))
                .isEqualTo(key.substring(0, 7))
                .hasSize(7)
                .startsWith("vr_");
    }

    @Test
    void displayPrefixOfTooShortValueThrowsInsteadOfReturningIt() {
        assertThatThrownBy(() -> ApiKeyFormat.displayPrefix("vr_1"))
                .isInstanceOf(StringIndexOutOfBoundsException.class);
    }

    /** The format's checksum, computed independently of the class under test. */
    private static String checksum(String text) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (int i = 0; i < text.length(); i++) {
            crc.update(text.charAt(i));
        }
        long value = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
