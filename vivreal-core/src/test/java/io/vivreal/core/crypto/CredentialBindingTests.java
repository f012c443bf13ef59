package io.vivreal.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialBindingTests {

    private static String ad(String group, String record, String field) {
        return new String(new CredentialBinding(group, record, field).associatedData(), StandardCharsets.UTF_8);
    }

    @Test
    void associatedDataDistinguishesPartsShiftedAcrossABoundary() {
        assertThat(ad("ab", "c", "d")).isNotEqualTo(ad("a", "bc", "d"));
        assertThat(ad("a", "bc", "d")).isNotEqualTo(ad("a", "b", "cd"));
        assertThat(ad("abc", "", "")).isNotEqualTo(ad("", "abc", "")).isNotEqualTo(ad("", "", "abc"));
    }

    @Test
    void associatedDataDistinguishesEverySplitOfTheSameText() {
        String text = "abcdefgh";
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i <= text.length(); i++) {
            for (int j = i; j <= text.length(); j++) {
                String split = i + "/" + j;
                String previous = seen.put(ad(text.substring(0, i), text.substring(i, j), text.substring(j)), split);
                assertThat(previous)
                        .as("split %s collides with %s", split, previous)
                        .isNull();
            }
        }
        assertThat(seen).hasSize(45);
    }

    @Test
    void associatedDataCannotBeForgedWithPartsThatLookLikeLengthPrefixes() {
        // every triple over parts containing digits and colons, the length syntax itself
        List<String> parts = List.of("", "1", ":", "1:", ":1", "2:a", "a", "1:a", "0:", "10:", "é", "ab", "a1:b");
        Map<String, List<String>> seen = new HashMap<>();
        for (String g : parts) {
            for (String r : parts) {
                for (String f : parts) {
                    List<String> triple = List.of(g, r, f);
                    List<String> previous = seen.put(ad(g, r, f), triple);
                    assertThat(previous)
                            .as("%s collides with %s", triple, previous)
                            .isNull();
                }
            }
        }
        assertThat(seen).hasSize(parts.size() * parts.size() * parts.size());
    }

    @Test
    void associatedDataDistinguishesMultiByteCharactersFromTheirBytes() {
        // "é" is one char but two UTF-8 bytes; the binding must not confuse it with two one-byte chars
        List<String> ads = new ArrayList<>();
        ads.add(ad("é", "x", "y"));
        ads.add(ad("e\u0301", "x", "y"));
        ads.add(ad("\u00c3\u00a9", "x", "y"));
        ads.add(ad("é", "", "xy"));
        assertThat(ads).doesNotHaveDuplicates();
    }

    @Test
    void associatedDataIsDeterministic() {
        CredentialBinding binding = new CredentialBinding("65a1b2c3d4e5f60718293a4b", "rec", "field");
        assertThat(binding.associatedData()).isEqualTo(binding.associatedData());
        assertThat(binding.associatedData())
                .isEqualTo(new CredentialBinding("65a1b2c3d4e5f60718293a4b", "rec", "field").associatedData());
    }

    @Test
    void associatedDataContainsEveryPart() {
        String ad = ad("65a1b2c3d4e5f60718293a4b", "65a1b2c3d4e5f60718293a4c", "apiSecret");
        assertThat(ad)
                .contains("65a1b2c3d4e5f60718293a4b")
                .contains("65a1b2c3d4e5f60718293a4c")
                .contains("apiSecret");
    }

    @Test
    void associatedDataDiffersWhenOnlyTheOrderOfPartsDiffers() {
        assertThat(ad("a", "b", "c")).isNotEqualTo(ad("c", "b", "a")).isNotEqualTo(ad("b", "a", "c"));
    }

    @Test
    void loneSurrogatesAreRefusedSoTheyCannotCollideWithQuestionMarks() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CredentialBinding("\uD800", "r", "f"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThat(new CredentialBinding("😀", "r", "f").associatedData())
                .isNotEqualTo(new CredentialBinding("?", "r", "f").associatedData());
    }
}
