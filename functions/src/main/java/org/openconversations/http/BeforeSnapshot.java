package org.openconversations.http;

import org.crac.Core;
import org.crac.Resource;

/**
 * Work a function does once before SnapStart snapshots it (through CRaC), and nothing after a restore: ids are
 * made per request, and the HTTP clients reconnect by themselves. A subclass rather than a lambda, so the
 * catch-all route, which runs no lambda, does not load the lambda machinery at cold start for it.
 */
public abstract class BeforeSnapshot implements Resource {

    /** Registers the hook and hands it back: the caller must keep it, as CRaC holds resources weakly. */
    public static <T extends BeforeSnapshot> T register(T hook) {
        Core.getGlobalContext().register(hook);
        return hook;
    }

    /** The work; it must not throw, since a snapshot must never fail for it. */
    protected abstract void runBeforeSnapshot();

    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        runBeforeSnapshot();
    }

    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew.
    }
}
