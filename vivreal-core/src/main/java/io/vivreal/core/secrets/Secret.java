package io.vivreal.core.secrets;

/**
 * A secret value and where it came from. {@link #toString()} never shows the value, so a secret
 * that slips into a log line or an exception message shows only its name.
 *
 * @param devGenerated true when this value was generated for a development run; production
 *     refuses such values
 */
public record Secret(SecretName name, String value, String source, boolean devGenerated) {

    @Override
    public String toString() {
        return "Secret[" + name.fileName() + " from " + source + "]";
    }
}
