package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.spi.check.SpecCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The argument checks built-in modules once made in plan() on every host, now their specs'
 * rules: a bad combination is refused at load (exit 4) at the argument that decides it, or at
 * the module when that argument was left to its default; a templated one fails the task at run
 * time, led by the task's location.
 */
class ArgumentRulesTest {
    @TempDir
    Path dir;

    private Cli.Result play(String tasks) throws IOException {
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "[g]\nme ansible_connection=local\n");
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, "- hosts: all\n  gather_facts: false\n  tasks:\n" + tasks);
        return Cli.run("play", "-i", inv.toString(), pb.toString(), "--check");
    }

    static Stream<Arguments> movedChecks() {
        return Stream.of(
                Arguments.of("file:\n        path: /tmp/x\n        state: link\n", "6:9", "module 'file': state=link needs src (missing: src)"),
                Arguments.of("file:\n        path: /tmp/x\n        state: directory\n        content: a\n", "7:9",
                        "module 'file': content is only for state=file (state is directory)"),
                Arguments.of("file:\n        path: tmp/x\n", "5:9", "argument 'path' of module 'file' must be an absolute path or one starting with ~, got 'tmp/x'"),
                Arguments.of("copy:\n        dest: motd\n        content: x\n", "5:9", "argument 'dest' of module 'copy' must be an absolute path or one starting with ~, got 'motd'"),
                Arguments.of("lineinfile:\n        path: /etc/x\n        regexp: ^a\n", "4:7", "module 'lineinfile': state=present needs line (missing: line)"),
                Arguments.of("lineinfile:\n        path: /etc/x\n        state: absent\n", "6:9",
                        "module 'lineinfile': state=absent needs one of line, regexp, search_string"),
                Arguments.of("lineinfile:\n        path: /etc/x\n        line: b\n        backrefs: yes\n", "7:9",
                        "module 'lineinfile': backrefs=true needs regexp (missing: regexp)"),
                Arguments.of("lineinfile:\n        path: /etc/x\n        line: \"a\\nb\"\n", "6:9",
                        "argument 'line' of module 'lineinfile' must be one line, got 'a\\nb'"),
                Arguments.of("kubeadm:\n        action: config\n", "5:9",
                        "module 'kubeadm': action=config needs advertise_address (missing: advertise_address)"),
                Arguments.of("kubeadm:\n        action: join\n", "5:9", "module 'kubeadm': action=join needs one of command, api_server"),
                Arguments.of("kubeadm:\n        action: join\n        api_server: m:6443\n        token: t\n", "6:9",
                        "module 'kubeadm': api_server needs token, ca_cert_hash (missing: ca_cert_hash)"),
                Arguments.of("kubeadm:\n        action: init\n        config: kubeadm.yaml\n", "6:9",
                        "argument 'config' of module 'kubeadm' must be an absolute path, got 'kubeadm.yaml'"),
                Arguments.of("sysctl:\n        name: vm.swappiness\n", "4:7", "module 'sysctl': state=present needs value (missing: value)"),
                Arguments.of("sysctl:\n        name: vm.swappiness\n        value: \"1\\n2\"\n", "6:9",
                        "argument 'value' of module 'sysctl' must be one line, got '1\\n2'"),
                Arguments.of("service:\n        name: nginx\n", "4:7", "module 'service' needs one of: state, enabled"),
                Arguments.of("yum_repository:\n        name: k\n", "4:7", "module 'yum_repository': state=present needs baseurl (missing: baseurl)"),
                Arguments.of("yum:\n        disable_excludes: all\n", "4:7", "module 'yum': update_cache=false needs name (missing: name)"),
                Arguments.of("modprobe:\n        name: dummy\n        params: \"a=1\\nb=2\"\n", "6:9",
                        "argument 'params' of module 'modprobe' must be one line, got 'a=1\\nb=2'"),
                Arguments.of("kubectl_apply:\n        definition: {kind: Namespace}\n        kubeconfig: ''\n", "6:9",
                        "argument 'kubeconfig' of module 'kubectl_apply' must not be empty"));
    }

    @ParameterizedTest
    @MethodSource("movedChecks")
    void movedCheck_isALoadError_locatedAtTheTasksArguments(String task, String at, String message) throws IOException {
        Cli.Result r = play("    - " + task);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(4);
        assertThat(r.err()).as(r.all()).contains("site.yml:" + at + ": error: " + message);
        assertThat(r.out()).doesNotContain("RECAP");
    }

    @Test
    void templatedDecidingValue_isCheckedAfterRendering_theFailureNamesTheTask() throws IOException {
        Cli.Result r = play("""
                    - name: a link
                      vars: {kind: link}
                      file:
                        path: /tmp/x
                        state: "{{ kind }}"
                """);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).as(r.all()).contains("site.yml:6:7: module 'file': state=link needs src (missing: src)");
    }

    @Test
    void templateThatDoesNotCompile_isOneError_notAlsoAPathCheck() throws IOException {
        Cli.Result r = play("    - file:\n        path: \"{{ no_such_dir }}/a\"\n        state: touch\n");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(4);
        assertThat(r.err()).contains("undefined variable 'no_such_dir'").doesNotContain("absolute path");
    }

    @Test
    void everyBuiltInModule_passesTheEnginesSpecCheck() {
        for (ModuleRegistry.Entry e : ModuleRegistry.discover(getClass().getClassLoader()).entries()) {
            assertThat(SpecCheck.problems(e.module())).as(e.module().name()).isEmpty();
        }
    }
}
