package org.openconversations.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every item type a conversation may hold (contract section 4), with its id prefix. Prefixes the contract
 * marks as unverified are our choice and listed in README's compatibility notes.
 */
public final class ItemCatalog {
    private static final List<String> CALL = List.of("in_progress", "completed", "incomplete");
    private static final Map<String, ItemKind> KINDS = new LinkedHashMap<>();

    static {
        add("message", "msg", CALL, "completed");
        add("function_call", "fc", CALL, "completed");
        add("function_call_output", "fco", CALL, "completed");
        add("reasoning", "rs", CALL, null);
        add("compaction", "cmp", List.of(), null);
        add("web_search_call", "ws", List.of("in_progress", "searching", "completed", "failed"), "completed");
        add("file_search_call", "fs",
                List.of("in_progress", "searching", "completed", "incomplete", "failed"), "completed");
        add("image_generation_call", "ig", List.of("in_progress", "completed", "generating", "failed"), "completed");
        add("code_interpreter_call", "ci",
                List.of("in_progress", "completed", "incomplete", "interpreting", "failed"), "completed");
        add("computer_call", "cu", CALL, "completed");
        add("computer_call_output", "cuo", List.of("completed", "incomplete", "failed"), "completed");
        add("custom_tool_call", "ctc", CALL, "completed");
        add("custom_tool_call_output", "ctco", CALL, "completed");
        add("mcp_list_tools", "mcpl", List.of(), null);
        add("mcp_approval_request", "mcpr", List.of(), null);
        add("mcp_approval_response", "mcpa", List.of(), null);
        add("mcp_call", "mcp", List.of("in_progress", "completed", "incomplete", "calling", "failed"), null);
        add("local_shell_call", "lsh", CALL, "completed");
        add("local_shell_call_output", "lsho", CALL, null);
        add("shell_call", "sh", CALL, "completed");
        add("shell_call_output", "sho", CALL, "completed");
        add("apply_patch_call", "apc", List.of("in_progress", "completed"), "completed");
        add("apply_patch_call_output", "apco", List.of("completed", "failed"), "completed");
        add("tool_search_call", "tsc", List.of(), null);
        add("tool_search_output", "tso", List.of(), null);
        add("additional_tools", "adt", List.of(), null);
        add("program", "prg", List.of(), null);
        add("program_output", "prgo", List.of(), null);
    }

    private ItemCatalog() {}

    private static void add(String type, String prefix, List<String> statuses, String defaultStatus) {
        KINDS.put(type, new ItemKind(type, prefix, statuses, defaultStatus));
    }

    public static ItemKind kind(String type) {
        return KINDS.get(type);
    }

    public static List<String> types() {
        return new ArrayList<>(KINDS.keySet());
    }
}
