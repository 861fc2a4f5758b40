package dev.rigger.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.model.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gather_facts narrowed to the facts the run reads: the compiler passes them to setup as its filter. */
class FactGatheringTest {
    @TempDir
    Path dir;

    private List<FactGathering> gathering(String yaml) throws Exception {
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, yaml);
        Diagnostics d = new Diagnostics();
        Optional<Playbook> book = new PlaybookLoader().load(pb, d);
        Optional<CompiledRun> run = new Compiler(TestModules.withSetup()).compile(List.of(book.orElseThrow()), CompilerTest.threeHosts(),
                CompileOptions.defaults(), d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        return run.orElseThrow().gathering();
    }

    @Test
    void theFactsReadByTasksAndThroughVariables_areTheFilter() throws Exception {
        List<FactGathering> g = gathering("""
                - hosts: workers
                  vars: {family: "{{ ansible_os_family }}"}
                  tasks:
                    - shell: echo {{ family }} {{ ansible_default_ipv4.address }}
                """);
        assertThat(g).hasSize(1);
        assertThat(g.get(0).hosts()).containsExactly("k8s-slave1", "k8s-slave2");
        assertThat(g.get(0).filter()).containsExactly("ansible_os_family", "ansible_default_ipv4");
        assertThat(g.get(0).subset()).containsExactly("all");
    }

    @Test
    void interfaceFacts_areKnownByTheirForm_andGathered_whileATypoOfAFactIsStillOne() throws Exception {
        List<FactGathering> g = gathering("- hosts: all\n  tasks:\n    - shell: echo {{ ansible_eth0.ipv4.address }} {{ ansible_enp0s3_100 }} {{ ansible_fips }}\n");
        assertThat(g.get(0).filter()).containsExactly("ansible_fips", "ansible_enp0s3_100", "ansible_eth0");
        Path pb = Files.writeString(dir.resolve("typo.yml"), "- hosts: all\n  tasks:\n    - shell: echo {{ ansible_os_famly }}\n    - shell: echo {{ ansible_local }}\n");
        Diagnostics d = new Diagnostics();
        new Compiler(TestModules.withSetup()).compile(List.of(new PlaybookLoader().load(pb, d).orElseThrow()), CompilerTest.threeHosts(),
                CompileOptions.defaults(), d);
        assertThat(d.toString()).contains("undefined variable 'ansible_os_famly'").contains("undefined variable 'ansible_local'");
    }

    @Test
    void aRunThatReadsNoFact_gathersNone() throws Exception {
        assertThat(gathering("- hosts: all\n  tasks:\n    - shell: echo {{ inventory_hostname }}\n")).isEmpty();
    }

    @Test
    void gatherFactsFalse_gathersNone_evenWhenAFactIsRead() throws Exception {
        assertThat(gathering("- hosts: all\n  gather_facts: false\n  tasks:\n    - shell: echo {{ ansible_hostname }}\n")).isEmpty();
    }

    @Test
    void readsThatCanReachEveryFact_gatherThemAll_withThePlaysSubset() throws Exception {
        List<FactGathering> g = gathering("""
                - hosts: all
                  gather_subset: network,!min
                  tasks:
                    - shell: echo {{ ansible_facts['hostname'] }}
                """);
        assertThat(g.get(0).filter()).containsExactly("*");
        assertThat(g.get(0).subset()).containsExactly("network", "!min");
        assertThat(gathering("- hosts: all\n  vars: {v: x}\n  tasks:\n    - shell: echo {{ hostvars['k8s-master'][v] }}\n").get(0).filter()).containsExactly("*");
    }

    @Test
    void aTemplateTask_gathersTheFactsItsFileReads_foundWhereTheTaskLooks() throws Exception {
        // tomcat-memcached-failover's memcached.conf.j2 reads ansible_memtotal_mb, which no task names
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/memcached.conf.j2"),
                "CACHESIZE=\"{{ (ansible_memtotal_mb / 4) | int }}\"\n{% for h in groups['all'] %}{{ hostvars[h].ansible_fqdn }}{% endfor %}\n");
        assertThat(gathering("- hosts: all\n  tasks:\n    - template: {src: memcached.conf.j2, dest: /etc/sysconfig/memcached}\n").get(0).filter())
                .containsExactlyInAnyOrder("ansible_memtotal_mb", "ansible_fqdn");
        Files.writeString(dir.resolve("plain.j2"), "port={{ 11211 + 1 }}\n");
        assertThat(gathering("- hosts: all\n  tasks:\n    - template: {src: plain.j2, dest: /etc/plain}\n")).isEmpty();
    }

    @Test
    void aTemplateTask_whoseFileCannotBeKnownAtCompileTime_gathersEveryFact() throws Exception {
        assertThat(gathering("- hosts: all\n  tasks:\n    - template: {src: missing.j2, dest: /etc/x}\n").get(0).filter())
                .containsExactly("*");
        Files.writeString(dir.resolve("a.j2"), "x\n");
        assertThat(gathering("- hosts: all\n  vars: {n: a}\n  tasks:\n    - template: {src: \"{{ n }}.j2\", dest: /etc/x}\n").get(0).filter())
                .containsExactly("*");
    }
}
