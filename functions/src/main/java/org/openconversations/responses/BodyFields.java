package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

/** Typed reads of optional request fields with OpenAI's messages; JSON null counts as absent. */
final class BodyFields {
    private BodyFields() {}

    static JsonNode present(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    static String string(ObjectNode body, String name) {
        return string(body, name, name);
    }

    /** @param param where the field sits in the request, for the error, e.g. {@code conversation.id} */
    static String string(ObjectNode body, String name, String param) {
        JsonNode value = present(body, name);
        if (value == null) return null;
        if (!value.isTextual()) throw InvalidRequestException.invalidType(param, "a string", Json.describeType(value));
        return value.textValue();
    }

    static String string(ObjectNode body, String name, int maxLength) {
        String value = string(body, name);
        if (value != null && Json.length(value) > maxLength) {
            throw InvalidRequestException.stringTooLong(name, maxLength, Json.length(value));
        }
        return value;
    }

    static Boolean bool(ObjectNode body, String name) {
        JsonNode value = present(body, name);
        if (value == null) return null;
        if (!value.isBoolean()) throw InvalidRequestException.invalidType(name, "a boolean", Json.describeType(value));
        return value.booleanValue();
    }

    static void decimal(ObjectNode body, String name, String min, String max) {
        JsonNode value = present(body, name);
        if (value == null) return;
        if (!value.isNumber()) throw InvalidRequestException.invalidType(name, "a number", Json.describeType(value));
        BigDecimal number = value.decimalValue();
        if (number.compareTo(new BigDecimal(min)) < 0) {
            throw InvalidRequestException.decimalBelowMin(name, min, number.toPlainString());
        }
        if (number.compareTo(new BigDecimal(max)) > 0) {
            throw InvalidRequestException.decimalAboveMax(name, max, number.toPlainString());
        }
    }

    static void integer(ObjectNode body, String name, long min, long max) {
        integer(body, name, name, min, max);
    }

    /** @param param where the field sits in the request, for the error, e.g. {@code context_management[0].x} */
    static void integer(ObjectNode body, String name, String param, long min, long max) {
        JsonNode value = present(body, name);
        if (value == null) return;
        if (!value.isIntegralNumber()) {
            throw InvalidRequestException.invalidType(param, "an integer", Json.describeType(value));
        }
        if (value.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(min)) < 0) {
            throw InvalidRequestException.integerBelowMin(param, Long.toString(min), value.bigIntegerValue().toString());
        }
        if (value.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw InvalidRequestException.integerAboveMax(param, Long.toString(max), value.bigIntegerValue().toString());
        }
    }

    static void object(ObjectNode body, String name) {
        JsonNode value = present(body, name);
        if (value != null && !value.isObject()) {
            throw InvalidRequestException.invalidType(name, "an object", Json.describeType(value));
        }
    }

    static void oneOf(ObjectNode body, String name, List<String> values) {
        oneOf(body, name, name, values);
    }

    /** @param param where the field sits in the request, for the error, e.g. {@code reasoning.effort} */
    static void oneOf(ObjectNode body, String name, String param, List<String> values) {
        JsonNode value = present(body, name);
        if (value == null) return;
        if (!value.isTextual()) throw InvalidRequestException.invalidType(param, "a string", Json.describeType(value));
        if (!values.contains(value.textValue())) {
            throw InvalidRequestException.invalidValue(param, value.textValue(), values);
        }
    }
}
