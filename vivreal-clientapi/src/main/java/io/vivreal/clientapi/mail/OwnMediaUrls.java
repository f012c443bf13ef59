package io.vivreal.clientapi.mail;

import io.vivreal.content.media.MediaKeys;
import io.vivreal.content.media.MediaUrls;
import io.vivreal.core.web.PublicUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which image URLs are a group's own media, as the Client API signs them: this server's {@code
 * <public url>/media/<bucketName>/<key>?...} links, and the storage's own links when media live on
 * S3 (S3's presigned host, or the CDN of {@code VIVREAL_MEDIA_PUBLIC_URL}). Sites put such a signed
 * logo into the HTML of their mails; nothing else may load an image there.
 *
 * <p>The storage's form is learnt by signing a probe key of the group rather than by parsing
 * settings, so it follows whatever {@link MediaUrls} answers (path style, prefix, CDN). A URL
 * matches only as a prefix followed by one media key and a plain query: no other bucket, no path
 * tricks ({@code ..}, encoded slashes) and no user info can pass.
 */
public final class OwnMediaUrls {

    private static final String PROBE = "000000000000000000000000.png";
    private static final Pattern KEY_AND_QUERY =
            Pattern.compile("(?:" + MediaKeys.KEY.pattern() + ")(?:\\?[A-Za-z0-9._~%&=+-]*)?");

    private final MediaUrls urls;
    private final PublicUrl publicUrl;

    public OwnMediaUrls(MediaUrls urls, PublicUrl publicUrl) {
        this.urls = urls;
        this.publicUrl = publicUrl;
    }

    /** Whether an image URL is one of the group's own signed media links. */
    public Predicate<String> of(String bucketName) {
        if (!MediaKeys.isBucket(bucketName)) {
            return src -> false;
        }
        List<String> prefixes = new ArrayList<>();
        prefixes.add(publicUrl.value() + "/media/" + bucketName + "/");
        String probe = urls.signedUrl(bucketName, PROBE);
        int at = probe.indexOf("/" + PROBE);
        if (at > 0) {
            prefixes.add(probe.substring(0, at + 1));
        }
        List<String> own = List.copyOf(prefixes);
        return src -> matches(src, own);
    }

    static boolean matches(String src, List<String> prefixes) {
        if (src == null) {
            return false;
        }
        for (String prefix : prefixes) {
            if (src.startsWith(prefix)
                    && KEY_AND_QUERY.matcher(src.substring(prefix.length())).matches()) {
                return true;
            }
        }
        return false;
    }
}
