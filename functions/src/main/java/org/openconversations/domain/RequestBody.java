package org.openconversations.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

/** Checks on a whole request body: it is an object and names only the parameters the route knows. */
public final class RequestBody {
    private RequestBody() {}

    public static ObjectNode object(JsonNode body, Set<String> known) {
        return object(body, known, null);
    }

    /**
     * The same checks on an object nested in the body.
     *
     * @param param where it sits, e.g. {@code context_management[0]}, so errors name {@code param.field}; null for
     *     the body itself
     */
    public static ObjectNode object(JsonNode node, Set<String> known, String param) {
        if (!node.isObject()) {
            throw InvalidRequestException.invalidType(param == null ? "body" : param, "an object",
                    Json.describeType(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw InvalidRequestException.unknownParameter(param == null ? name : param + "." + name);
            }
        }
        return (ObjectNode) node;
    }
}
