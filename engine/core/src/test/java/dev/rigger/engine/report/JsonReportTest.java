package dev.rigger.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON report carries why a step failed (the host's stderr), masked, and nothing more for other tasks. */
class JsonReportTest {

    @Test
    void failedStep_carriesTheHostsError_masked_okTaskCarriesNoOutput() {
        Masker masker = new Masker();
        masker.add("s3cr3t");
        TaskResult failed = new TaskResult("web1", 0, "hosts entry", "lineinfile", Status.FAILED, List.of(),
                "step failed (exit 1): write /etc/hosts (58 bytes)",
                "mv: cannot move '/etc/.hosts.tmp' to '/etc/hosts': Device or resource busy (s3cr3t)\n", 12);
        TaskResult ok = new TaskResult("web2", 0, "hosts entry", "lineinfile", Status.OK, List.of(), "", "some stdout\n", 3);
        RunResult run = new RunResult(false, List.of(failed, ok), List.of("web1", "web2"), 20);

        List<?> tasks = (List<?>) new JsonReport(masker).toMap(run).get("tasks");

        Map<?, ?> f = (Map<?, ?>) tasks.get(0);
        assertThat(f.get("message")).isEqualTo("step failed (exit 1): write /etc/hosts (58 bytes)");
        assertThat((String) f.get("output")).contains("Device or resource busy").doesNotContain("s3cr3t").doesNotEndWith("\n");
        assertThat(((Map<?, ?>) tasks.get(1)).containsKey("output")).isFalse();
    }
}
