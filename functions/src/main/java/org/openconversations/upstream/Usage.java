package org.openconversations.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openconversations.json.Json;

/** Responses usage objects, always complete: every count and both detail objects, zero when unknown. */
final class Usage {
    private Usage() {}

    static ObjectNode of(long input, long cached, long output, long reasoning, long total) {
        ObjectNode usage = Json.object();
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", cached).put("cache_write_tokens", 0);
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        usage.put("total_tokens", total);
        return usage;
    }

    /** A Responses usage object as the upstream gave it, with whatever it left out filled with zeros. */
    static ObjectNode completed(JsonNode given) {
        if (given == null || !given.isObject()) return of(0, 0, 0, 0, 0);
        ObjectNode usage = ((ObjectNode) given).deepCopy();
        long input = defaultCount(usage, "input_tokens", 0);
        ObjectNode inputDetails = objectField(usage, "input_tokens_details");
        defaultCount(inputDetails, "cached_tokens", 0);
        defaultCount(inputDetails, "cache_write_tokens", 0);
        long output = defaultCount(usage, "output_tokens", 0);
        defaultCount(objectField(usage, "output_tokens_details"), "reasoning_tokens", 0);
        defaultCount(usage, "total_tokens", input + output);
        return usage;
    }

    static long count(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value != null && value.isNumber() ? value.asLong() : 0;
    }

    private static long defaultCount(ObjectNode node, String field, long fallback) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber()) return value.asLong();
        node.put(field, fallback);
        return fallback;
    }

    private static ObjectNode objectField(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value != null && value.isObject()) return (ObjectNode) value;
        return parent.putObject(field);
    }
}
