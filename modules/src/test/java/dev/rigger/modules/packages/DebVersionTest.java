package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebVersionTest {
    /** Pairs as dpkg --compare-versions orders them (lower first). */
    @ParameterizedTest
    @CsvSource({"1.0-1, 1.1-1", "1.1-1, 2.0-1", "1.9, 1.10", "1.0~rc1, 1.0", "1.0, 1.0a", "1.0a, 1.0+b1",
            "1.0-1, 1.0-1+b1", "5.2.15-2, 5.2.15-2+b8", "1.0, 1.0.1", "0.9, 1:0.1",
            "1.0-2, 1.0-10", "2.0~, 2.0"})
    void ordersAsDpkg(String lower, String higher) {
        assertThat(DebVersion.compare(lower, higher)).as(lower + " < " + higher).isNegative();
        assertThat(DebVersion.compare(higher, lower)).as(higher + " > " + lower).isPositive();
        assertThat(DebVersion.compare(lower, lower)).isZero();
    }
}
