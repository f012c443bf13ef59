package io.vivreal.content.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.InputStreamSource;

/**
 * A JPEG's EXIF orientation (tag 0x0112 of IFD0 in the {@code APP1 Exif} segment), read from the
 * file's first 128 KB without decoding anything, and applied to decoded pixels. Anything missing,
 * malformed or not a JPEG is the normal orientation.
 */
enum ExifOrientation {
    NORMAL,
    FLIP_HORIZONTAL,
    ROTATE_180,
    FLIP_VERTICAL,
    TRANSPOSE,
    ROTATE_90,
    TRANSVERSE,
    ROTATE_270;

    private static final int HEAD = 128 * 1024;

    /** Orientations 5 to 8 turn the image a quarter: its displayed width is its stored height. */
    boolean swapsAxes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    static ExifOrientation of(InputStreamSource content, AllowedMediaType type) {
        if (type != AllowedMediaType.JPEG) {
            return NORMAL;
        }
        try (InputStream in = content.getInputStream()) {
            return parse(in.readNBytes(HEAD));
        } catch (IOException | RuntimeException e) {
            return NORMAL;
        }
    }

    static ExifOrientation parse(byte[] b) {
        int position = 2; // after SOI
        while (position + 4 <= b.length && u8(b, position) == 0xFF) {
            int marker = u8(b, position + 1);
            if (marker == 0xDA || marker == 0xD9) {
                return NORMAL; // start of scan: no metadata after it
            }
            int length = u16(b, position + 2, true);
            int data = position + 4;
            if (length < 2 || data + length - 2 > b.length) {
                return NORMAL;
            }
            if (marker == 0xE1
                    && length >= 16
                    && b[data] == 'E'
                    && b[data + 1] == 'x'
                    && b[data + 2] == 'i'
                    && b[data + 3] == 'f'
                    && b[data + 4] == 0
                    && b[data + 5] == 0) {
                return tiff(b, data + 6, data + length - 2);
            }
            position = data + length - 2;
        }
        return NORMAL;
    }

    private static ExifOrientation tiff(byte[] b, int start, int end) {
        boolean bigEndian;
        if (b[start] == 'M' && b[start + 1] == 'M') {
            bigEndian = true;
        } else if (b[start] == 'I' && b[start + 1] == 'I') {
            bigEndian = false;
        } else {
            return NORMAL;
        }
        long ifd = u32(b, start + 4, bigEndian);
        if (ifd < 8 || start + ifd + 2 > end) {
            return NORMAL;
        }
        int entries = u16(b, (int) (start + ifd), bigEndian);
        for (int i = 0; i < entries; i++) {
            int entry = (int) (start + ifd + 2 + 12L * i);
            if (entry + 12 > end) {
                return NORMAL;
            }
            if (u16(b, entry, bigEndian) == 0x0112 && u16(b, entry + 2, bigEndian) == 3) {
                int value = u16(b, entry + 8, bigEndian);
                return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
            }
        }
        return NORMAL;
    }

    /** The pixels as they are meant to be seen; the same image when the orientation is normal. */
    BufferedImage apply(BufferedImage image, boolean alpha) {
        if (this == NORMAL) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int dw = swapsAxes() ? h : w;
        int dh = swapsAxes() ? w : h;
        BufferedImage target =
                new BufferedImage(dw, dh, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (this) {
                    case FLIP_HORIZONTAL -> {
                        tx = w - 1 - x;
                        ty = y;
                    }
                    case ROTATE_180 -> {
                        tx = w - 1 - x;
                        ty = h - 1 - y;
                    }
                    case FLIP_VERTICAL -> {
                        tx = x;
                        ty = h - 1 - y;
                    }
                    case TRANSPOSE -> {
                        tx = y;
                        ty = x;
                    }
                    case ROTATE_90 -> {
                        tx = h - 1 - y;
                        ty = x;
                    }
                    case TRANSVERSE -> {
                        tx = h - 1 - y;
                        ty = w - 1 - x;
                    }
                    case ROTATE_270 -> {
                        tx = y;
                        ty = w - 1 - x;
                    }
                    default -> {
                        tx = x;
                        ty = y;
                    }
                }
                pixels[ty * dw + tx] = row[x];
            }
        }
        return target;
    }

    private static int u8(byte[] b, int offset) {
        return b[offset] & 0xFF;
    }

    private static int u16(byte[] b, int offset, boolean bigEndian) {
        return bigEndian ? (u8(b, offset) << 8) | u8(b, offset + 1) : (u8(b, offset + 1) << 8) | u8(b, offset);
    }

    private static long u32(byte[] b, int offset, boolean bigEndian) {
        return bigEndian
                ? ((long) u8(b, offset) << 24)
                        | (u8(b, offset + 1) << 16)
                        | (u8(b, offset + 2) << 8)
                        | u8(b, offset + 3)
                : ((long) u8(b, offset + 3) << 24)
                        | (u8(b, offset + 2) << 16)
                        | (u8(b, offset + 1) << 8)
                        | u8(b, offset);
    }
}
