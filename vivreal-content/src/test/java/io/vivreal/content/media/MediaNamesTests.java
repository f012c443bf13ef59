package io.vivreal.content.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaNamesTests {

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(MediaNames.clean("../../etc/passwd")).contains("passwd");
        assertThat(MediaNames.clean("C:\\Users\\ann\\cat.png")).contains("cat.png");
        assertThat(MediaNames.clean("/var/tmp/")).isEmpty();
    }

    @Test
    void dropsControlLineBreakingAndInvisibleFormattingCharacters() {
        assertThat(MediaNames.clean("a\r\nSet-Cookie: x=1.png")).contains("aSet-Cookie: x=1.png");
        assertThat(MediaNames.clean("cat\u202Egnp.exe")).contains("catgnp.exe");
        assertThat(MediaNames.clean("zero\u200Bwidth\u0000.jpg")).contains("zerowidth.jpg");
        assertThat(MediaNames.clean("line\u2028break.pdf")).contains("linebreak.pdf");
        assertThat(MediaNames.clean("\u0007\u001b")).isEmpty();
    }

    @Test
    void keepsOrdinaryNamesInAnyScript() {
        assertThat(MediaNames.clean("  Affiche d’été 🎭.webp ")).contains("Affiche d’été 🎭.webp");
    }

    @Test
    void shortensLongNamesKeepingTheExtension() {
        String cleaned = MediaNames.clean("x".repeat(500) + ".jpeg").orElseThrow();

        assertThat(cleaned.codePointCount(0, cleaned.length())).isEqualTo(MediaNames.MAX_LENGTH);
        assertThat(cleaned).endsWith(".jpeg");
        assertThat(MediaNames.clean("😀".repeat(300)).orElseThrow().codePointCount(0, 400))
                .isLessThanOrEqualTo(MediaNames.MAX_LENGTH);
    }

    @Test
    void theExtensionIsWhatFollowsTheLastDot() {
        assertThat(MediaNames.extension("a.tar.GZ")).contains("gz");
        assertThat(MediaNames.extension(".png")).contains("png");
        assertThat(MediaNames.extension("README")).isEmpty();
        assertThat(MediaNames.extension("trailing.")).isEmpty();
    }

    @Test
    void aNameIsCorrectedToTheExtensionOfWhatItsBytesAre() {
        assertThat(MediaNames.corrected("report.png", AllowedMediaType.PDF)).isEqualTo("report.pdf");
        assertThat(MediaNames.corrected("photo.JPEG", AllowedMediaType.JPEG)).isEqualTo("photo.JPEG");
        assertThat(MediaNames.corrected("scan", AllowedMediaType.PDF)).isEqualTo("scan.pdf");
        assertThat(MediaNames.corrected("my.holiday.snapshot", AllowedMediaType.PNG))
                .isEqualTo("my.holiday.snapshot.png");
        assertThat(MediaNames.corrected(".png", AllowedMediaType.GIF)).isEqualTo("upload.gif");
        assertThat(MediaNames.corrected(null, AllowedMediaType.WEBP)).isEqualTo("upload.webp");
        assertThat(MediaNames.corrected("x".repeat(300) + ".png", AllowedMediaType.JPEG))
                .hasSize(MediaNames.MAX_LENGTH)
                .endsWith(".jpg");
    }

    @Test
    void derivativeKeysFollowTheirOriginalAndPassTheKeyGrammar() {
        String original = "0123456789abcdef01234567.webp";
        String derived = MediaKeys.derivativeKey(original, 640, AllowedMediaType.JPEG);

        assertThat(derived).isEqualTo("0123456789abcdef01234567-640w.jpg");
        assertThat(MediaKeys.isKey(derived)).isTrue();
        assertThat(MediaKeys.isKey("0123456789abcdef01234567-0640w.jpg")).isFalse();
        assertThat(MediaKeys.isKey("0123456789abcdef01234567-640w-320w.jpg")).isFalse();
    }
}
