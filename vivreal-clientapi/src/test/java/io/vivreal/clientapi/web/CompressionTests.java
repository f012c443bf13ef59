package io.vivreal.clientapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import io.vivreal.clientapi.web.Compression.Coding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class CompressionTests {

    @Test
    void choosesTheAcceptedCodingWithTheHighestWeight() {
        assertThat(Compression.brotliAvailable()).isTrue();
        assertThat(Compression.negotiate(null)).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("gzip")).isEqualTo(Coding.GZIP);
        assertThat(Compression.negotiate("x-gzip")).isEqualTo(Coding.GZIP);
        assertThat(Compression.negotiate("GZip, deflate")).isEqualTo(Coding.GZIP);
        assertThat(Compression.negotiate("gzip, deflate, br")).isEqualTo(Coding.BR);
        assertThat(Compression.negotiate("br;q=0.5, gzip;q=0.8")).isEqualTo(Coding.GZIP);
        assertThat(Compression.negotiate("br;q=0.9, gzip;q=0.8")).isEqualTo(Coding.BR);
        assertThat(Compression.negotiate("deflate")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("*")).isEqualTo(Coding.BR);
        assertThat(Compression.negotiate("*;q=0.5, br;q=0.1")).isEqualTo(Coding.GZIP);
        assertThat(Compression.negotiate("gzip;q=0.5, identity")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("identity;q=0, gzip;q=0.2")).isEqualTo(Coding.GZIP);
    }

    @Test
    void qZeroRefusesACoding() {
        assertThat(Compression.negotiate("gzip;q=0")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("gzip;q=0.000, br;q=0")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("br;q=0, gzip")).isEqualTo(Coding.GZIP);
        assertThat(Compression.negotiate("*;q=0")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("*;q=0, gzip")).isEqualTo(Coding.GZIP);
        assertThat(Compression.negotiate("gzip ; Q=0 , br ; q=0")).isEqualTo(Coding.IDENTITY);
    }

    @Test
    void malformedWeightsAndHostileHeadersAreIgnoredNotFatal() {
        assertThat(Compression.negotiate("gzip;q=2")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("gzip;q=abc, br")).isEqualTo(Coding.BR);
        assertThat(Compression.negotiate("gzip;q=0.0001")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate(";;;,,,;q=")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("x,".repeat(10_000) + "gzip")).isEqualTo(Coding.IDENTITY);
        assertThat(Compression.negotiate("gzip;q=0.5;level=9")).isEqualTo(Coding.GZIP);
    }

    @Test
    void eachCodingHasItsOwnEtag() {
        assertThat(Coding.IDENTITY.etag("\"abc\"")).isEqualTo("\"abc\"");
        assertThat(Coding.GZIP.etag("\"abc\"")).isEqualTo("\"abc-gz\"");
        assertThat(Coding.BR.etag("\"abc\"")).isEqualTo("\"abc-br\"");
    }

    @Test
    void compressedBytesDecompressToThePlainOnesAndSmallAnswersStayPlain() throws IOException {
        byte[] plain = "{\"title\":\"a page of items\"},".repeat(100).getBytes(StandardCharsets.UTF_8);
        ClientApiResponses.Rendered rendered = new ClientApiResponses.Rendered(plain, "\"e\"");

        byte[] gzip = rendered.bytes(Coding.GZIP);
        byte[] br = rendered.bytes(Coding.BR);

        assertThat(gzip.length).isLessThan(plain.length);
        assertThat(br.length).isLessThan(plain.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        assertThat(Decoder.decompress(br).getDecompressedData()).isEqualTo(plain);
        assertThat(rendered.bytes(Coding.GZIP)).isSameAs(gzip);

        ClientApiResponses.Rendered small = new ClientApiResponses.Rendered(new byte[100], "\"s\"");
        assertThat(small.compressible()).isFalse();
        assertThat(small.bytes(Coding.GZIP)).isNull();
    }

    @Test
    void answersMatchIfNoneMatchPerCoding() {
        byte[] plain = "z".repeat(4000).getBytes(StandardCharsets.UTF_8);
        ClientApiResponses.Rendered rendered = new ClientApiResponses.Rendered(plain, "\"e\"");
        String cache = ClientApiResponses.PUBLIC_CACHE;

        assertThat(ClientApiResponses.answer(rendered, "\"e-gz\"", "gzip", cache)
                        .status())
                .isEqualTo(304);
        assertThat(ClientApiResponses.answer(rendered, "W/\"e-br\"", "br", cache)
                        .status())
                .isEqualTo(304);
        assertThat(ClientApiResponses.answer(rendered, "\"x\", \"e\"", null, cache)
                        .status())
                .isEqualTo(304);
        assertThat(ClientApiResponses.answer(rendered, "\"e\"", "gzip", cache).status())
                .isEqualTo(200);
        assertThat(ClientApiResponses.answer(rendered, "\"e-gz\"", "br", cache).status())
                .isEqualTo(200);
        assertThat(ClientApiResponses.answer(rendered, null, "gzip", cache).vary())
                .isEqualTo("Authorization, Accept-Encoding");
    }
}
