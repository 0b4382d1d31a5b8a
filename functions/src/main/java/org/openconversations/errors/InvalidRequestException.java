package org.openconversations.errors;

import java.util.List;

/**
 * 400 {@code invalid_request_error}. The factories reproduce OpenAI's message wording, so clients that
 * match on messages or codes behave the same against us.
 */
public final class InvalidRequestException extends ApiException {
    private InvalidRequestException(String message, String param, String code) {
        super(message, "invalid_request_error", param, code);
    }

    @Override
    public int status() {
        return 400;
    }

    public static InvalidRequestException of(String message, String param, String code) {
        return new InvalidRequestException(message, param, code);
    }

    public static InvalidRequestException invalidJson() {
        return new InvalidRequestException(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your"
                        + " HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not"
                        + " valid JSON. If you have trouble figuring out how to fix this, please contact us.)",
                null, null);
    }

    public static InvalidRequestException missingRequired(String param) {
        return new InvalidRequestException(
                "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    public static InvalidRequestException unknownParameter(String param) {
        String name = Quoting.clip(param);
        return new InvalidRequestException("Unknown parameter: '" + name + "'.", name, "unknown_parameter");
    }

    public static InvalidRequestException invalidType(String param, String expected, String actual) {
        return new InvalidRequestException(
                "Invalid type for '" + param + "': expected " + expected + ", but got " + actual + " instead.",
                param, "invalid_type");
    }

    public static InvalidRequestException invalidValue(String param, String value, List<String> supported) {
        return new InvalidRequestException(
                "Invalid value: '" + Quoting.clip(value) + "'. Supported values are: " + listing(supported) + ".",
                param, "invalid_value");
    }

    public static InvalidRequestException arrayTooLong(String param, int max, int actual) {
        return new InvalidRequestException(
                "Invalid '" + param + "': array too long. Expected an array with maximum length " + max
                        + ", but got an array with length " + actual + " instead.",
                param, "array_above_max_length");
    }

    public static InvalidRequestException stringTooLong(String param, int max, int actual) {
        return new InvalidRequestException(
                "Invalid '" + param + "': string too long. Expected a string with maximum length " + max
                        + ", but got a string with length " + actual + " instead.",
                param, "string_above_max_length");
    }

    public static InvalidRequestException stringTooShort(String param, int min, int actual) {
        return new InvalidRequestException(
                "Invalid '" + param + "': string too short. Expected a string with minimum length " + min
                        + ", but got a string with length " + actual + " instead.",
                param, "string_below_min_length");
    }

    public static InvalidRequestException integerAboveMax(String param, String max, String actual) {
        return new InvalidRequestException(
                "Invalid '" + param + "': integer above maximum value. Expected a value <= " + max + ", but got "
                        + Quoting.clip(actual) + " instead.",
                param, "integer_above_max_value");
    }

    public static InvalidRequestException integerBelowMin(String param, String min, String actual) {
        return new InvalidRequestException(
                "Invalid '" + param + "': integer below minimum value. Expected a value >= " + min + ", but got "
                        + Quoting.clip(actual) + " instead.",
                param, "integer_below_min_value");
    }

    public static InvalidRequestException decimalAboveMax(String param, String max, String actual) {
        return new InvalidRequestException(
                "Invalid '" + param + "': decimal above maximum value. Expected a value <= " + max + ", but got "
                        + Quoting.clip(actual) + " instead.",
                param, "decimal_above_max_value");
    }

    public static InvalidRequestException decimalBelowMin(String param, String min, String actual) {
        return new InvalidRequestException(
                "Invalid '" + param + "': decimal below minimum value. Expected a value >= " + min + ", but got "
                        + Quoting.clip(actual) + " instead.",
                param, "decimal_below_min_value");
    }

    public static InvalidRequestException invalidIdPrefix(String param, String id, String prefix) {
        return new InvalidRequestException(
                "Invalid '" + param + "': '" + Quoting.clip(id) + "'. Expected an ID that begins with '" + prefix
                        + "'.",
                param, "invalid_id_prefix");
    }

    /** @param param the array the duplicate sits in: {@code items}, or {@code input} on POST /v1/responses */
    public static InvalidRequestException duplicateItem(String id, String param) {
        return new InvalidRequestException(
                "Duplicate item found with id " + id + ". Remove duplicate items from your input and try again.",
                param, null);
    }

    public static InvalidRequestException duplicateItem(String id) {
        return duplicateItem(id, "items");
    }

    /**
     * An {@code after} cursor that names no item of the list (unknown, or deleted since).
     *
     * @param of what the items belong to, e.g. "this conversation", "this response's input"
     */
    public static InvalidRequestException unknownCursor(String after, String of) {
        return new InvalidRequestException(
                "Invalid 'after': no item with id '" + Quoting.clip(after) + "' in " + of + ".", "after",
                "invalid_value");
    }

    public static InvalidRequestException previousResponseNotFound(String id) {
        return new InvalidRequestException(
                "Previous response with id '" + Quoting.clip(id) + "' not found.", "previous_response_id",
                "previous_response_not_found");
    }

    public static InvalidRequestException unsupported(String param, String what) {
        return new InvalidRequestException(what, param, "unsupported_parameter");
    }

    public static InvalidRequestException conversationLocked() {
        return new InvalidRequestException(
                "Another process is currently operating on this conversation. Please retry in a few seconds.",
                "conversation", "conversation_locked");
    }

    /**
     * OpenAI's wording for a context over the window, then what we counted, so a client can tell how far over
     * it is. {@code atLeast}: the count stopped as soon as it passed the budget.
     */
    public static InvalidRequestException contextLengthExceeded(int window, int reserved, int tokens, boolean atLeast,
            String hint) {
        return new InvalidRequestException(
                "Your input exceeds the context window of this model. Please adjust your input and try again."
                        + " (The model's window is " + window + " tokens"
                        + (reserved > 0 ? ", " + reserved + " of them kept for max_output_tokens" : "")
                        + "; this context needs " + (atLeast ? "more than " : "") + tokens + ". " + hint + ")",
                "input", "context_length_exceeded");
    }

    public static InvalidRequestException invalidEncryptedContent(String param) {
        return new InvalidRequestException(
                "Invalid '" + param + "': the encrypted content could not be verified. It was changed, or it was"
                        + " not made by this server for this project.",
                param, "invalid_encrypted_content");
    }

    /** OpenAI's list style: 'a' and 'b'; 'a', 'b', and 'c'. */
    private static String listing(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) out.append(values.size() == 2 ? " and " : i == values.size() - 1 ? ", and " : ", ");
            out.append('\'').append(values.get(i)).append('\'');
        }
        return out.toString();
    }
}
