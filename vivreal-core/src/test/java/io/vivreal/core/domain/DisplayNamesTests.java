package io.vivreal.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNamesTests {

    private static final String FIELD = "displayName";

    private static String clean(String raw) {
        return DisplayNames.clean(raw, FIELD, 100);
    }

    private static void assertRefused(String raw) {
        DomainException e = catchThrowableOfType(DomainException.class, () -> clean(raw));
        assertThat(e)
                .as(
                        "%s",
                        raw == null
                                ? null
                                : raw.codePoints()
                                        .mapToObj(c -> String.format("U+%04X", c))
                                        .toList())
                .isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.field()).isEqualTo(FIELD);
        assertThat(e.code()).isEqualTo("invalid");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Acme",
                "Acme Content Co.",
                "O'Brien & Sons (UK) Ltd.",
                "Zoë Müller",
                "José Álvarez",
                "Łódź",
                "Ελληνικά",
                "Русский",
                "العربية",
                "עברית",
                "हिन्दी",
                "北京咖啡",
                "東京 Tokyo",
                "한국어",
                "😀 Party",
                "🍕🍕🍕",
                "🇫🇷 France",
                "❤️ love",
                "a",
                "100%"
            })
    void acceptsNormalNamesInAnyScriptAndEmoji(String name) {
        assertThat(clean(name)).isEqualTo(Normalizer.normalize(name, Normalizer.Form.NFC));
    }

    @Test
    void stripsSurroundingSpaces() {
        assertThat(clean("   Acme  ")).isEqualTo("Acme");
        assertThat(clean("\tAcme\n")).isEqualTo("Acme");
    }

    @Test
    void keepsInnerPlainSpaces() {
        assertThat(clean("Acme  Content")).isEqualTo("Acme  Content");
    }

    @Test
    void normalisesToNfc() {
        String decomposed = "Zoe\u0308 Caf\u0065\u0301";
        String cleaned = clean(decomposed);
        assertThat(cleaned).isEqualTo("Zo\u00eb Caf\u00e9");
        assertThat(Normalizer.isNormalized(cleaned, Normalizer.Form.NFC)).isTrue();
        assertThat(clean("\u212b")).isEqualTo("\u00c5"); // angstrom sign → A with ring
    }

    @Test
    void twoSpellingsOfTheSameNameCleanToTheSameString() {
        assertThat(clean("Ame\u0301lie")).isEqualTo(clean("Am\u00e9lie"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n", " \t\r\n "})
    void rejectsBlank(String raw) {
        assertRefused(raw);
    }

    @Test
    void acceptsExactlyMaxLengthCodePoints() {
        assertThat(clean("a".repeat(100))).hasSize(100);
        String emoji = "😀".repeat(100);
        assertThat(emoji.length()).isEqualTo(200);
        assertThat(clean(emoji)).isEqualTo(emoji);
    }

    @Test
    void rejectsMoreThanMaxLengthCodePoints() {
        assertRefused("a".repeat(101));
        assertRefused("😀".repeat(101));
        assertRefused("北".repeat(101));
        assertRefused("a".repeat(100_000));
    }

    @Test
    void countsLengthAfterNormalisation() {
        // 120 code points as typed, 60 once composed
        String decomposed = "e\u0301".repeat(60);
        assertThat(clean(decomposed)).isEqualTo("\u00e9".repeat(60));
    }

    @Test
    void countsLengthAfterStripping() {
        assertThat(clean("  " + "a".repeat(100) + "  ")).hasSize(100);
    }

    @Test
    void honoursTheGivenMaximum() {
        assertThat(DisplayNames.clean("abcde", FIELD, 5)).isEqualTo("abcde");
        DomainException e = catchThrowableOfType(DomainException.class, () -> DisplayNames.clean("abcdef", FIELD, 5));
        assertThat(e.getMessage()).contains("5");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"\u0000", "\n", "\t", "\r", "\u007f", "\u0008", "\u001b", "\u0085", "\u009b", "\u000b", "\u000c"
            })
    void rejectsControlCharactersInsideAName(String control) {
        assertRefused("Ac" + control + "me");
    }

    @Test
    void rejectsControlCharactersThatCannotBeStrippedAtTheEdges() {
        assertRefused("Acme\u0000");
        assertRefused("\u0000Acme");
        assertRefused("Acme\u007f");
        assertRefused("\u001b[31mAcme");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u200b", // zero width space
                "\u200c", // zero width non-joiner
                "\u200d", // zero width joiner
                "\u200e", // left-to-right mark
                "\u200f", // right-to-left mark
                "\u202a",
                "\u202b",
                "\u202c",
                "\u202d",
                "\u202e", // right-to-left override
                "\u2066",
                "\u2067",
                "\u2068",
                "\u2069", // isolates
                "\u2060", // word joiner
                "\ufeff", // byte order mark
                "\u00ad", // soft hyphen
                "\u061c", // arabic letter mark
                "\ufff9" // interlinear annotation anchor
            })
    void rejectsInvisibleFormattingCharacters(String format) {
        assertRefused("Ac" + format + "me");
        assertRefused(format + "Acme");
        assertRefused("Acme" + format);
    }

    @Test
    void rejectsBidiOverrideSpoofOfAFileName() {
        assertRefused("invoice\u202egpj.exe");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u2028", // line separator
                "\u2029", // paragraph separator
                "\u00a0", // no-break space
                "\u2007", // figure space
                "\u202f", // narrow no-break space
                "\u2003", // em space
                "\u2009", // thin space
                "\u200a", // hair space
                "\u3000", // ideographic space
                "\u1680", // ogham space mark
                "\u205f" // medium mathematical space
            })
    void rejectsSeparatorsOtherThanThePlainSpace(String separator) {
        assertRefused("Ac" + separator + "me");
    }

    @Test
    void rejectsNamesMadeOnlyOfNonAsciiSpaces() {
        assertRefused("\u00a0");
        assertRefused("\u00a0\u00a0\u00a0");
        assertRefused("\u3000");
        assertRefused("\u200b\u200b");
    }

    @Test
    void rejectsPrivateUseUnassignedAndLoneSurrogates() {
        assertRefused("Acme\ue000");
        assertRefused("Acme\udb80\udc00"); // supplementary private use
        assertRefused("Acme\u0378"); // unassigned
        assertRefused("Acme\ud800"); // lone high surrogate
        assertRefused("Acme\udc00"); // lone low surrogate
        assertRefused("\udc00\ud800");
    }

    @Test
    void refusalMessageNamesTheFieldWithoutEchoingTheInput() {
        DomainException e = catchThrowableOfType(DomainException.class, () -> clean("<script>\u0000</script>"));
        assertThat(e.getMessage()).startsWith(FIELD).doesNotContain("<script>");
    }

    @Test
    void refusesNamesHiddenInBlankLookingLetters() {
        for (String invisible : new String[] {"\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "Ac\u034fme"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DisplayNames.clean(invisible, "name", 100))
                    .as("U+%04X", (int) invisible.charAt(0))
                    .isInstanceOf(DomainException.class);
        }
    }

    @Test
    void acceptsZeroWidthJoinersInsideEmojiButNotBetweenLetters() {
        org.assertj.core.api.Assertions.assertThat(DisplayNames.clean("👩\u200D💻 Team", "name", 100))
                .isEqualTo("👩\u200D💻 Team");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DisplayNames.clean("ad\u200Dmin", "name", 100))
                .isInstanceOf(DomainException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DisplayNames.clean("\u200D💻", "name", 100))
                .isInstanceOf(DomainException.class);
    }
}
