package io.vivreal.app.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small real files of each allowed type, things that must be refused, and multipart bodies. */
public final class MediaFiles {

    public static final String BOUNDARY = "----vivreal-test-boundary-7MA4YWxkTrZu0gW";
    public static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    private MediaFiles() {}

    public static byte[] image(String format) {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, Color.RED.getRGB());
        image.setRGB(2, 1, Color.BLUE.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A real image of the given size: a gradient with some detail, translucent when {@code alpha}. */
    public static byte[] picture(int width, int height, boolean alpha, String format) {
        BufferedImage image =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int red = x * 255 / width;
                int green = y * 255 / height;
                int blue = ((x / 16) + (y / 16)) % 2 == 0 ? 40 : 200;
                int opacity = alpha ? 128 + (x % 128) : 255;
                image.setRGB(x, y, (opacity << 24) | (red << 16) | (green << 8) | blue);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A PNG whose header claims {@code width × height} pixels, with a checksummed {@code IHDR}
     * and one tiny {@code IDAT}: a few dozen bytes that would decode to gigabytes.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'));
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13);
        header.putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", header.array());
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[1024]);
        deflater.finish();
        byte[] compressed = new byte[1024];
        int length = deflater.deflate(compressed);
        chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(4).putInt(data.length);
        out.writeBytes(length.array());
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(
                java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A JPEG whose left half is red and right half blue. */
    public static byte[] halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x < width / 2 ? Color.RED.getRGB() : Color.BLUE.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JPEG with an {@code APP1 Exif} segment (big-endian TIFF) stating this orientation, after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = bytes(
                'M',
                'M',
                0,
                42,
                0,
                0,
                0,
                8, // header, IFD0 at 8
                0,
                1, // one entry
                0x01,
                0x12,
                0,
                3,
                0,
                0,
                0,
                1,
                0,
                orientation,
                0,
                0, // Orientation, SHORT, 1
                0,
                0,
                0,
                0); // no next IFD
        byte[] exif = concat(ascii("Exif"), bytes(0, 0), tiff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(bytes(0xFF, 0xE1, (exif.length + 2) >> 8, (exif.length + 2) & 0xFF));
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A complete 1x1 lossless WebP. */
    public static byte[] webp() {
        return bytes(
                0x52, 0x49, 0x46, 0x46, 0x1a, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c, 0x0d,
                0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00);
    }

    public static byte[] pdf() {
        return ascii("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    }

    /** An {@code ftyp} box, then an empty {@code mdat}. */
    public static byte[] mp4() {
        return concat(
                bytes(0, 0, 0, 24),
                ascii("ftypisom"),
                bytes(0, 0, 2, 0),
                ascii("isommp41"),
                bytes(0, 0, 0, 8),
                ascii("mdat"));
    }

    /** An EBML header with DocType webm, then an empty Segment. */
    public static byte[] webm() {
        byte[] body = concat(
                bytes(0x42, 0x86, 0x81, 0x01),
                bytes(0x42, 0xF7, 0x81, 0x01),
                bytes(0x42, 0xF2, 0x81, 0x04),
                bytes(0x42, 0xF3, 0x81, 0x08),
                bytes(0x42, 0x82, 0x84),
                ascii("webm"),
                bytes(0x42, 0x87, 0x81, 0x02),
                bytes(0x42, 0x85, 0x81, 0x02));
        return concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x80 | body.length), body, bytes(0x18, 0x53, 0x80, 0x67, 0x80));
    }

    public static byte[] html() {
        return ascii("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    }

    public static byte[] svg() {
        return ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><circle r=\"4\"/></svg>");
    }

    public static byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write(html());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG header followed by filler, {@code size} bytes in all. */
    public static byte[] pngOfSize(int size) {
        byte[] png = image("png");
        byte[] padded = new byte[size];
        System.arraycopy(png, 0, padded, 0, png.length);
        return padded;
    }

    /** One file part named {@code file}; {@code contentType} null leaves the part untyped. */
    public static byte[] multipart(String filename, String contentType, byte[] content) {
        return multipart("file", filename, contentType, content);
    }

    public static byte[] multipart(String field, String filename, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, field, filename, contentType, content);
        out.writeBytes(ascii("--" + BOUNDARY + "--\r\n"));
        return out.toByteArray();
    }

    public static void part(
            ByteArrayOutputStream out, String field, String filename, String contentType, byte[] content) {
        StringBuilder head = new StringBuilder("--" + BOUNDARY + "\r\n")
                .append("Content-Disposition: form-data; name=\"")
                .append(field)
                .append('"');
        if (filename != null) {
            head.append("; filename=\"").append(filename).append('"');
        }
        head.append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(ascii("\r\n"));
    }

    public static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
