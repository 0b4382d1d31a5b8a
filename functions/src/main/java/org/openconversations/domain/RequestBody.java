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
        if (!body.isObject()) {
            throw InvalidRequestException.invalidType("body", "an object", Json.describeType(body));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) throw InvalidRequestException.unknownParameter(name);
        }
        return (ObjectNode) body;
    }
}
