package org.openconversations.fuzz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.openconversations.upstream.UpstreamStandIn;

/**
 * The JVM's one upstream stand-in, {@code compat.responses.TestUpstream.get()} (package-private there): the
 * create-response function builds its upstream once per JVM, so a second stand-in would never be called.
 */
final class SharedUpstream {
    private SharedUpstream() {}

    static UpstreamStandIn get() {
        try {
            Class<?> shared = Class.forName("org.openconversations.compat.responses.TestUpstream");
            Method get = shared.getDeclaredMethod("get");
            get.setAccessible(true);
            return (UpstreamStandIn) get.invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("TestUpstream.get() is not reachable", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
