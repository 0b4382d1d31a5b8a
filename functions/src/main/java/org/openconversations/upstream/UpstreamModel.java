package org.openconversations.upstream;

import java.time.Duration;

/** An OpenAI-compatible model endpoint, called once per response with the whole context (it keeps no state). */
public interface UpstreamModel {
    /**
     * @param timeout how long the call may take; the Lambda's remaining time minus a margin
     * @throws UpstreamException when the upstream refuses, fails, or does not answer in time
     */
    ModelResult generate(ModelRequest request, Duration timeout);
}
