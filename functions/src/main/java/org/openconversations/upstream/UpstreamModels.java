package org.openconversations.upstream;

import java.util.Optional;

/** The upstream model a function calls, built once per container from configuration (see {@link UpstreamConfig}). */
public final class UpstreamModels {
    private UpstreamModels() {}

    /** Empty when nothing is configured: no {@code UPSTREAM_BASE_URL} and no API key. */
    public static Optional<UpstreamModel> fromEnvironment() {
        return UpstreamConfig.fromEnvironment().map(UpstreamConfig::newModel);
    }
}
