package io.vivreal.core.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/** What counts as an e-mail address here, and the one normal form addresses are compared in. */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\\p{Cntrl}<>,;:\"()\\[\\]\\\\]{1,64}@[^@\\s\\p{Cntrl}<>,;:\"()\\[\\]\\\\]+\\."
                    + "[^@\\s\\p{Cntrl}<>,;:\"()\\[\\]\\\\]+");

    private EmailAddresses() {}

    public static boolean valid(String raw) {
        return raw != null
                && raw.strip().length() <= MAX_LENGTH
                && EMAIL.matcher(raw.strip()).matches();
    }

    /** The address stripped; refuses anything that is not a single plain address. */
    public static String requireValid(String raw) {
        if (!valid(raw)) {
            throw new IllegalArgumentException("not a valid e-mail address");
        }
        return raw.strip();
    }

    /** The form two addresses are compared in: stripped and lower-cased (as sign-up's unique key). */
    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
