package org.openconversations.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows as a Markdown table per section, and as JSON (one object per row). */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {}

    static String markdown(List<BenchRow> rows) {
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        for (BenchRow row : rows) {
            StringBuilder table = sections.computeIfAbsent(row.section(), section -> new StringBuilder()
                    .append("### ").append(section).append("\n\n")
                    .append("| row | ours | baseline | ratio | target | pass | note |\n")
                    .append("|---|---:|---:|---:|---|---|---|\n"));
            table.append("| ").append(row.name())
                    .append(" | ").append(number(row.value())).append(' ').append(row.unit())
                    .append(" | ").append(row.baseline() == null ? "–" : number(row.baseline()) + " " + row.unit())
                    .append(" | ").append(row.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f", row.ratio()))
                    .append(" | ").append(target(row))
                    .append(" | ").append(row.pass() ? "yes" : "**no**")
                    .append(" | ").append(row.note().replace("|", "\\|"))
                    .append(" |\n");
        }
        StringBuilder out = new StringBuilder();
        sections.values().forEach(table -> out.append(table).append('\n'));
        return out.toString();
    }

    static String json(List<BenchRow> rows, Map<String, String> about) {
        ObjectNode root = JSON.createObjectNode();
        about.forEach(root::put);
        ArrayNode array = root.putArray("rows");
        for (BenchRow row : rows) {
            ObjectNode node = array.addObject();
            node.put("section", row.section());
            node.put("name", row.name());
            node.put("value", round(row.value()));
            if (row.baseline() == null) node.putNull("baseline"); else node.put("baseline", round(row.baseline()));
            if (row.ratio() == null) node.putNull("ratio"); else node.put("ratio", round(row.ratio()));
            node.put("unit", row.unit());
            node.put("target", target(row));
            node.put("pass", row.pass());
            node.put("note", row.note());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String target(BenchRow row) {
        return row.targetIsRatio()
                ? "≤ " + number(row.target()) + " × baseline"
                : "≤ " + number(row.target()) + " " + row.unit();
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) return Long.toString((long) value);
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
