package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 5 failing hosts out of 50 (local connections, no lab): the console shows the failures without
 * a line per success, on a real pseudo-terminal (util-linux {@code script}) with a progress line
 * rewritten in place, and through a pipe with no control characters at all.
 */
class FleetConsoleTest {
    static final Set<String> FAILING = Set.of("h3", "h14", "h25", "h36", "h47");

    @TempDir
    Path dir;
    Path inventory;
    Path playbook;

    @BeforeEach
    void fleet() throws Exception {
        StringBuilder inv = new StringBuilder("[fleet]\n");
        for (int i = 1; i <= 50; i++) inv.append("h").append(i).append(" ansible_connection=local\n");
        inventory = Files.writeString(dir.resolve("inv.ini"), inv);
        playbook = Files.writeString(dir.resolve("fleet.yml"), """
                - hosts: fleet
                  gather_facts: false
                  tasks:
                    - name: prepare
                      command: "sleep 0.{{ 5 + (inventory_hostname[1:] | int) % 5 }}"
                      changed_when: false
                    - name: configure
                      command: "sh -c 'case {{ inventory_hostname }} in h3|h14|h25|h36|h47) echo config check failed on {{ inventory_hostname }} >&2; exit 1;; esac'"
                      changed_when: false
                    - name: finish
                      command: "true"
                      changed_when: false
                """);
    }

    @Test
    void terminal_showsTheFailuresOnOneScreen_underALiveProgressLine() throws Exception {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rigger.cli.Main", "play", "-i", inventory.toString(), playbook.toString()));
        String cmd = String.join(" ", java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", cmd, "/dev/null").redirectErrorStream(true);
        pb.environment().remove("RIGGER_PROGRESS");
        pb.environment().put("COLUMNS", "100");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        String raw = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(raw).isEqualTo(ExitCodes.HOST_FAILED);

        assertThat(raw).as("the progress line, rewritten in place").contains("\r\033[K").containsPattern("\\d+/50 hosts done, \\d+ running \\| ok \\d+");
        List<String> screen = screen(raw);
        assertThat(screen.size()).as("lines left on the terminal:\n" + String.join("\n", screen)).isLessThan(40);
        for (String h : FAILING) {
            assertThat(screen).as(h).anyMatch(l -> l.matches("failed\\s+" + h + "\\s+configure \\(command, \\d+ ms\\)"));
            assertThat(screen).contains("          | config check failed on " + h);
            assertThat(screen).anyMatch(l -> l.startsWith(h + " ") && l.contains("failed=1"));
        }
        assertThat(screen).noneMatch(l -> l.startsWith("ok ")).contains("FAILURES")
                .anyMatch(l -> l.startsWith("50 hosts: 45 all right, 0 with changes, 5 failed, 0 unreachable"));
    }

    @Test
    void pipe_noControlCharacters_sameFailures_andVerboseListsEveryTask() {
        Cli.Result r = Cli.run("play", "-i", inventory.toString(), playbook.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(r.out()).doesNotContain("\033").doesNotContain("\r");
        assertThat(r.out().lines().count()).as(r.out()).isLessThan(40);
        for (String h : FAILING) assertThat(r.out()).containsPattern("(?m)^failed\\s+" + h + "\\s+configure").contains("  " + h + " / configure: ");
        assertThat(r.out()).doesNotContainPattern("(?m)^ok ");

        Cli.Result v = Cli.run("play", "-v", "-i", inventory.toString(), playbook.toString());
        assertThat(v.out().lines().filter(l -> l.startsWith("ok ")).count()).as(v.out()).isEqualTo(45 * 3 + 5);
        assertThat(v.out()).containsPattern("(?m)^h1\\s+: ok=3 ");
    }

    /**
     * {@code --report-json} carries the timing the page draws, {@code --report-html} writes the page,
     * {@code rigger show --html} draws the JSON report and a saved plan; a JSON report is not shown as a plan.
     */
    @Test
    void reports_timingInTheJson_pagesFromARunAReportAndAPlan() throws Exception {
        Path json = dir.resolve("run.json");
        Path html = dir.resolve("run.html");
        Cli.Result r = Cli.run("play", "-i", inventory.toString(), playbook.toString(), "--report-json", json.toString(), "--report-html", html.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.HOST_FAILED);
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        for (com.fasterxml.jackson.databind.JsonNode t : report.get("tasks")) {
            assertThat(t.get("endMs").asLong() - t.get("startMs").asLong()).as(t.toString()).isEqualTo(t.get("durationMs").asLong());
            assertThat(t.get("endMs").asLong()).isLessThanOrEqualTo(report.get("durationMs").asLong());
        }
        assertThat(report.get("edges")).isEmpty();
        // every host's round trips, each within the run; at least one per host that was reached
        com.fasterxml.jackson.databind.JsonNode trips = report.get("roundTrips");
        assertThat(trips.size()).isEqualTo(report.get("hosts").size());
        trips.fields().forEachRemaining(e -> {
            assertThat(e.getValue().size()).as(e.getKey()).isPositive();
            for (com.fasterxml.jackson.databind.JsonNode t : e.getValue()) {
                assertThat(t.get(0).asLong() + t.get(1).asLong()).as(e.getKey()).isLessThanOrEqualTo(report.get("durationMs").asLong() + 1);
            }
        });
        String page = Files.readString(html);
        assertThat(page).contains("\"timed\":true").containsPattern("\"trips\":\\[\\d").contains("config check failed on h47").doesNotContainPattern("<script[^>]+src");

        Path shown = dir.resolve("shown.html");
        Cli.Result show = Cli.run("show", "--html", shown.toString(), json.toString());
        assertThat(show.exitCode()).as(show.all()).isZero();
        assertThat(Files.readString(shown)).contains("config check failed on h14").contains("\"hosts\":[\"h1\",\"h2\"");
        assertThat(Cli.run("show", json.toString()).exitCode()).isEqualTo(ExitCodes.BAD_OPTIONS);

        Path plan = dir.resolve("plan.json");
        assertThat(Cli.run("plan", "-i", inventory.toString(), playbook.toString(), "-o", plan.toString(), "--limit", "h1,h2").exitCode()).isZero();
        Path planPage = dir.resolve("plan.html");
        Cli.Result showPlan = Cli.run("show", "--html", planPage.toString(), plan.toString());
        assertThat(showPlan.exitCode()).as(showPlan.all()).isZero();
        assertThat(Files.readString(planPage)).contains("\"mode\":\"check\"").contains("\"timed\":false").contains("\"hosts\":[\"h1\",\"h2\"]");
    }

    /** What a terminal shows at the end: each line as the last carriage return left it. */
    static List<String> screen(String raw) {
        List<String> out = new ArrayList<>();
        for (String line : raw.replace("\r\n", "\n").split("\n", -1)) {
            String l = line.replace("\033[K", "");
            int cr = l.lastIndexOf('\r');
            if (cr >= 0) l = l.substring(cr + 1);
            out.add(l);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) out.remove(out.size() - 1);
        return out;
    }
}
