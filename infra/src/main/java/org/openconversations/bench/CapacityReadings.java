package org.openconversations.bench;

import java.util.Locale;

/**
 * The capacity meter's readings of one request, space-separated: {@code Operation=units@ms} or
 * {@code Operation=failed@ms}, the milliseconds being the call's exchange with DynamoDB.
 */
final class CapacityReadings {
    private CapacityReadings() {}

    static double total(String readings) {
        double total = 0;
        for (String reading : split(readings)) {
            String units = units(reading);
            if (!units.equals("failed")) total += Double.parseDouble(units);
        }
        return total;
    }

    /** Milliseconds spent in exchanges with DynamoDB, all calls of the request together. */
    static double millis(String readings) {
        double total = 0;
        for (String reading : split(readings)) {
            int at = reading.indexOf('@');
            if (at >= 0) total += Double.parseDouble(reading.substring(at + 1));
        }
        return total;
    }

    private static String units(String reading) {
        int at = reading.indexOf('@');
        return reading.substring(reading.indexOf('=') + 1, at < 0 ? reading.length() : at);
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
            String units = units(reading);
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
