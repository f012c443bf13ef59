package io.vivreal.content.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what an upload is from its first bytes, and nothing else.
 *
 * <p>The file name and the declared {@code Content-Type} are chosen by whoever uploads, so they
 * are never trusted: an HTML page named {@code cat.png} and sent as {@code image/png} is still
 * HTML, and served from our origin it would run script in every visitor's browser. Each allowed
 * type is recognised by its signature at offset 0 plus enough of the following structure that a
 * few magic bytes glued onto other content are not enough (a PNG needs its {@code IHDR} chunk, a
 * WebP its first VP8 chunk, an MP4 a well-formed {@code ftyp} box with a video brand, a WebM an
 * EBML header whose DocType is {@code webm}). Anything unrecognised — HTML, SVG, XML, scripts,
 * archives, QuickTime, Matroska, HEIC, a truncated header — is refused.
 *
 * <p>Sniffing cannot prove a file is harmless: a valid GIF header can be followed by bytes that
 * also parse as script (a polyglot). That is why downloads are also served with the sniffed type,
 * {@code X-Content-Type-Options: nosniff} and a sandboxing {@code Content-Security-Policy}: a
 * browser then neither reinterprets the bytes nor runs them.
 */
public final class ContentSniffer {

    /** How many leading bytes {@link #sniff} needs; a shorter upload is judged on what it has. */
    public static final int HEAD_BYTES = 512;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] EBML_MAGIC = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final int EBML_DOCTYPE = 0x4282;
    private static final int MAX_FTYP_BOX = 1024;
    private static final int MAX_EBML_HEADER = 256;

    /** ISO-BMFF major brands of MP4 video; QuickTime ({@code qt  }), 3GPP, HEIF and audio are not here. */
    private static final Set<String> MP4_BRANDS = Set.of(
            "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash", "mmp4", "MSNV");

    private ContentSniffer() {}

    /** The allowed type these leading bytes begin, or empty when they begin none. */
    public static Optional<AllowedMediaType> sniff(byte[] head) {
        if (head == null) {
            return Optional.empty();
        }
        if (jpeg(head)) {
            return Optional.of(AllowedMediaType.JPEG);
        }
        if (png(head)) {
            return Optional.of(AllowedMediaType.PNG);
        }
        if (gif(head)) {
            return Optional.of(AllowedMediaType.GIF);
        }
        if (webp(head)) {
            return Optional.of(AllowedMediaType.WEBP);
        }
        if (pdf(head)) {
            return Optional.of(AllowedMediaType.PDF);
        }
        if (mp4(head)) {
            return Optional.of(AllowedMediaType.MP4);
        }
        if (webm(head)) {
            return Optional.of(AllowedMediaType.WEBM);
        }
        return Optional.empty();
    }

    /** Start-of-image {@code FF D8}, then the first marker ({@code FF} and a marker code). */
    private static boolean jpeg(byte[] b) {
        return b.length >= 4
                && u8(b, 0) == 0xFF
                && u8(b, 1) == 0xD8
                && u8(b, 2) == 0xFF
                && u8(b, 3) >= 0xC0
                && u8(b, 3) <= 0xFE;
    }

    /** The 8-byte signature, then the first chunk, which must be a 13-byte {@code IHDR}. */
    private static boolean png(byte[] b) {
        return b.length >= 16
                && startsWith(b, 0, PNG_SIGNATURE)
                && u32be(b, 8) == 13
                && ascii(b, 12, 4).equals("IHDR");
    }

    /** {@code GIF87a} or {@code GIF89a}, followed by a complete logical screen descriptor. */
    private static boolean gif(byte[] b) {
        if (b.length < 13) {
            return false;
        }
        String signature = ascii(b, 0, 6);
        return signature.equals("GIF87a") || signature.equals("GIF89a");
    }

    /** A RIFF container of form {@code WEBP} whose first chunk is VP8, VP8L or VP8X. */
    private static boolean webp(byte[] b) {
        if (b.length < 16 || !ascii(b, 0, 4).equals("RIFF") || !ascii(b, 8, 4).equals("WEBP")) {
            return false;
        }
        String chunk = ascii(b, 12, 4);
        long riffSize = u32le(b, 4);
        return riffSize >= 12 && (chunk.equals("VP8 ") || chunk.equals("VP8L") || chunk.equals("VP8X"));
    }

    /** {@code %PDF-<digit>.<digit>} at offset 0 exactly; readers that look further are not followed. */
    private static boolean pdf(byte[] b) {
        return b.length >= 8 && ascii(b, 0, 5).equals("%PDF-") && isDigit(b[5]) && b[6] == '.' && isDigit(b[7]);
    }

    /**
     * An ISO-BMFF {@code ftyp} box first: a size that covers major brand, minor version and whole
     * compatible brands, and a major brand of MP4 video.
     */
    private static boolean mp4(byte[] b) {
        if (b.length < 16 || !ascii(b, 4, 4).equals("ftyp")) {
            return false;
        }
        long size = u32be(b, 0);
        return size >= 16 && size <= MAX_FTYP_BOX && (size - 16) % 4 == 0 && MP4_BRANDS.contains(ascii(b, 8, 4));
    }

    /**
     * An EBML header, read element by element, that lies wholly within {@code head} and declares
     * the DocType {@code webm} (Matroska's {@code matroska} is a different, unsupported type).
     */
    private static boolean webm(byte[] b) {
        if (b.length < EBML_MAGIC.length || !startsWith(b, 0, EBML_MAGIC)) {
            return false;
        }
        long[] size = vint(b, EBML_MAGIC.length, true);
        if (size == null || size[0] > MAX_EBML_HEADER) {
            return false;
        }
        int position = (int) size[1];
        long end = position + size[0];
        if (end > b.length) {
            return false;
        }
        while (position < end) {
            long[] id = vint(b, position, false);
            if (id == null) {
                return false;
            }
            long[] length = vint(b, (int) id[1], true);
            if (length == null) {
                return false;
            }
            int data = (int) length[1];
            if (data + length[0] > end) {
                return false;
            }
            if (id[0] == EBML_DOCTYPE) {
                String docType = ascii(b, data, (int) length[0]).replaceAll("\u0000+$", "");
                return docType.equals("webm");
            }
            position = (int) (data + length[0]);
        }
        return false;
    }

    /**
     * Reads an EBML variable-length integer at {@code offset}: {value, offset after it}, or null
     * when it is malformed or runs past the end. Sizes drop the length marker bit; ids keep it, as
     * the specification writes them. An all-ones size ("unknown") is refused.
     */
    private static long[] vint(byte[] b, int offset, boolean isSize) {
        if (offset >= b.length) {
            return null;
        }
        int first = u8(b, offset);
        int length = Integer.numberOfLeadingZeros(first) - 23;
        int maxLength = isSize ? 8 : 4;
        if (first == 0 || length > maxLength || offset + length > b.length) {
            return null;
        }
        long value = isSize ? first & (0xFF >> length) : first;
        boolean allOnes = value == (0xFF >> length);
        for (int i = 1; i < length; i++) {
            int next = u8(b, offset + i);
            allOnes &= next == 0xFF;
            value = (value << 8) | next;
        }
        if (isSize && allOnes) {
            return null;
        }
        return new long[] {value, offset + length};
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        return b.length >= offset + prefix.length
                && Arrays.equals(b, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean isDigit(byte value) {
        return value >= '0' && value <= '9';
    }

    private static int u8(byte[] b, int offset) {
        return b[offset] & 0xFF;
    }

    private static long u32be(byte[] b, int offset) {
        return ((long) u8(b, offset) << 24) | (u8(b, offset + 1) << 16) | (u8(b, offset + 2) << 8) | u8(b, offset + 3);
    }

    private static long u32le(byte[] b, int offset) {
        return ((long) u8(b, offset + 3) << 24) | (u8(b, offset + 2) << 16) | (u8(b, offset + 1) << 8) | u8(b, offset);
    }
}
