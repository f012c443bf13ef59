package io.vivreal.content.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Smallest well-formed starts of each allowed type, and of things that must be refused. */
final class Samples {

    private Samples() {}

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] jpeg() {
        return concat(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10), ascii("JFIF\0"), new byte[32]);
    }

    static byte[] png() {
        return concat(
                bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'),
                bytes(0, 0, 0, 13),
                ascii("IHDR"),
                bytes(0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0),
                new byte[4]);
    }

    static byte[] gif() {
        return concat(ascii("GIF89a"), bytes(1, 0, 1, 0, 0x80, 0, 0), new byte[16]);
    }

    /** A complete 1x1 lossless WebP. */
    static byte[] webp() {
        return bytes(
                0x52, 0x49, 0x46, 0x46, 0x1a, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c, 0x0d,
                0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00);
    }

    static byte[] pdf() {
        return ascii("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    }

    static byte[] mp4(String brand) {
        return concat(
                bytes(0, 0, 0, 24),
                ascii("ftyp" + brand),
                bytes(0, 0, 2, 0),
                ascii("isommp41"),
                bytes(0, 0, 0, 8),
                ascii("free"));
    }

    static byte[] webm(String docType) {
        byte[] type = ascii(docType);
        byte[] body = concat(
                bytes(0x42, 0x86, 0x81, 0x01),
                bytes(0x42, 0xF7, 0x81, 0x01),
                bytes(0x42, 0xF2, 0x81, 0x04),
                bytes(0x42, 0xF3, 0x81, 0x08),
                bytes(0x42, 0x82, 0x80 | type.length),
                type,
                bytes(0x42, 0x87, 0x81, 0x02),
                bytes(0x42, 0x85, 0x81, 0x02));
        return concat(
                bytes(0x1A, 0x45, 0xDF, 0xA3, 0x80 | body.length),
                body,
                bytes(0x18, 0x53, 0x80, 0x67, 0x80),
                new byte[8]);
    }
}
