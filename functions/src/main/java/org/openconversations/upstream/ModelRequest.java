package org.openconversations.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One generation, in Responses terms, whatever the upstream speaks.
 *
 * @param model the model string exactly as the client sent it (e.g. {@code gpt://<folder>/yandexgpt})
 * @param instructions the request's instructions, or null; sent as a system message, never stored
 * @param context every item the model sees, oldest first: conversation or chain items, then the new input.
 *     Items are in their stored form (type, id, status, normalised content)
 * @param settings the create request's generation fields, passed through or translated: tools, tool_choice,
 *     parallel_tool_calls, temperature, top_p, top_logprobs, max_output_tokens, text, reasoning, user,
 *     safety_identifier, prompt_cache_key, service_tier (absent fields are not sent), and include, which says
 *     whether logprobs are wanted (see {@link Logprobs})
 */
public record ModelRequest(String model, String instructions, List<ObjectNode> context, ObjectNode settings) {}
