package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --step} against ansible-playbook, both driven through a pseudo-terminal (step-pty.py
 * answers each question with the next answer given): no leaves the task out on every host, yes
 * runs it, continue runs it and stops the questions for the rest of its play; meta tasks and
 * handlers are not asked about; the next play asks again. Per host the two logs must be the
 * same lines in the same order, the questions the same, and the exit codes equal. Without a
 * terminal Rigger refuses at once (exit 5, saying why), where ansible-playbook stops at the
 * first question's end of input with exit code 2 and no word why.
 */
class StepDifferentialTest {
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              handlers:
                - name: h
                  shell: echo "h {{ inventory_hostname }}" >> {{ out }}/log
              tasks:
                - name: one
                  shell: echo "one {{ inventory_hostname }}" >> {{ out }}/log
                - name: two
                  shell: echo "two {{ inventory_hostname }}" >> {{ out }}/log
                  notify: h
                - meta: noop
                - shell: echo "three {{ inventory_hostname }}" >> {{ out }}/log
                - name: four
                  shell: echo "four {{ inventory_hostname }}" >> {{ out }}/log
                - name: five
                  shell: echo "five {{ inventory_hostname }}" >> {{ out }}/log
            - hosts: all
              gather_facts: false
              tasks:
                - name: six
                  shell: echo "six {{ inventory_hostname }}" >> {{ out }}/log
                - name: seven
                  shell: echo "seven {{ inventory_hostname }}" >> {{ out }}/log
            """;
    private static final String ANSWERS = "n,y,y,c,n,y";

    @TempDir
    Path dir;

    @Test
    void step_onATerminal_asksAsAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        Path pb = Files.writeString(dir.resolve("step.yml"), PLAYBOOK);
        Path ao = Files.createDirectories(dir.resolve("ansible"));
        Path ro = Files.createDirectories(dir.resolve("rigger"));
        Pty ansible = pty(List.of(AnsibleBeside.ANSIBLE.toString(), "--step", "-i", inv.toString(), "-e", "out=" + ao, pb.toString()));
        Pty rigger = pty(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "dev.rigger.cli.Main", "play", "--step", "-i", inv.toString(), "-e", "out=" + ro, pb.toString()));
        String context = "\nrigger:\n" + rigger.output + "\nansible:\n" + ansible.output;
        List<String> expected = List.of("two h1", "three h1", "four h1", "five h1", "h h1", "seven h1");
        assertThat(logOf(ao, "h1")).as("Ansible" + context).isEqualTo(expected);
        for (String h : List.of("h1", "h2")) assertThat(logOf(ro, h)).as(h + context).isEqualTo(logOf(ao, h));
        assertThat(questions(rigger.output)).as(context).isEqualTo(questions(ansible.output)).hasSize(6);
        assertThat(rigger.exitCode).as(context).isEqualTo(ansible.exitCode).isZero();
    }

    @Test
    void step_withoutATerminal_isRefusedSayingWhy() throws Exception {
        Path inv = new AnsibleBeside(dir).inventory(List.of("h1"));
        Path pb = Files.writeString(dir.resolve("step.yml"), PLAYBOOK);
        Cli.Result r = Cli.run("play", "--step", "-i", inv.toString(), "-e", "out=" + dir, pb.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(r.all()).contains("--step asks before each task and needs a terminal");
        assertThat(dir.resolve("log")).doesNotExist();
    }

    private record Pty(int exitCode, String output) { }

    private Pty pty(List<String> command) throws Exception {
        Path driver = dir.resolve("step-pty.py");
        try (InputStream in = getClass().getResourceAsStream("step-pty.py")) {
            Files.write(driver, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", driver.toString(), ANSWERS));
        cmd.addAll(command);
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().put("ANSIBLE_LOCAL_TEMP", Files.createDirectories(dir.resolve("ansible-tmp")).toString());
        b.environment().put("ANSIBLE_HOME", Files.createDirectories(dir.resolve("ansible-home")).toString());
        b.environment().put("ANSIBLE_NOCOLOR", "1");
        b.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        Process p = b.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end:\n" + output);
        }
        return new Pty(p.exitValue(), output);
    }

    /** Each question with the answer typed after it (the terminal echoes it), in order; Ansible's banner repeating it is left out. */
    private static List<String> questions(String output) {
        return output.lines().filter(l -> l.startsWith("Perform task: ") && !l.contains("****")).toList();
    }

    private static List<String> logOf(Path out, String host) throws java.io.IOException {
        Path f = out.resolve("log");
        if (!Files.exists(f)) return List.of();
        return Files.readAllLines(f).stream().filter(l -> l.split(" ").length > 1 && l.split(" ")[1].equals(host)).toList();
    }
}
