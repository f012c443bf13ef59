package io.vivreal.distribution.outbound;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The excerpt of an answer the delivery log keeps: the first characters only, with anything that
 * looks like a credential replaced by {@code [redacted]} — the channel's own secrets (a receiver
 * may echo a header), bearer tokens, JWTs, {@code key=value} or {@code "key": "value"} pairs whose
 * key names a secret, and long opaque tokens. The log is shown to the group's admins, but an
 * answer can carry another system's credentials (an error page dumping its configuration).
 */
public final class Redaction {

    static final String REDACTED = "[redacted]";

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern NAMED = Pattern.compile(
            "(?i)(\"?[A-Za-z0-9_-]*(?:secret|token|password|passwd|api[_-]?key|apikey|authorization|signature|credential|private[_-]?key)[A-Za-z0-9_-]*\"?\\s*[:=]\\s*\"?)([^\"\\s,;&}]{1,})");
    /** 32+ characters of a token alphabet with both letters and digits: keys, hashes, base64. */
    private static final Pattern OPAQUE =
            Pattern.compile("\\b(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}={0,2}");

    private Redaction() {}

    public static String excerpt(String answer, int max, List<String> secrets) {
        if (answer == null || answer.isEmpty()) {
            return answer;
        }
        String text = answer.length() > max * 2 ? answer.substring(0, max * 2) : answer;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                text = text.replace(secret, REDACTED);
            }
        }
        text = BEARER.matcher(text).replaceAll(m -> m.group(1) + " " + REDACTED);
        text = JWT.matcher(text).replaceAll(REDACTED);
        text = NAMED.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1)) + REDACTED);
        text = OPAQUE.matcher(text).replaceAll(REDACTED);
        return text.length() > max ? text.substring(0, max) : text;
    }
}
