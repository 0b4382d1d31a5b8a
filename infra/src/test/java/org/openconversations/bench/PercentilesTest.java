package org.openconversations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearest_rank_percentiles_of_one_to_a_hundred() {
        Percentiles sample = new Percentiles(IntStream.rangeClosed(1, 100).boxed().toList().reversed());
        assertEquals(50, sample.at(50));
        assertEquals(99, sample.at(99));
        assertEquals(100, sample.at(100));
        assertEquals(1, sample.at(0.5));
    }

    @Test
    void p99_of_a_small_sample_is_its_maximum() {
        assertEquals(9, new Percentiles(List.of(3, 9, 1, 4)).at(99));
    }

    @Test
    void median_of_odd_and_even_samples() {
        assertEquals(4, new Percentiles(List.of(7, 1, 4)).median());
        assertEquals(2.5, new Percentiles(List.of(4, 1, 2, 3)).median());
    }

    @Test
    void refuses_empty_samples_and_impossible_percentiles() {
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(List.of(1)).at(0));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(List.of(1)).at(101));
    }
}
