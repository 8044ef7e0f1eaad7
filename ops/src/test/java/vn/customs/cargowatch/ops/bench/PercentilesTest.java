package vn.customs.cargowatch.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.ops.bench.Latency.Percentiles;

/** Nearest-rank percentiles: a value that was measured, never one in between. */
class PercentilesTest {

    @Test
    void shouldTakeTheValueAtTheNearestRank() {
        List<Long> millis = LongStream.rangeClosed(1, 100).map(i -> 101 - i).boxed().toList();

        assertThat(Percentiles.of(millis, 3)).isEqualTo(new Percentiles(50, 99, 100, 3));
    }

    @Test
    void shouldShowAtP99WhatMoreThanOnePercentOfTheAnswersTakeAndNotWhatOnePercentTake() {
        List<Long> threeIn200 = LongStream.range(0, 200).map(i -> i < 3 ? 5_000 : 20).boxed().toList();
        List<Long> twoIn200 = LongStream.range(0, 200).map(i -> i < 2 ? 5_000 : 20).boxed().toList();

        assertThat(Percentiles.of(threeIn200, 0).p99()).isEqualTo(5_000);
        assertThat(Percentiles.of(twoIn200, 0).p99()).isEqualTo(20);
    }

    @Test
    void shouldSayNothingOfNoAnswer() {
        Percentiles none = Percentiles.of(List.of(), 4);

        assertThat(none.p50()).isNaN();
        assertThat(none.p99()).isNaN();
        assertThat(none.count()).isZero();
        assertThat(none.unanswered()).isEqualTo(4);
    }
}
