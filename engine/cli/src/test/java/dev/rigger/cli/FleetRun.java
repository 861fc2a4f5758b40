package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code rigger play --report-json} through the real command line, and what a test checks of
 * it: the recap as the JSON report and the console each give it, and every task's status.
 */
record FleetRun(int exitCode, JsonNode report, String console, long wallMs) {
    private static final Pattern RECAP_LINE = Pattern.compile(
            "(?m)^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unknown=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+)\\s+unreachable=(\\d+) ignored=(\\d+)$");

    /** A host's recap line. */
    record Counts(int ok, int changed, int unknown, int failed, int skipped, boolean unreachable, int ignored) {
        /** Every task ran and succeeded, {@code changed} of them changed something. */
        static Counts converged(int tasks, int changed) {
            return new Counts(tasks, changed, 0, 0, 0, false, 0);
        }

        /** Tasks before {@code failedAt} changed, it failed, the rest were skipped (never run). */
        static Counts stoppedAt(int failedAt, int tasks) {
            return new Counts(failedAt, failedAt, 0, 1, tasks - failedAt - 1, false, 0);
        }

        static Counts of(JsonNode h) {
            return new Counts(h.get("ok").asInt(), h.get("changed").asInt(), h.get("unknown").asInt(), h.get("failed").asInt(),
                    h.get("skipped").asInt(), h.get("unreachable").asBoolean(), h.get("ignored").asInt());
        }
    }

    /** With {@code -v}: the listing of every task and host, and every host's recap line, which the checks read. */
    static FleetRun play(Path inventory, Path playbook, Path json) throws IOException {
        long t0 = System.nanoTime();
        Cli.Result r = Cli.run("play", "-v", "-i", inventory.toString(), playbook.toString(), "--report-json", json.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new FleetRun(r.exitCode(), new ObjectMapper().readTree(json.toFile()), r.all(), ms);
    }

    /** The console's recap, host by host. */
    Map<String, Counts> consoleRecap() {
        Map<String, Counts> out = new LinkedHashMap<>();
        Matcher m = RECAP_LINE.matcher(console.substring(console.indexOf("APPLY RECAP")));
        while (m.find()) {
            out.put(m.group(1), new Counts(i(m, 2), i(m, 3), i(m, 4), i(m, 5), i(m, 6), i(m, 7) == 1, i(m, 8)));
        }
        return out;
    }

    /** The JSON report and the console agree on {@code host}'s recap, and it is {@code want}. */
    void assertRecap(String host, Counts want) {
        assertThat(Counts.of(report.at("/hosts/" + host))).as("JSON recap of " + host).isEqualTo(want);
        assertThat(consoleRecap().get(host)).as("console recap of " + host).isEqualTo(want);
    }

    /** The tasks reported for {@code host}, in the order they finished. */
    List<JsonNode> tasks(String host) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode t : report.get("tasks")) if (t.get("host").asText().equals(host)) out.add(t);
        return out;
    }

    /** Every task of {@code host} was reported once, with {@code status}. */
    void assertAll(String host, String status) {
        List<JsonNode> tasks = tasks(host);
        assertThat(tasks).as(host).hasSize(FleetPlaybook.TASKS.size());
        for (JsonNode t : tasks) assertThat(t.get("status").asText()).as(host + " / " + t.get("task").asText()).isEqualTo(status);
    }

    /**
     * {@code host} failed at task {@code k} with its task's error, in the report and on the
     * console; the tasks before it changed; the ones after were skipped as upstream failed.
     */
    void assertStoppedAt(String host, List<FleetPlaybook.Task> tasks, int k) {
        List<JsonNode> got = tasks(host);
        assertThat(got.stream().map(t -> t.get("task").asText()).toList()).as(host)
                .isEqualTo(tasks.stream().map(FleetPlaybook.Task::name).toList());
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode t = got.get(i);
            String what = host + " / " + tasks.get(i).name();
            if (i < k) assertThat(t.get("status").asText()).as(what).isEqualTo("changed");
            if (i > k) {
                assertThat(t.get("status").asText()).as(what).isEqualTo("skipped");
                assertThat(t.get("message").asText()).as(what).isEqualTo("upstream failed: " + host + "/" + tasks.get(k).name());
            }
        }
        JsonNode failed = got.get(k);
        String error = failed.path("message").asText() + "\n" + failed.path("output").asText();
        assertThat(failed.get("status").asText()).as(host + " failed here").isEqualTo("failed");
        assertThat(error).as(host + " / " + tasks.get(k).name() + ": the host's error in the JSON report").contains(tasks.get(k).error());
        assertThat(console).as("console line of " + host)
                .containsPattern("(?m)^failed\\s+" + Pattern.quote(host) + "\\s+" + Pattern.quote(tasks.get(k).name()) + " \\(")
                .contains("  " + host + " / " + tasks.get(k).name() + ": " + failed.get("message").asText());
    }

    /** Exactly these hosts are under FAILURES, once each. */
    void assertFailuresOnly(Set<String> hosts) {
        String failures = console.substring(console.indexOf("\nFAILURES\n") + "\nFAILURES\n".length());
        List<String> named = failures.lines().takeWhile(l -> l.startsWith("  ")).map(l -> l.trim().split(" / ")[0]).sorted().toList();
        assertThat(named).isEqualTo(hosts.stream().sorted().toList());
    }

    /** The report and the console's recap name {@code n} hosts, no more. */
    void assertHostCount(int n) {
        assertThat(report.get("hosts").size()).as("hosts in the JSON report").isEqualTo(n);
        assertThat(consoleRecap()).as("hosts in the console recap").hasSize(n);
    }

    private static int i(Matcher m, int g) {
        return Integer.parseInt(m.group(g));
    }
}
