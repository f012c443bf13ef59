package io.vivreal.content.media;

import io.vivreal.core.domain.DomainException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.springframework.core.io.InputStreamSource;

/**
 * An uploaded image's size, read from its header, and its narrower copies for {@code srcset}.
 *
 * <p>Made with the JDK's ImageIO and {@code java.awt} scaling, with TwelveMonkeys' ImageIO plugins
 * for WebP and sturdier JPEG decoding: the JDK's own codecs are maintained with the platform, and
 * TwelveMonkeys is the long-kept, dependency-light plugin set that fills their gaps.
 *
 * <p>Decompression bombs are met twice. The header's width and height are read before any pixel
 * is decoded, and an image above the pixel limit is refused ({@code 400 image_too_large}). Then
 * decoding never materialises the full image: the reader subsamples rows and columns while it
 * decodes, so at most {@link #DECODE_BUDGET_PIXELS} pixels are ever held, whatever the header
 * claims; the derivatives are scaled down from that, each from the previous one.
 *
 * <p>A JPEG's EXIF orientation is applied to its derivatives (which carry no metadata), and its
 * width is the width it is displayed at, so a phone's portrait photo stays upright.
 *
 * <p>Derivatives are JPEG, or PNG when the image has transparency. Animated GIFs keep only their
 * original (a still copy would stop the animation), as do images no wider than the smallest width.
 */
public final class ImageDerivatives {

    /** The widths sites ask for; an image gets each one narrower than itself, never a wider one. */
    public static final List<Integer> WIDTHS = List.of(320, 640, 1280);

    /** The most pixels a decode holds (32 MB as 4-byte pixels), whatever size the image is. */
    static final long DECODE_BUDGET_PIXELS = 8_000_000L;

    private static final float JPEG_QUALITY = 0.85f;

    /** Width and height as the image's header states them. */
    public record Dimensions(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** One narrower copy, encoded. */
    public record Derivative(int width, int height, AllowedMediaType type, byte[] bytes) {}

    private final long maxPixels;

    /** @param maxPixels the largest width × height an upload may declare */
    public ImageDerivatives(long maxPixels) {
        if (maxPixels < 1_000_000L) {
            throw new IllegalArgumentException("vivreal.media.max-image-pixels must be at least 1000000");
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /**
     * The image's size from its header alone, refused when it is above the pixel limit or the
     * header cannot be read.
     */
    public Dimensions checkedDimensions(InputStreamSource content, AllowedMediaType type) {
        Dimensions dimensions = readDimensions(content, type);
        if (dimensions.pixels() > maxPixels) {
            throw new DomainException(
                    DomainException.Kind.INVALID,
                    "image_too_large",
                    "images may have at most " + megapixels(maxPixels) + " megapixels; this one is "
                            + dimensions.width() + " × " + dimensions.height() + " pixels",
                    "file");
        }
        return ExifOrientation.of(content, type).swapsAxes()
                ? new Dimensions(dimensions.height(), dimensions.width())
                : dimensions;
    }

    /** The widths {@code width} gets derivatives at: each of {@link #WIDTHS} narrower than it. */
    public static List<Integer> targetWidths(int width) {
        return WIDTHS.stream().filter(target -> target < width).toList();
    }

    /** Whether an image of this type gets derivatives at all. */
    public static boolean derives(AllowedMediaType type) {
        return type == AllowedMediaType.JPEG || type == AllowedMediaType.PNG || type == AllowedMediaType.WEBP;
    }

    /**
     * Decodes the image (subsampled to the decode budget) and answers its derivatives, widest
     * first. Call only after {@link #checkedDimensions}, and on a bounded pool.
     */
    public List<Derivative> derive(InputStreamSource content, AllowedMediaType type) {
        try {
            return decodeAndScale(content, type);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException refusal) {
                throw refusal;
            }
            // a readable header over damaged or truncated pixel data: the uploader's file, not our fault
            throw unreadable();
        }
    }

    private List<Derivative> decodeAndScale(InputStreamSource content, AllowedMediaType type) throws IOException {
        ImageReader reader = reader(type);
        try (InputStream in = content.getInputStream();
                ImageInputStream images = ImageIO.createImageInputStream(in)) {
            reader.setInput(images, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > maxPixels) {
                throw new IOException("the image is larger than its checked header said");
            }
            ExifOrientation orientation = ExifOrientation.of(content, type);
            if (orientation.swapsAxes()) {
                int swapped = width;
                width = height;
                height = swapped;
            }
            List<Integer> targets = targetWidths(width);
            if (targets.isEmpty()) {
                return List.of();
            }
            int step = Math.max(1, width / targets.get(targets.size() - 1));
            while (ceilDiv(width, step) * ceilDiv(height, step) > DECODE_BUDGET_PIXELS) {
                step++;
            }
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            boolean alpha = decoded.getColorModel().hasAlpha();
            BufferedImage source = orientation.apply(decoded, alpha);
            AllowedMediaType output = alpha ? AllowedMediaType.PNG : AllowedMediaType.JPEG;
            List<Derivative> derivatives = new ArrayList<>();
            for (int i = targets.size() - 1; i >= 0; i--) {
                int targetWidth = targets.get(i);
                int targetHeight = (int) Math.max(1, Math.round((double) height * targetWidth / width));
                source = scale(source, targetWidth, targetHeight, alpha);
                derivatives.add(new Derivative(targetWidth, targetHeight, output, encode(source, output)));
            }
            return derivatives;
        } finally {
            reader.dispose();
        }
    }

    private static Dimensions readDimensions(InputStreamSource content, AllowedMediaType type) {
        ImageReader reader = reader(type);
        try (InputStream in = content.getInputStream();
                ImageInputStream images = ImageIO.createImageInputStream(in)) {
            reader.setInput(images, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new IOException("no size");
            }
            return new Dimensions(width, height);
        } catch (IOException | RuntimeException e) {
            throw unreadable();
        } finally {
            reader.dispose();
        }
    }

    private static DomainException unreadable() {
        return new DomainException(
                DomainException.Kind.INVALID,
                "unreadable_image",
                "the image could not be read; it may be damaged",
                "file");
    }

    private static ImageReader reader(AllowedMediaType type) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.mimeType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + type.mimeType());
        }
        return readers.next();
    }

    /** Halves with bilinear filtering until one step from the target, then draws the target size. */
    private static BufferedImage scale(BufferedImage image, int width, int height, boolean alpha) {
        BufferedImage current = image;
        while (current.getWidth() != width || current.getHeight() != height) {
            int nextWidth = current.getWidth() / 2 >= width ? current.getWidth() / 2 : width;
            int nextHeight = nextWidth == width ? height : Math.max(height, current.getHeight() / 2);
            current = draw(current, nextWidth, nextHeight, alpha);
        }
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage target =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static byte[] encode(BufferedImage image, AllowedMediaType type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (type == AllowedMediaType.PNG) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
            return out.toByteArray();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static long ceilDiv(int value, int divisor) {
        return (value + (long) divisor - 1) / divisor;
    }

    private static long megapixels(long pixels) {
        return pixels / 1_000_000L;
    }
}
