package org.openconversations.errors;

/** 403: a valid key asked for a project (OpenAI-Project header) it does not belong to. */
public final class PermissionDeniedException extends ApiException {
    private PermissionDeniedException(String message) {
        super(message, "invalid_request_error", null, "project_mismatch");
    }

    @Override
    public int status() {
        return 403;
    }

    public static PermissionDeniedException project(String project) {
        return new PermissionDeniedException(
                "The API key does not belong to project '" + Quoting.clip(project) + "'.");
    }
}
