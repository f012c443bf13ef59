package io.vivreal.content.media;

import static io.vivreal.content.media.Samples.ascii;
import static io.vivreal.content.media.Samples.bytes;
import static io.vivreal.content.media.Samples.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentSnifferTests {

    private static final Map<AllowedMediaType, byte[]> SAMPLES = Map.of(
            AllowedMediaType.JPEG, Samples.jpeg(),
            AllowedMediaType.PNG, Samples.png(),
            AllowedMediaType.GIF, Samples.gif(),
            AllowedMediaType.WEBP, Samples.webp(),
            AllowedMediaType.PDF, Samples.pdf(),
            AllowedMediaType.MP4, Samples.mp4("isom"),
            AllowedMediaType.WEBM, Samples.webm("webm"));

    private static Optional<AllowedMediaType> sniff(byte[] head) {
        return ContentSniffer.sniff(head);
    }

    @Test
    void recognisesEachAllowedTypeFromItsBytes() {
        SAMPLES.forEach(
                (type, sample) -> assertThat(sniff(sample)).as(type.name()).contains(type));
    }

    @Test
    void recognisesTheCommonMp4Brands() {
        for (String brand : new String[] {"isom", "iso2", "mp41", "mp42", "avc1", "M4V ", "dash"}) {
            assertThat(sniff(Samples.mp4(brand))).as(brand).contains(AllowedMediaType.MP4);
        }
    }

    @Test
    void refusesEveryTruncatedHeader() {
        SAMPLES.forEach((type, sample) -> {
            int needed = switch (type) {
                case JPEG -> 4;
                case PNG, WEBP, MP4 -> 16;
                case GIF -> 13;
                case PDF -> 8;
                case WEBM -> 5 + (sample[4] & 0x7F);
            };
            for (int length = 0; length < needed; length++) {
                assertThat(sniff(Arrays.copyOf(sample, length)))
                        .as(type + " cut to " + length + " bytes")
                        .isEmpty();
            }
        });
    }

    @Test
    void refusesActiveContentWhateverItIsCalled() {
        String[] active = {
            "<!DOCTYPE html><html><script>alert(1)</script>",
            "<html><body>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            "\uFEFF<svg/onload=alert(1)>",
            "<?xml version=\"1.0\"?><svg/>",
            "#!/bin/sh\nrm -rf /\n",
            "<script>alert(1)</script>%PDF-1.4",
            " %PDF-1.4\n",
            "\n%PDF-1.4\n",
            "function x(){}",
        };
        for (String text : active) {
            assertThat(sniff(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as(text)
                    .isEmpty();
        }
    }

    @Test
    void refusesArchivesAndOtherContainers() {
        assertThat(sniff(concat(bytes('P', 'K', 3, 4), new byte[40]))).as("zip").isEmpty();
        assertThat(sniff(concat(ascii("RIFF"), bytes(36, 0, 0, 0), ascii("WAVEfmt "), new byte[20])))
                .as("wav")
                .isEmpty();
        assertThat(sniff(concat(ascii("RIFF"), bytes(36, 0, 0, 0), ascii("AVI LIST"), new byte[20])))
                .as("avi")
                .isEmpty();
        assertThat(sniff(Samples.webm("matroska"))).as("matroska").isEmpty();
        assertThat(sniff(Samples.mp4("qt  "))).as("quicktime").isEmpty();
        assertThat(sniff(Samples.mp4("heic"))).as("heic image").isEmpty();
        assertThat(sniff(Samples.mp4("M4A "))).as("m4a audio").isEmpty();
        assertThat(sniff(Samples.mp4("3gp5"))).as("3gpp").isEmpty();
        assertThat(sniff(concat(ascii("%!PS-Adobe-3.0"), new byte[20])))
                .as("postscript")
                .isEmpty();
        assertThat(sniff(concat(ascii("BM"), new byte[60]))).as("bmp").isEmpty();
        assertThat(sniff(concat(bytes(0x49, 0x49, 0x2A, 0x00), new byte[60])))
                .as("tiff")
                .isEmpty();
    }

    @Test
    void refusesMagicBytesWithoutTheStructureBehindThem() {
        byte[] png = Samples.png();
        byte[] notIhdr = png.clone();
        notIhdr[12] = 'X';
        assertThat(sniff(notIhdr)).as("png without IHDR").isEmpty();
        byte[] longIhdr = png.clone();
        longIhdr[11] = 14;
        assertThat(sniff(longIhdr)).as("png with a wrong IHDR length").isEmpty();

        byte[] webp = Samples.webp();
        webp[15] = 'Z';
        assertThat(sniff(webp)).as("webp with an unknown first chunk").isEmpty();

        assertThat(sniff(concat(bytes(0xFF, 0xD8, 0xFF, 0x00), new byte[20])))
                .as("jpeg without a marker")
                .isEmpty();
        assertThat(sniff(concat(ascii("GIF88a"), new byte[20])))
                .as("gif version")
                .isEmpty();
        assertThat(sniff(concat(ascii("%PDF-x.y"), new byte[20])))
                .as("pdf version")
                .isEmpty();
        assertThat(sniff(concat(ascii("%PDF-"), new byte[20])))
                .as("pdf without version")
                .isEmpty();
    }

    @Test
    void refusesMalformedFtypBoxes() {
        byte[] sample = Samples.mp4("isom");
        for (int size : new int[] {0, 8, 12, 17, 22, 2048, 0x7FFFFFFF}) {
            byte[] box = sample.clone();
            box[0] = (byte) (size >>> 24);
            box[1] = (byte) (size >>> 16);
            box[2] = (byte) (size >>> 8);
            box[3] = (byte) size;
            assertThat(sniff(box)).as("ftyp box of " + size + " bytes").isEmpty();
        }
        byte[] late = concat(bytes(0, 0, 0, 8), ascii("free"), sample);
        assertThat(sniff(late)).as("ftyp not first").isEmpty();
    }

    @Test
    void refusesMalformedEbmlHeaders() {
        byte[] webm = Samples.webm("webm");
        byte[] unknownSize = webm.clone();
        unknownSize[4] = (byte) 0xFF;
        assertThat(sniff(unknownSize)).as("unknown-size header").isEmpty();

        byte[] overlong = webm.clone();
        overlong[4] = (byte) 0x80 | 0x7E;
        assertThat(sniff(overlong)).as("header longer than the bytes").isEmpty();

        byte[] shortHeader = webm.clone();
        shortHeader[4] = (byte) (0x80 | 16);
        assertThat(sniff(shortHeader)).as("doc type outside the header").isEmpty();

        byte[] zeroId = webm.clone();
        zeroId[5] = 0;
        assertThat(sniff(zeroId)).as("invalid element id").isEmpty();

        assertThat(sniff(bytes(0x1A, 0x45, 0xDF, 0xA3))).as("magic only").isEmpty();
        assertThat(sniff(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x00)))
                .as("invalid size")
                .isEmpty();
    }

    @Test
    void aValidHeaderDecidesTheTypeWhateverFollowsIt() {
        // A GIF header followed by script is still only ever served as image/gif, with nosniff and a
        // sandboxing CSP; sniffing picks the type, the response headers keep browsers from running it.
        byte[] polyglot = concat(ascii("GIF89a/*"), bytes(1, 0, 1, 0, 0), ascii("*/=1;alert(document.domain)//"));
        assertThat(sniff(polyglot)).contains(AllowedMediaType.GIF);
        assertThat(sniff(concat(Samples.pdf(), ascii("<html><script>alert(1)</script>"))))
                .contains(AllowedMediaType.PDF);
    }

    @Test
    void nullAndEmptyAreRefused() {
        assertThat(sniff(null)).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
        assertThat(sniff(new byte[ContentSniffer.HEAD_BYTES])).isEmpty();
    }
}
