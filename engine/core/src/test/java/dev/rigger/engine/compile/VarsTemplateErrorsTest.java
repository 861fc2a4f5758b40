package dev.rigger.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.model.Playbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates in inventory files, group_vars and vars_files: one that no task reads is never
 * evaluated (as Ansible), one that a task reads, even through another variable, is an error at
 * load with its own file, line and column.
 */
class VarsTemplateErrorsTest {
    @TempDir
    Path dir;

    private Optional<CompiledRun> compile(String playbook, Diagnostics d) throws IOException {
        Files.writeString(dir.resolve("inventory.ini"), """
                [master]
                m1 ansible_connection=local greeting="{{ hello_there }}"
                [all:vars]
                unused_ini="{{ not_defined_anywhere }}"
                """);
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), """
                # kubespray-style: many values for other playbooks
                unused_group: "{{ kube_proxy_mode | defualt('ipvs') }}"
                used_group: "{{ used_indirect }}"
                used_indirect: "prefix-{{ typo_name }}"
                fine: "{{ inventory_hostname }}"
                """);
        Files.writeString(dir.resolve("vars.yml"), """
                unused_file: "{{ nope }}"
                used_file: "{{ nope_too }}"
                """);
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, playbook);
        Inventory inv = Inventory.load(dir.resolve("inventory.ini"), d);
        Optional<Playbook> book = new PlaybookLoader().load(pb, d);
        if (book.isEmpty()) return Optional.empty();
        return new Compiler(TestModules.registry()).compile(List.of(book.get()), inv, CompileOptions.defaults(), d);
    }

    @Test
    void unreadBrokenValues_doNotBlockTheRun() throws IOException {
        Diagnostics d = new Diagnostics();
        var run = compile("""
                - hosts: all
                  vars_files: [vars.yml]
                  tasks:
                    - command: "echo {{ fine }}"
                """, d);
        assertThat(d.list()).isEmpty();
        assertThat(run).isPresent();
    }

    @Test
    void readBrokenValues_areLoadErrors_atTheirOwnPlace() throws IOException {
        Diagnostics d = new Diagnostics();
        var run = compile("""
                - hosts: all
                  vars_files: [vars.yml]
                  tasks:
                    - command: "echo {{ used_group }} {{ used_file }} {{ greeting }}"
                """, d);
        assertThat(run).isEmpty();
        assertThat(d.list()).extracting(x -> x.location().file() + ":" + x.location().line() + " " + x.message().split(" \\(")[0])
                .containsExactlyInAnyOrder(
                        dir.resolve("group_vars/all.yml") + ":4 undefined variable 'typo_name'",
                        dir.resolve("vars.yml") + ":2 undefined variable 'nope_too'",
                        dir.resolve("inventory.ini") + ":2 undefined variable 'hello_there'");
        assertThat(d.toString()).contains("(in the value of 'used_indirect')");
    }
}
