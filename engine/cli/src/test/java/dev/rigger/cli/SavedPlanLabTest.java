package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved plans on fresh lab hosts: apply converges; drift refuses a host; changed inputs refuse the plan. */
@LabTest
class SavedPlanLabTest {
    private static final String PLAYBOOK = """
            - hosts: all
              tasks:
                - name: motd
                  file:
                    path: /etc/motd
                    content: "managed by rigger on {{ inventory_hostname }}\\n"
                - name: app dir
                  file: {path: /opt/app, state: directory, mode: "0750"}
                - name: app conf
                  lineinfile: {path: /opt/app/app.conf, line: "port=8080", create: true}
            """;
    @TempDir
    Path dir;
    private final Lab lab = Lab.get();
    private Path inv;
    private Path playbook;
    private Path plan;

    @BeforeEach
    void fresh() throws IOException {
        lab.reset(Lab.HOSTS.toArray(String[]::new));
        inv = lab.inventory(dir, Lab.HOSTS.toArray(String[]::new));
        playbook = dir.resolve("site.yml");
        Files.writeString(playbook, PLAYBOOK);
        plan = dir.resolve("plan.json");
        Cli.Result r = Cli.run("plan", "-i", inv.toString(), playbook.toString(), "-o", plan.toString(), "--detailed-exitcode");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
    }

    @Test
    void planThenApply_converges_andThePlanShowsAsACheck() throws IOException {
        Cli.Result show = Cli.run("show", plan.toString());
        assertThat(show.out()).contains("+managed by rigger on k8s-slave1").contains("changed=3");
        assertThat(Files.readString(plan)).doesNotContain("id_ed25519\"").contains("fingerprint");
        Cli.Result apply = Cli.run("apply", plan.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(lab.sh("k8s-slave2", "cat /etc/motd")).isEqualTo("managed by rigger on k8s-slave2\n");
        Cli.Result again = Cli.run("plan", "-i", inv.toString(), playbook.toString(), "-o", dir.resolve("p2.json").toString(), "--detailed-exitcode");
        assertThat(again.exitCode()).as(again.all()).isZero();
    }

    @Test
    void handEditedHost_isRefusedWithTheDrift_othersConverge() throws IOException {
        lab.sh("k8s-slave1", "echo 'edited by hand' > /etc/motd");
        Cli.Result apply = Cli.run("apply", plan.toString());
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
        assertThat(apply.out()).contains("k8s-slave1: drifted since plan").contains("-edited by hand").contains("'motd' planned changed");
        assertThat(lab.sh("k8s-slave1", "cat /etc/motd")).isEqualTo("edited by hand\n");
        assertThat(lab.ssh("k8s-slave1", "test -d /opt/app").exitCode()).as("refused host untouched").isNotZero();
        assertThat(lab.sh("k8s-master", "cat /opt/app/app.conf")).isEqualTo("port=8080\n");
        assertThat(lab.sh("k8s-slave2", "cat /etc/motd")).isEqualTo("managed by rigger on k8s-slave2\n");
    }

    @Test
    void allOrNothing_appliesNothingWhenOneHostDrifted() throws IOException {
        lab.sh("k8s-slave2", "mkdir -p /opt/app && chmod 700 /opt/app");
        String before = lab.fingerprint("k8s-master");
        Cli.Result apply = Cli.run("apply", plan.toString(), "--all-or-nothing");
        assertThat(apply.exitCode()).isEqualTo(2);
        assertThat(apply.out()).contains("k8s-slave2: drifted since plan").contains("nothing applied");
        assertThat(lab.fingerprint("k8s-master")).isEqualTo(before);
    }

    @Test
    void editedPlaybook_refusesThePlanBeforeAnyHostIsTouched() throws IOException {
        Files.writeString(playbook, PLAYBOOK.replace("8080", "9090"));
        String before = lab.fingerprint("k8s-master");
        Cli.Result apply = Cli.run("apply", plan.toString());
        assertThat(apply.exitCode()).isEqualTo(4);
        assertThat(apply.err()).contains("made from different inputs").contains("site.yml changed");
        assertThat(lab.fingerprint("k8s-master")).isEqualTo(before);
    }

    /**
     * The host changes after apply started, between the plan's check and the task's own apply
     * (here an earlier task of the run tampers with the file, as another actor could): the task is
     * compared with the saved plan right before it applies, so the change is refused, not
     * overwritten unreviewed, as a whole check run made before the apply could not notice.
     */
    @Test
    void hostChangedDuringApply_beforeTheTaskApplies_isRefused() throws IOException {
        Path tampering = dir.resolve("tamper.yml");
        Files.writeString(tampering, """
                - hosts: all
                  tasks:
                    - name: tamper
                      shell: "[ ! -e /root/armed ] || echo tampered > /etc/app.conf"
                      changed_when: false
                    - name: app conf
                      file: {path: /etc/app.conf, content: "port=8080\\n"}
                """);
        Path one = lab.inventory(dir, "k8s-slave1");
        Cli.Result first = Cli.run("play", "-i", one.toString(), tampering.toString());
        assertThat(first.exitCode()).as(first.all()).isZero();
        Path saved = dir.resolve("converged.json");
        Cli.Result planned = Cli.run("plan", "-i", one.toString(), tampering.toString(), "-o", saved.toString(), "--detailed-exitcode");
        assertThat(planned.exitCode()).as("nothing to change when planned: " + planned.all()).isZero();
        lab.sh("k8s-slave1", "touch /root/armed");

        Cli.Result apply = Cli.run("apply", saved.toString());

        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
        assertThat(apply.out()).contains("k8s-slave1: drifted since plan").contains("'app conf' planned ok, now changed").contains("-tampered");
        assertThat(lab.sh("k8s-slave1", "cat /etc/app.conf")).isEqualTo("tampered\n");
    }
}
