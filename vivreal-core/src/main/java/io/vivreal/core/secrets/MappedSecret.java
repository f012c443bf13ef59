package io.vivreal.core.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link RotatingSecret#map}: remembers the derived value of the last few source versions by
 * identity, so a derivation (an HMAC, a key-ring parse) runs once per rotation, not per request.
 */
final class MappedSecret<T, R> implements RotatingSecret<R> {

    private static final int REMEMBERED = 4;

    private record Entry<T, R>(T source, R derived) {}

    private final RotatingSecret<T> source;
    private final Function<? super T, ? extends R> derive;
    private volatile List<Entry<T, R>> remembered = List.of();

    MappedSecret(RotatingSecret<T> source, Function<? super T, ? extends R> derive) {
        this.source = source;
        this.derive = derive;
    }

    @Override
    public R current() {
        return derived(source.current());
    }

    @Override
    public List<R> accepted() {
        List<T> sources = source.accepted();
        List<R> out = new ArrayList<>(sources.size());
        for (T value : sources) {
            out.add(derived(value));
        }
        return out;
    }

    private R derived(T value) {
        List<Entry<T, R>> known = remembered;
        for (Entry<T, R> entry : known) {
            if (entry.source() == value) {
                return entry.derived();
            }
        }
        R result = derive.apply(value);
        List<Entry<T, R>> next = new ArrayList<>(REMEMBERED);
        next.add(new Entry<>(value, result));
        for (int i = 0; i < known.size() && next.size() < REMEMBERED; i++) {
            next.add(known.get(i));
        }
        remembered = List.copyOf(next);
        return result;
    }
}
