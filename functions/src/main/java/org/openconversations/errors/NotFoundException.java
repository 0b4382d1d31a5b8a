package org.openconversations.errors;

/** 404: the resource does not exist for this tenant (or never did; we do not tell them apart). */
public final class NotFoundException extends ApiException {
    private NotFoundException(String message, String param) {
        super(message, "invalid_request_error", param, null);
    }

    @Override
    public int status() {
        return 404;
    }

    public static NotFoundException conversation(String id) {
        return new NotFoundException("Conversation with id '" + Quoting.clip(id) + "' not found.", null);
    }

    public static NotFoundException item(String id) {
        return new NotFoundException("Item with id '" + Quoting.clip(id) + "' not found.", null);
    }

    public static NotFoundException response(String id) {
        return new NotFoundException("Response with id '" + Quoting.clip(id) + "' not found.", null);
    }

    /** An unknown conversation named in a request body, e.g. POST /v1/responses. */
    public static NotFoundException conversation(String id, String param) {
        return new NotFoundException("Conversation with id '" + Quoting.clip(id) + "' not found.", param);
    }

    /** The message of OpenAI's 404 for a path no route serves; the catch-all answers it with no exception made. */
    public static String invalidUrl(String method, String path) {
        return "Invalid URL (" + method + " " + Quoting.clip(path) + ")";
    }
}
