package org.openconversations.bench;

/**
 * One figure of the report: our value, the baseline measured beside it, their ratio, and the target the ratio
 * (or, for absolute targets, the value) must meet. A row without a baseline has no ratio and cannot pass.
 *
 * @param target the bound, with {@code targetIsRatio} saying whether it bounds the ratio or the value
 */
record BenchRow(String section, String name, double value, Double baseline, String unit, double target,
        boolean targetIsRatio, String note) {

    /** Null without a baseline; 1 when both are zero (a route that should make no calls, and makes none). */
    Double ratio() {
        if (baseline == null) return null;
        if (baseline == 0) return value == 0 ? 1.0 : null;
        return value / baseline;
    }

    boolean pass() {
        if (targetIsRatio) {
            Double ratio = ratio();
            return ratio != null && ratio <= target + 1e-9;
        }
        return value <= target + 1e-9;
    }

    static BenchRow ratio(String section, String name, double value, Double baseline, String unit, double target,
            String note) {
        return new BenchRow(section, name, value, baseline, unit, target, true, note);
    }

    static BenchRow absolute(String section, String name, double value, Double baseline, String unit,
            double target, String note) {
        return new BenchRow(section, name, value, baseline, unit, target, false, note);
    }
}
