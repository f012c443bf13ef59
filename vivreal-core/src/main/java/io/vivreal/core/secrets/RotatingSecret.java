package io.vivreal.core.secrets;

import java.util.List;
import java.util.function.Function;

/**
 * A secret (or something derived from one) that may change while the process runs.
 *
 * <p>Whatever signs or encrypts uses {@link #current()}; whatever verifies or decrypts tries every
 * value in {@link #accepted()}: the current one and, for the overlap window after a rotation, the
 * one it replaced — so cookies, signed URLs and ciphertexts made just before a rotation keep
 * working until they expire or are re-encrypted, and a rotation needs no restart.
 *
 * @param <T> the key material or the object derived from it (a MAC key, a cipher key ring)
 */
public interface RotatingSecret<T> {

    /** The value to sign and encrypt with. */
    T current();

    /** The values to verify and decrypt with: {@link #current()} first, then the previous one within the overlap. */
    List<T> accepted();

    /**
     * Derives something from every version — for example a MAC key under a label — computing it
     * once per version rather than once per call.
     */
    default <R> RotatingSecret<R> map(Function<? super T, ? extends R> derive) {
        return new MappedSecret<>(this, derive);
    }

    /** A value that never rotates: tests, and secrets read once at start-up. */
    static <T> RotatingSecret<T> fixed(T value) {
        List<T> only = List.of(value);
        return new RotatingSecret<>() {
            @Override
            public T current() {
                return value;
            }

            @Override
            public List<T> accepted() {
                return only;
            }
        };
    }
}
