package dev.rigger.modules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard that keeps fuzzed paths off the machine's root: what it lets through, what it keeps out. */
class SandboxTest {

    @ParameterizedTest
    @ValueSource(strings = {"/tmp/rigger-fuzz/a/f", "/tmp/rigger-fuzz/a/b/../c", "/tmp/rigger-fuzz//a/./f",
            "/tmp/rigger-fuzz/a/b\n/../f", "/tmp/rigger-fuzz/a/$(touch x)/..", "-rf", "--help", "x;y"})
    void confined_pathsThatStayBelowTheSandbox_orBareNames(String path) {
        assertThat(Sandbox.confined(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/tmp", "/tmp/rigger-fuzz", "/tmp/rigger-fuzz/", "/tmp/rigger-fuzz/a/..",
            "/tmp/rigger-fuzz/a/../../..", "/tmp/rigger-fuzz/../rigger-fuzz-other/x", "/tmp/rigger-fuzzy/x", "/etc/passwd",
            "../x", "..", ".", "", "-/tmp/rigger-fuzz/a", "a/b", "/tmp/rigger-fuzz/a/b\n/../../.."})
    void confined_refusesWhatResolvesElsewhere(String path) {
        assertThat(Sandbox.confined(path)).isFalse();
    }
}
