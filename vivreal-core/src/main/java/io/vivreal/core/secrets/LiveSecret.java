package io.vivreal.core.secrets;

import java.util.List;
import java.util.function.Function;

/**
 * A {@link RotatingSecret} backed by {@link Secrets}: derives each version once and answers the
 * previous version only while the overlap lasts.
 */
final class LiveSecret<T> implements RotatingSecret<T> {

    private record Derived<T>(Secrets.Versions source, T current, T previous) {}

    private final Secrets secrets;
    private final SecretName name;
    private final Function<Secret, T> derive;
    private volatile Derived<T> derived;

    LiveSecret(Secrets secrets, SecretName name, Function<Secret, T> derive) {
        this.secrets = secrets;
        this.name = name;
        this.derive = derive;
    }

    @Override
    public T current() {
        return derived().current();
    }

    @Override
    public List<T> accepted() {
        Derived<T> now = derived();
        if (now.previous() != null && secrets.withinOverlap(now.source())) {
            return List.of(now.current(), now.previous());
        }
        return List.of(now.current());
    }

    private Derived<T> derived() {
        Secrets.Versions source = secrets.versions(name);
        Derived<T> known = derived;
        if (known != null && known.source() == source) {
            return known;
        }
        T previous = null;
        if (source.previous() != null) {
            previous = known != null && known.source().current() == source.previous()
                    ? known.current()
                    : derive.apply(source.previous());
        }
        Derived<T> fresh = new Derived<>(source, derive.apply(source.current()), previous);
        derived = fresh;
        return fresh;
    }
}
