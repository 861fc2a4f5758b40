package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.lab.Lab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console and the page at fleet size, through a real run: {@code RIGGER_FLEET_HOSTS} local
 * hosts (the budget: unset or 0 skips, as in CI; 1000 is the size), or with
 * {@code RIGGER_FLEET_LAB=1} that many lab hosts over SSH (the lab's first N: run it alone, other
 * tests reset lab hosts), 22 tasks each (a directory and a file per host, 20 debug tasks). The
 * no-change run prints under 40 lines, -v lists every task, the page stays under 5 MB and
 * Chromium draws it in under 2 s.
 */
class ThousandHostsReportTest {
    static final int TASKS = 22;

    @TempDir
    Path dir;

    @Test
    void noChangeRun_fitsOnAScreen_pageSmall_drawnFast() throws Exception {
        int hosts = Integer.parseInt(System.getenv().getOrDefault("RIGGER_FLEET_HOSTS", "0"));
        Assumptions.assumeTrue(hosts > 0, "RIGGER_FLEET_HOSTS unset: the fleet-sized run is skipped");
        boolean overSsh = System.getenv().getOrDefault("RIGGER_FLEET_LAB", "").equals("1");
        Path inventory;
        String state;
        if (overSsh) {
            Lab lab = Lab.get();
            lab.atLeast(hosts);
            List<String> names = lab.hostsUp().subList(0, hosts);
            inventory = lab.inventory(dir, names.toArray(String[]::new));
            state = "/var/tmp/rigger-fleet-" + System.currentTimeMillis();
        } else {
            StringBuilder inv = new StringBuilder("[fleet]\n");
            for (int i = 1; i <= hosts; i++) inv.append("h").append(i).append(" ansible_connection=local\n");
            inventory = Files.writeString(dir.resolve("inv.ini"), inv);
            state = dir.resolve("state").toString();
        }
        StringBuilder play = new StringBuilder("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: host directory
                      file: {path: "%1$s/{{ inventory_hostname }}", state: directory, mode: "0755"}
                    - name: hosts block
                      copy: {dest: "%1$s/{{ inventory_hostname }}/hosts", content: "10.0.0.1 master\\n10.0.0.2 cache\\n"}
                """.formatted(state));
        for (int k = 3; k <= TASKS; k++) play.append("    - name: check ").append(k).append("\n      debug: {msg: \"fine\"}\n");
        Path playbook = Files.writeString(dir.resolve("fleet.yml"), play);

        long t0 = System.nanoTime();
        Cli.Result first = Cli.run("play", "-i", inventory.toString(), playbook.toString(), "--diff");
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("changed on " + hosts + " hosts: hosts block (copy)").contains("+10.0.0.2 cache");
        assertThat(first.out().split("\\+10\\.0\\.0\\.2 cache", -1)).as("the diff shown once").hasSize(2);

        Path html = dir.resolve("run.html");
        t0 = System.nanoTime();
        Cli.Result again = Cli.run("play", "-i", inventory.toString(), playbook.toString(), "--report-html", html.toString(),
                "--report-json", dir.resolve("run.json").toString());
        long againMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(again.exitCode()).as(again.all()).isZero();
        long lines = again.out().lines().count();
        assertThat(lines).as(again.out()).isLessThan(40);
        assertThat(again.out()).contains(hosts + " hosts: " + hosts + " all right, 0 with changes");
        long pageBytes = Files.size(html);
        assertThat(pageBytes).isLessThan(5_000_000);

        Cli.Result verbose = Cli.run("play", "-v", "-i", inventory.toString(), playbook.toString());
        long verboseLines = verbose.out().lines().filter(l -> l.startsWith("ok ")).count();
        assertThat(verboseLines).isEqualTo((long) hosts * TASKS);

        int renderMs = -1;
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=10000", "--dump-dom", html.toUri().toString()));
            Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Matcher bars = Pattern.compile("data-bars=\"(\\d+)\"").matcher(dom);
            assertThat(bars.find()).as(dom.length() > 2000 ? dom.substring(0, 2000) : dom).isTrue();
            assertThat(Integer.parseInt(bars.group(1))).isEqualTo(hosts * TASKS);
            Matcher render = Pattern.compile("data-render-ms=\"(\\d+)\"").matcher(dom);
            assertThat(render.find()).isTrue();
            renderMs = Integer.parseInt(render.group(1));
            assertThat(renderMs).as("script time in Chromium, ms").isLessThan(2000);
        }
        System.out.printf("ThousandHostsReportTest figures: %d %s hosts x %d tasks; first run %.1f s (%d console lines), "
                        + "no-change run %.1f s: %d console lines, -v %d task lines; page %d bytes, drawn in %d ms%n",
                hosts, overSsh ? "lab (SSH)" : "local", TASKS, firstMs / 1000.0, first.out().lines().count(), againMs / 1000.0, lines, verboseLines, pageBytes, renderMs);
    }
}
