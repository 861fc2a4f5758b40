package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.engine.report.JsonReport;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.spi.Diff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page: its data (grouped changes, failures, masked), its size for 1,000 hosts, and
 * the page itself opened in headless Chromium, which must draw the timeline and the summary.
 */
class HtmlReportTest {
    static final int TASKS = 22;
    static final String SECRET = "pa55-w0rd-xyz";

    @TempDir
    Path dir;

    /** A report like the base workload's on {@code hosts} hosts: 22 tasks, the hosts file changed, 5 failures, joins waiting on the master. */
    static JsonNode report(int hosts) {
        Masker masker = new Masker();
        masker.add(SECRET);
        Random random = new Random(21);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) names.add("node" + i);
        List<TaskResult> tasks = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (String h : names) {
            long clock = random.nextInt(300);
            boolean failing = names.indexOf(h) % (hosts / 5) == 3;
            for (int k = 0; k < TASKS; k++) {
                long dur = 20 + random.nextInt(k == 7 ? 4000 : 400);
                Status s = Status.OK;
                List<Diff> changes = List.of();
                String message = "";
                String output = "";
                if (k == 4) {
                    s = Status.CHANGED;
                    String after = h.equals("node2") ? "10.0.0.1 master\n10.0.0.9 odd\n" : "10.0.0.1 master\n10.0.0.2 cache\n";
                    changes = List.of(Diff.update("/etc/hosts block", "10.0.0.1 master\n", after));
                }
                if (failing && k == 9) {
                    s = Status.FAILED;
                    message = "step failed (exit 1): kubeadm join";
                    output = "error: token " + SECRET + " rejected </script><b>x</b>\n";
                } else if (failing && k > 9) {
                    s = Status.SKIPPED;
                    message = "upstream failed";
                }
                tasks.add(new TaskResult(h, k, "task " + k + (k == 9 ? " join with " + SECRET : ""), "command", s, changes, message, output, dur));
                starts.add(clock);
                clock += dur + 5;
            }
        }
        RunResult r = new RunResult(false, tasks, names, 9000);
        Map<String, Object> map = new JsonReport(masker).toMap(r);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ts = (List<Map<String, Object>>) map.get("tasks");
        for (int i = 0; i < ts.size(); i++) {
            ts.get(i).put("startMs", starts.get(i));
            ts.get(i).put("endMs", starts.get(i) + tasks.get(i).durationMs());
        }
        List<Object> edges = new ArrayList<>();
        for (String h : names.subList(1, names.size())) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("fromHost", "node1");
            e.put("fromTask", "task 8");
            e.put("toHost", h);
            e.put("toTask", "task 9 join with ********");
            e.put("kind", "registered");
            edges.add(e);
        }
        map.put("edges", edges);
        // a round trip at the start of every task: TASKS per host
        Map<String, List<List<Long>>> trips = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            trips.computeIfAbsent(tasks.get(i).host(), h -> new ArrayList<>()).add(List.of(starts.get(i), 12L));
        }
        map.put("roundTrips", trips);
        return new ObjectMapper().valueToTree(map);
    }

    @Test
    void pageData_groupsChanges_keepsFailures_masksSecrets_staysSmallForAThousandHosts() throws IOException {
        Masker masker = new Masker();
        masker.add(SECRET);
        String page = HtmlReport.render(report(1000), masker, "Rigger apply");
        assertThat(page.getBytes(StandardCharsets.UTF_8).length).as("page bytes for 1,000 hosts").isLessThan(5_000_000);
        assertThat(page).doesNotContain(SECRET).doesNotContain("http://").doesNotContain("https://").doesNotContainPattern("<script[^>]+src")
                .doesNotContain("<b>x</b>").contains("rejected <\\/script>");
        Matcher m = Pattern.compile("(?s)<script type=\"application/json\" id=\"data\">(.*?)</script>").matcher(page);
        assertThat(m.find()).isTrue();
        JsonNode data = new ObjectMapper().readTree(m.group(1));
        assertThat(data.get("hosts")).hasSize(1000);
        assertThat(data.get("rows")).hasSize(1000 * TASKS * 5);
        JsonNode hostsFile = data.get("groups").get(0);
        assertThat(hostsFile.get("task").asText()).isEqualTo("task 4");
        assertThat(hostsFile.get("hosts").asInt()).isEqualTo(1000);
        assertThat(hostsFile.get("variants")).hasSize(2);
        assertThat(hostsFile.at("/variants/0/h")).hasSize(999);
        assertThat(hostsFile.at("/variants/1/h").get(0).asInt()).as("node2's index").isEqualTo(1);
        assertThat(hostsFile.at("/variants/1/diff").asText()).contains("+10.0.0.9 odd");
        assertThat(data.get("failures")).hasSize(5);
        assertThat(data.at("/failures/0/output").asText()).contains("token ******** rejected");
        assertThat(data.get("edges")).hasSize(999);
        assertThat(data.get("timed").asBoolean()).isTrue();
    }

    @Test
    void withoutStartTimes_aHostsTasksFollowEachOther() {
        Masker masker = new Masker();
        RunResult r = new RunResult(true, List.of(
                new TaskResult("a", 0, "one", "copy", Status.OK, List.of(), "", "", 100),
                new TaskResult("a", 1, "two", "copy", Status.CHANGED, List.of(Diff.create("/x", "y")), "", "", 50)), List.of("a"), 0);
        JsonNode tree = new ObjectMapper().valueToTree(new JsonReport(masker).toMap(r));
        Map<String, Object> data = HtmlReport.data(tree, masker, "plan");
        assertThat(data.get("timed")).isEqualTo(false);
        assertThat(data.get("rows")).isEqualTo(List.of(0L, 0L, 0L, 0L, 100L, 0L, 1L, 1L, 100L, 50L));
    }

    /**
     * The page in Debian's headless Chromium: the script ran, drew a bar per task and a row per
     * host, the summary counts the hosts, within 2 s; and a screenshot is taken.
     */
    @Test
    void chromiumDrawsTheTimelineAndTheSummary() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed (./test installs it)");
        Masker masker = new Masker();
        masker.add(SECRET);
        Path page = dir.resolve("report.html");
        HtmlReport.write(report(1000), masker, "Rigger apply", page);

        long t0 = System.nanoTime();
        String dom = chromium(chromium, "--dump-dom", page.toUri().toString());
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(dom).contains("data-rendered=\"true\"").contains("<canvas id=\"timeline\"");
        assertThat(attribute(dom, "canvas", "data-bars")).isEqualTo(1000 * TASKS);
        assertThat(attribute(dom, "canvas", "data-rows")).isEqualTo(1000);
        assertThat(attribute(dom, "canvas", "data-edges")).isEqualTo(999);
        assertThat(attribute(dom, "canvas", "data-trips")).isEqualTo(1000 * TASKS);
        assertThat(dom).contains("data-key=\"hosts\" data-value=\"1000\"").contains("data-key=\"failed\" data-value=\"5\"")
                .contains("data-key=\"all right\" data-value=\"995\"");
        assertThat(attribute(dom, "div id=\"failures\"", "data-failures")).isEqualTo(5);
        assertThat(dom).contains("changed on 1000 hosts: task 4 (command), 2 variants").contains("differs on 1 host(s): node2");
        int renderMs = attribute(dom, "body", "data-render-ms");
        System.out.printf("HtmlReportTest figures: page %d bytes for 1,000 hosts x %d tasks; script ran %d ms in Chromium; dump-dom %d ms wall%n",
                Files.size(page), TASKS, renderMs, wallMs);
        assertThat(renderMs).as("script time in Chromium, ms").isLessThan(2000);

        Path shot = dir.resolve("report.png");
        chromium(chromium, "--screenshot=" + shot, "--window-size=1280,900", page.toUri().toString());
        byte[] png = Files.readAllBytes(shot);
        assertThat(png.length).as("screenshot bytes").isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
        String keep = System.getenv("RIGGER_REPORT_SCREENSHOT");
        if (keep != null) Files.copy(shot, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private String chromium(Path chromium, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=10000"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int attribute(String dom, String tag, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(tag) + "[^>]*\\s" + Pattern.quote(name) + "=\"(\\d+)\"").matcher(dom);
        assertThat(m.find()).as(tag + " " + name + " in the DOM").isTrue();
        return Integer.parseInt(m.group(1));
    }
}
