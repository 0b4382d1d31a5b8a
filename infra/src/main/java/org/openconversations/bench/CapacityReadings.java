package org.openconversations.bench;

import java.util.Locale;

/** The capacity meter's readings of one request: {@code Operation=units} or {@code Operation=failed}, space-separated. */
final class CapacityReadings {
    private CapacityReadings() {}

    static double total(String readings) {
        double total = 0;
        for (String reading : split(readings)) {
            String units = reading.substring(reading.indexOf('=') + 1);
            if (!units.equals("failed")) total += Double.parseDouble(units);
        }
        return total;
    }

    static int count(String readings, String operation) {
        int count = 0;
        for (String reading : split(readings)) {
            if (reading.startsWith(operation + "=")) count++;
        }
        return count;
    }

    /** "GetItem 1, Query 0.5" style, or "no DynamoDB calls". */
    static String describe(String readings) {
        String[] parts = split(readings);
        if (parts.length == 0) return "no DynamoDB calls";
        StringBuilder out = new StringBuilder();
        for (String reading : parts) {
            if (!out.isEmpty()) out.append(", ");
            int eq = reading.indexOf('=');
            String units = reading.substring(eq + 1);
            out.append(reading, 0, eq).append(' ')
                    .append(units.equals("failed") ? "failed" : Report.number(Double.parseDouble(units)));
        }
        return out.toString();
    }

    private static String[] split(String readings) {
        return readings == null || readings.isBlank() ? new String[0] : readings.trim().split(" ");
    }

    static String format(double units) {
        return String.format(Locale.ROOT, "%.2f", units);
    }
}
