package io.vivreal.clientapi.web;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content codings of Client API answers: which one a client's {@code Accept-Encoding} asks for,
 * and the compressed bytes. Answers are compressed once per render and served many times; gzip
 * runs at its best level, {@code br} at quality {@value #BROTLI_QUALITY}, because renders are
 * frequent too (a hot answer is re-rendered every half second) and brotli's best level cost ~100 ms
 * of CPU per 8 KB answer, which showed as the Client API's tail latency (docs/BENCHMARKS.md).
 * {@code br} needs brotli4j's native library; where it
 * does not load, answers are offered in {@code gzip} only and that is logged once.
 */
public final class Compression {

    /** Answers smaller than this are sent as they are: headers would eat most of the saving. */
    public static final int MIN_BYTES = 1024;

    /** A middle quality: most of brotli's gain over gzip at a small part of its best level's CPU. */
    static final int BROTLI_QUALITY = 5;

    /** How many comma-separated codings of one header are looked at; a longer list is cut. */
    private static final int MAX_CODINGS = 16;

    private static final Logger log = LoggerFactory.getLogger(Compression.class);
    private static final boolean BROTLI = loadBrotli();

    private Compression() {}

    /** A coding this server writes, with the suffix its ETag carries inside the quotes. */
    public enum Coding {
        IDENTITY(null, ""),
        GZIP("gzip", "-gz"),
        BR("br", "-br");

        private final String token;
        private final String etagSuffix;

        Coding(String token, String etagSuffix) {
            this.token = token;
            this.etagSuffix = etagSuffix;
        }

        /** The {@code Content-Encoding} value; {@code null} for identity. */
        public String token() {
            return token;
        }

        /** The ETag of this coding's bytes: the identity ETag with a suffix inside the quotes. */
        public String etag(String identityEtag) {
            if (this == IDENTITY) {
                return identityEtag;
            }
            return identityEtag.substring(0, identityEtag.length() - 1) + etagSuffix + "\"";
        }
    }

    /** Whether {@code br} answers can be written here. */
    public static boolean brotliAvailable() {
        return BROTLI;
    }

    /**
     * The coding to answer with for an {@code Accept-Encoding} header (RFC 9110 §12.5.3): the
     * acceptable coding with the highest weight, {@code br} before {@code gzip} on a tie;
     * {@code q=0} refuses a coding, {@code *} stands for every coding not named, and identity is
     * chosen when nothing else is acceptable (also when it is refused: an answer beats a 406).
     */
    public static Coding negotiate(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isEmpty()) {
            return Coding.IDENTITY;
        }
        int br = -1;
        int gzip = -1;
        int identity = -1;
        int any = -1;
        int start = 0;
        for (int seen = 0; seen < MAX_CODINGS && start <= acceptEncoding.length(); seen++) {
            int comma = acceptEncoding.indexOf(',', start);
            int end = comma < 0 ? acceptEncoding.length() : comma;
            String item = acceptEncoding.substring(start, end);
            start = end + 1;
            int semicolon = item.indexOf(';');
            String coding = (semicolon < 0 ? item : item.substring(0, semicolon))
                    .strip()
                    .toLowerCase(Locale.ROOT);
            int weight = semicolon < 0 ? 1000 : weight(item.substring(semicolon + 1));
            if (weight < 0 || coding.isEmpty()) {
                continue;
            }
            switch (coding) {
                case "br" -> br = Math.max(br, weight);
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, weight);
                case "identity" -> identity = Math.max(identity, weight);
                case "*" -> any = Math.max(any, weight);
                default -> {}
            }
            if (comma < 0) {
                break;
            }
        }
        if (br < 0) {
            br = any;
        }
        if (gzip < 0) {
            gzip = any;
        }
        if (!BROTLI) {
            br = -1;
        }
        if (br > 0 && br >= gzip && br >= identity) {
            return Coding.BR;
        }
        if (gzip > 0 && gzip >= identity) {
            return Coding.GZIP;
        }
        return Coding.IDENTITY;
    }

    /** The weight of {@code ;q=…} parameters in thousandths, or -1 when it is not a valid weight. */
    private static int weight(String parameters) {
        for (String parameter : parameters.split(";", 4)) {
            String p = parameter.strip();
            if (p.length() < 2 || Character.toLowerCase(p.charAt(0)) != 'q' || p.charAt(1) != '=') {
                continue;
            }
            String value = p.substring(2).strip();
            if (!value.matches("(0(\\.\\d{0,3})?|1(\\.0{0,3})?)")) {
                return -1;
            }
            if (value.charAt(0) == '1') {
                return 1000;
            }
            String fraction = value.length() > 2 ? value.substring(2) : "";
            return fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00").substring(0, 3));
        }
        return 1000;
    }

    /** The bytes in {@code coding}, or {@code null} when that coding is unavailable or would not save. */
    static byte[] encode(byte[] plain, Coding coding) {
        byte[] encoded = switch (coding) {
            case IDENTITY -> plain;
            case GZIP -> gzip(plain);
            case BR -> BROTLI ? brotli(plain) : null;
        };
        return encoded != null && encoded.length < plain.length ? encoded : null;
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] brotli(byte[] plain) {
        try {
            Encoder.Parameters parameters =
                    new Encoder.Parameters().setQuality(BROTLI_QUALITY).setMode(Encoder.Mode.TEXT);
            return Encoder.compress(plain, parameters);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "br compression failed, answering without it: {}",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private static boolean loadBrotli() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable e) {
            log.warn(
                    "brotli native library unavailable ({}); Client API answers are offered in gzip only",
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
