package org.openconversations.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the upstream produced, in Responses terms.
 *
 * @param output output items in order, complete as they will be stored: our own ids ({@code msg_}, {@code fc_},
 *     {@code rs_} + 48 hex, never the upstream's), status, and content in Responses form
 * @param usage a Responses usage object: input_tokens, input_tokens_details{cached_tokens, cache_write_tokens},
 *     output_tokens, output_tokens_details{reasoning_tokens}, total_tokens
 * @param status {@code completed} or {@code incomplete}
 * @param incompleteReason {@code max_output_tokens} or {@code content_filter} when incomplete, else null
 */
public record ModelResult(List<ObjectNode> output, ObjectNode usage, String status, String incompleteReason) {}
