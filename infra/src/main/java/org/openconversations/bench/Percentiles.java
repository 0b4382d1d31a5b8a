package org.openconversations.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample, nearest-rank. */
final class Percentiles {
    private final double[] sorted;

    Percentiles(List<? extends Number> sample) {
        if (sample.isEmpty()) throw new IllegalArgumentException("empty sample");
        sorted = sample.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    }

    /** The smallest value with at least {@code p} percent of the sample at or below it. */
    double at(double p) {
        if (p <= 0 || p > 100) throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The middle value; the mean of the two middle values of an even sample. */
    double median() {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    int size() {
        return sorted.length;
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
