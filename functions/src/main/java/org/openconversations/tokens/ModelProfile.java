package org.openconversations.tokens;

/**
 * What fitting a context needs to know about a model.
 *
 * @param contextWindow tokens the model accepts, input and output together
 * @param tokenizer how its tokens are counted
 */
public record ModelProfile(int contextWindow, Tokenizer tokenizer) {}
