package dev.rigger.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.engine.model.Playbook;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names set_fact and include_vars set are known to the compiler: reading them later is no typo, a misspelt one still is. */
class SetVarsNamesTest {
    @TempDir
    Path dir;

    private static Module module(String name, ParamSpec spec) {
        return new Module() {
            @Override public String name() { return name; }
            @Override public String summary() { return name; }
            @Override public ParamSpec spec() { return spec; }
            @Override public Change plan(Params p, Host h) { return Change.none(); }
        };
    }

    private String errors(String yaml) throws Exception {
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, yaml);
        Diagnostics d = new Diagnostics();
        Optional<Playbook> book = new PlaybookLoader().load(pb, d);
        ModuleRegistry modules = ModuleRegistry.of(
                module("debug", ParamSpec.builder().add(Param.any("msg")).build()),
                module("service_facts", ParamSpec.builder().build()),
                module("set_fact", ParamSpec.builder().add(Param.map("key_value").required()).add(Param.bool("cacheable")).build()),
                module("include_vars", ParamSpec.builder().freeForm().add(Param.string("file").aliases("_raw"))
                        .add(Param.string("dir")).add(Param.string("name")).build()));
        new Compiler(modules).compile(List.of(book.orElseThrow()), CompilerTest.threeHosts(), CompileOptions.defaults(), d);
        return d.toString();
    }

    @Test
    void setFactNames_mappingAndKeyValue_areKnown() throws Exception {
        assertThat(errors("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - set_fact: {api: x, cacheable: true}
                    - set_fact: port=1 host="{{ api }}"
                    - debug: {msg: "{{ api }} {{ port }} {{ host }}"}
                """)).isEmpty();
        assertThat(errors("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - set_fact: {api: x}
                    - debug: {msg: "{{ apj }}"}
                """)).contains("undefined variable 'apj' (did you mean 'api'?)");
    }

    @Test
    void templatedSetFactKeys_overADictFromIncludeVars_knowTheKeysItCanHold_andStillCatchTypos() throws Exception {
        Files.createDirectories(dir.resolve("vars"));
        Files.writeString(dir.resolve("vars/Debian.yml"), "deb_pkg: apt\nshared: 1\n");
        Files.writeString(dir.resolve("vars/RedHat.yml"), "rh_pkg: dnf\n");
        String play = """
                - hosts: all
                  gather_facts: false
                  vars: {family: Debian, defaults_map: {from_vars: 1}}
                  tasks:
                    - include_vars:
                        file: "{{ item }}"
                        name: os_vars
                      with_first_found:
                        - files: ["{{ family }}.yml", "RedHat.yml"]
                          skip: true
                    - set_fact:
                        "{{ item.key }}": "{{ item.value }}"
                      with_dict: "{{ os_vars }}"
                    - set_fact: {"{{ x.key }}": 1}
                      loop: "{{ defaults_map | dict2items }}"
                      loop_control: {loop_var: x}
                    - debug: {msg: "{{ deb_pkg }} {{ rh_pkg }} {{ shared }} {{ from_vars }} READ"}
                """;
        assertThat(errors(play.replace(" READ", ""))).isEmpty();
        assertThat(errors(play.replace("READ", "{{ deb_pkk }}"))).contains("undefined variable 'deb_pkk' (did you mean 'deb_pkg'?)");
    }

    @Test
    void templatedSetFactKeys_withWrittenParts_knowNamesOfThatShape_anyOtherKnowsAnyNameWithAWarning() throws Exception {
        String shaped = """
                - hosts: all
                  gather_facts: false
                  vars: {app: web}
                  tasks:
                    - set_fact: {"{{ app }}_port": 80}
                    - debug: {msg: "{{ web_port }} READ"}
                """;
        assertThat(errors(shaped.replace(" READ", ""))).isEmpty();
        assertThat(errors(shaped.replace("READ", "{{ web_prot }}"))).contains("undefined variable 'web_prot'");
        assertThat(errors("""
                - hosts: all
                  gather_facts: false
                  vars: {name: web}
                  tasks:
                    - set_fact: {"{{ name }}": 80}
                    - debug: {msg: "{{ web }}"}
                """)).doesNotContain("error").contains("warning: set_fact key '{{ name }}' is a variable name known at run time only");
    }

    @Test
    void roleDefaultThatIsNull_compiles_notACrash() throws Exception {
        // geerlingguy.mysql's defaults say `mysql_sql_mode: ~`: the compiler's Map.copyOf threw
        Files.createDirectories(dir.resolve("roles/db/tasks"));
        Files.createDirectories(dir.resolve("roles/db/defaults"));
        Files.writeString(dir.resolve("roles/db/tasks/main.yml"), "- debug: {msg: \"{{ mode }}\"}\n");
        Files.writeString(dir.resolve("roles/db/defaults/main.yml"), "mode: ~\n");
        assertThat(errors("- hosts: all\n  gather_facts: false\n  roles: [db]\n")).isEmpty();
    }

    @Test
    void includeVarsNames_fromTheFilesATemplatedNameCanRead_orItsName() throws Exception {
        Files.createDirectories(dir.resolve("vars"));
        Files.writeString(dir.resolve("vars/Debian.yml"), "deb_pkg: apt\n");
        Files.writeString(dir.resolve("vars/RedHat.yml"), "rh_pkg: dnf\n");
        Files.writeString(dir.resolve("other.yml"), "other: 1\n");
        assertThat(errors("""
                - hosts: all
                  gather_facts: false
                  vars: {family: Debian}
                  tasks:
                    - include_vars: "{{ family }}.yml"
                    - include_vars: {file: other.yml}
                    - include_vars: {dir: vars, name: everything}
                    - debug: {msg: "{{ deb_pkg }} {{ rh_pkg }} {{ other }} {{ everything }}"}
                """)).isEmpty();
        assertThat(errors("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - include_vars: other.yml
                    - debug: {msg: "{{ deb_pkg }}"}
                """)).contains("undefined variable 'deb_pkg'");
    }

    @Test
    void serviceFactsServices_knownAfterAServiceFactsTask_only() throws Exception {
        assertThat(errors("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - service_facts:
                    - debug: {msg: "{{ services['ssh'].state }} {{ ansible_facts.services | length }}"}
                """)).isEmpty();
        assertThat(errors("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - debug: {msg: "{{ services }}"}
                """)).contains("undefined variable 'services'");
    }
}
