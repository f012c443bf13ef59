package io.vivreal.core.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vivreal.core.domain.DomainException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupNamesTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = "[a-z0-9]+(-[a-z0-9]+)*-[a-z0-9]{6}";

    private static String key(String name) {
        return GroupNames.key(name, RANDOM);
    }

    /** The key without its random suffix. */
    private static String base(String key) {
        return key.substring(0, key.length() - 7);
    }

    /** A random source that always picks the first suffix character. */
    private static final SecureRandom FIRST = new SecureRandom() {
        @Override
        public int nextInt(int bound) {
            return 0;
        }
    };

    @Test
    void cleanAcceptsUnicodeNamesAndTrims() {
        assertThat(GroupNames.clean("  Café Crème ")).isEqualTo("Café Crème");
        assertThat(GroupNames.clean("北京咖啡 ☕")).isEqualTo("北京咖啡 ☕");
    }

    @Test
    void cleanRejectsWithFieldName() {
        for (String raw : new String[] {null, " ", "a\u200bb", "a\u202eb", "a\nb", "a\u00a0b", "a".repeat(101)}) {
            DomainException e = catchThrowableOfType(DomainException.class, () -> GroupNames.clean(raw));
            assertThat(e).as(String.valueOf(raw)).isNotNull();
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(e.field()).isEqualTo("name");
        }
    }

    @Test
    void cleanAllowsOneHundredCodePoints() {
        assertThat(GroupNames.MAX_LENGTH).isEqualTo(100);
        assertThat(GroupNames.clean("é".repeat(100))).hasSize(100);
        assertThat(GroupNames.clean("🎉".repeat(100)).codePointCount(0, 200)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Acme",
                "Café Crème",
                "北京咖啡",
                "😀",
                "../../etc/passwd",
                "<script>alert(1)</script>",
                "a b c",
                "---",
                "   ",
                "Hello, World!!",
                "İstanbul",
                "Straße",
                "ＡＢＣ",
                "Ω",
                "name?x=1&y=2#frag",
                "%2e%2e%2f",
                "UPPER lower MiXeD 123"
            })
    void keyIsUrlSafeLowercaseWithASixCharacterSuffix(String name) {
        String key = key(name);
        assertThat(key).matches(KEY);
        assertThat(key).doesNotStartWith("-").doesNotEndWith("-").doesNotContain("--");
    }

    @Test
    void keyLowercasesAndJoinsWordsWithDashes() {
        assertThat(base(key("Acme Content Co."))).isEqualTo("acme-content-co");
        assertThat(base(key("Hello, World!!"))).isEqualTo("hello-world");
        assertThat(base(key("  a  --  b  "))).isEqualTo("a-b");
        assertThat(base(key("Release 2024"))).isEqualTo("release-2024");
    }

    @Test
    void keyAsciiFoldsAccents() {
        assertThat(base(key("Café Crème"))).isEqualTo("cafe-creme");
        assertThat(base(key("Ångström Ünïcödé"))).isEqualTo("angstrom-unicode");
        assertThat(base(key("İstanbul"))).isEqualTo("istanbul");
        assertThat(base(key("Zoe\u0308"))).isEqualTo("zoe");
    }

    @Test
    void keyKeepsTheLatinPartOfMixedNames() {
        assertThat(base(key("Acme 北京"))).isEqualTo("acme");
        assertThat(base(key("😀 Party 😀"))).isEqualTo("party");
    }

    @Test
    void keyFallsBackToGroupForNamesWithoutLatinLetters() {
        for (String name : new String[] {"北京咖啡", "Русский", "العربية", "😀🎉", "---", "!!!", "ＡＢＣ"}) {
            assertThat(key(name)).as(name).matches("group-[a-z0-9]{6}");
        }
    }

    @Test
    void keyCannotCarryPathOrMarkup() {
        assertThat(base(key("../../etc/passwd"))).isEqualTo("etc-passwd");
        assertThat(base(key("<script>alert(1)</script>"))).isEqualTo("script-alert-1-script");
    }

    @Test
    void keyLengthIsBounded() {
        String longName = "word ".repeat(40);
        String key = key(longName);
        assertThat(key).matches(KEY);
        assertThat(base(key).length()).isLessThanOrEqualTo(40);
        assertThat(key.length()).isLessThanOrEqualTo(47);
        assertThat(key(GroupNames.clean("x".repeat(100)))).hasSize(47);
        assertThat(key("a".repeat(100_000)).length()).isEqualTo(47);
    }

    @Test
    void keyCutAtTheLengthLimitDoesNotEndWithADash() {
        // 39 letters then a separator: the cut at 40 would leave a trailing dash
        String name = "a".repeat(39) + " bcdef";
        String key = key(name);
        assertThat(base(key)).isEqualTo("a".repeat(39));
        assertThat(key).matches(KEY);
    }

    @Test
    void keySuffixIsRandom() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            keys.add(key("Acme"));
        }
        assertThat(keys).hasSizeGreaterThan(495);
        assertThat(keys).allSatisfy(k -> assertThat(k).matches("acme-[a-z0-9]{6}"));
    }

    @Test
    void keySuffixComesFromTheGivenRandomSource() {
        assertThat(GroupNames.key("Acme", FIRST)).isEqualTo("acme-aaaaaa");
        assertThat(GroupNames.key("北京", FIRST)).isEqualTo("group-aaaaaa");
    }

    @Test
    void keySuffixUsesLettersAndDigits() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String key = key("x");
            for (char c : key.substring(key.length() - 6).toCharArray()) {
                seen.add(c);
            }
        }
        assertThat(seen).hasSize(36);
    }
}
