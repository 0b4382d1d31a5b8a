package org.openconversations.store;

import java.util.function.Supplier;

/**
 * A value built the first time it is asked for, once even when threads race (the local gateway shares
 * repositories between its threads; Lambda never does).
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> build;
    private volatile T value;

    private Lazy(Supplier<T> build) {
        this.build = build;
    }

    public static <T> Lazy<T> of(Supplier<T> build) {
        return new Lazy<>(build);
    }

    @Override
    public T get() {
        T built = value;
        if (built != null) return built;
        synchronized (this) {
            if (value == null) value = build.get();
            return value;
        }
    }
}
