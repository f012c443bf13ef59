package io.vivreal.content.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The upload sniffer under arbitrary bytes: a type or a refusal, never an exception, in bounded
 * time; the decision rests on the first {@link ContentSniffer#HEAD_BYTES} alone (what the upload
 * route reads), and a type is only ever given to bytes that begin with that type's signature.
 */
class ContentSnifferFuzzTests {

    /** Far above what a 512-byte look takes; only a loop that does not end gets near it. */
    private static final long MAX_NANOS = 1_000_000_000L;

    private static final Map<AllowedMediaType, byte[]> SIGNATURES = Map.of(
            AllowedMediaType.JPEG,
            new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            AllowedMediaType.PNG,
            new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
            AllowedMediaType.GIF,
            "GIF8".getBytes(StandardCharsets.ISO_8859_1),
            AllowedMediaType.WEBP,
            "RIFF".getBytes(StandardCharsets.ISO_8859_1),
            AllowedMediaType.PDF,
            "%PDF-".getBytes(StandardCharsets.ISO_8859_1),
            AllowedMediaType.WEBM,
            new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3});

    @FuzzTest(maxDuration = "3m")
    void anyBytesAreATypeOrARefusal(byte[] input) {
        long started = System.nanoTime();
        Optional<AllowedMediaType> type = ContentSniffer.sniff(input);
        long took = System.nanoTime() - started;

        assertThat(took).isLessThan(MAX_NANOS);
        byte[] head = Arrays.copyOf(input, Math.min(input.length, ContentSniffer.HEAD_BYTES));
        assertThat(ContentSniffer.sniff(head)).isEqualTo(type);
        type.ifPresent(sniffed -> {
            if (sniffed == AllowedMediaType.MP4) {
                assertThat(new String(input, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");
            } else {
                byte[] signature = SIGNATURES.get(sniffed);
                assertThat(Arrays.copyOf(input, signature.length))
                        .as(sniffed.name())
                        .isEqualTo(signature);
            }
        });
    }
}
