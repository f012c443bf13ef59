package io.vivreal.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The TOTP arithmetic against RFC 6238's own test vectors, base32, and the QR code's SVG. */
class TotpCodesTests {

    /** RFC 6238 appendix B: the SHA-1 key is the ASCII digits "1234567890" twice. */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codesMatchTheRfc6238TestVectorsInTheirLastSixDigits() {
        assertThat(TotpCodes.codeAt(RFC_KEY, TotpCodes.stepOf(Instant.ofEpochSecond(59))))
                .isEqualTo("287082");
        assertThat(TotpCodes.codeAt(RFC_KEY, TotpCodes.stepOf(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
        assertThat(TotpCodes.codeAt(RFC_KEY, TotpCodes.stepOf(Instant.ofEpochSecond(2000000000))))
                .isEqualTo("279037");
    }

    @Test
    void onlyThePreviousCurrentAndNextStepsMatch() {
        Instant now = Instant.ofEpochSecond(1111111109);
        long current = TotpCodes.stepOf(now);
        for (long step = current - 1; step <= current + 1; step++) {
            assertThat(TotpCodes.matchingSteps(RFC_KEY, TotpCodes.codeAt(RFC_KEY, step), now))
                    .contains(step);
        }
        assertThat(TotpCodes.matchingSteps(RFC_KEY, TotpCodes.codeAt(RFC_KEY, current - 2), now))
                .doesNotContain(current - 2);
        assertThat(TotpCodes.matchingSteps(RFC_KEY, TotpCodes.codeAt(RFC_KEY, current + 2), now))
                .doesNotContain(current + 2);
    }

    @Test
    void onlySixDigitsLookLikeACode() {
        assertThat(TotpCodes.looksLikeCode("012345")).isTrue();
        for (String other : new String[] {null, "", "12345", "1234567", "12a456", "١٢٣٤٥٦", " 12345"}) {
            assertThat(TotpCodes.looksLikeCode(other)).as(String.valueOf(other)).isFalse();
        }
    }

    @Test
    void base32RoundTripsAndRefusesOtherCharacters() {
        byte[] bytes = new byte[20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        String encoded = Base32.encode(bytes);
        assertThat(encoded).matches("[A-Z2-7]{32}");
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
        assertThat(Base32.decode(encoded.toLowerCase(java.util.Locale.ROOT))).isEqualTo(bytes);
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI"); // RFC 4648
        assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQrSvgDecodesToTheUrlAndContainsNoMarkupFromIt() throws Exception {
        String url = "otpauth://totp/Vivreal:a%3Cscript%3E%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Vivreal";
        String svg = QrSvg.of(url);
        assertThat(svg)
                .startsWith("<svg ")
                .endsWith("</svg>")
                .doesNotContain("script")
                .doesNotContain("JBSWY3DP");

        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        int scale = 4;
        int width = modules * scale;
        int[] pixels = new int[width * width];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * width + x * scale + dx] = 0xFF000000;
                }
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, width, pixels)));
        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(url);
    }
}
