package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VarsPrecedenceTest {
    @TempDir Path dir;
    final Diagnostics diags = new Diagnostics();

    private Map<String, Object> varsOf(String host) {
        return Inventory.load(dir.resolve("hosts"), diags).host(host).orElseThrow().vars();
    }

    @Test
    void precedence_allThenGroupsByDepthThenHostInlineThenHostVars() {
        Files2.write(dir, "hosts", """
                [all:vars]
                a=inv_all
                b=inv_all
                c=inv_all
                d=inv_all
                e=inv_all
                f=inv_all
                [parent:children]
                child
                [child]
                h1 e=host_inline f=host_inline
                [parent:vars]
                c=inv_parent
                d=inv_parent
                [child:vars]
                d=inv_child
                """);
        Files2.write(dir, "group_vars/all.yml", "b: gv_all\nc: gv_all\n");
        Files2.write(dir, "group_vars/parent.yaml", "d: gv_parent\n");
        Files2.write(dir, "host_vars/h1", "f: hv_h1\n");
        Map<String, Object> v = varsOf("h1");
        assertThat(diags.list()).isEmpty();
        assertThat(v).containsEntry("a", "inv_all")      // only inventory all
                .containsEntry("b", "gv_all")            // group_vars/all over inventory all
                .containsEntry("c", "inv_parent")        // a group over all
                .containsEntry("d", "inv_child")         // child (deeper) over parent, even parent's file
                .containsEntry("e", "host_inline")       // host inline over every group
                .containsEntry("f", "hv_h1");            // host_vars file over host inline
    }

    @Test
    void precedence_sameDepthGroups_orderedByName() {
        Files2.write(dir, "hosts", "[zeta]\nh\n[alpha]\nh\n[zeta:vars]\nx=zeta\n[alpha:vars]\nx=alpha\n");
        assertThat(varsOf("h")).containsEntry("x", "zeta");
    }

    @Test
    void precedence_groupPriority_beatsName() {
        Files2.write(dir, "hosts", "[zeta]\nh\n[alpha]\nh\n[zeta:vars]\nx=zeta\n[alpha:vars]\nx=alpha\nansible_group_priority=5\n");
        assertThat(varsOf("h")).containsEntry("x", "alpha");
    }

    @Test
    void groupVars_fileOverridesSameGroupInventoryVars() {
        Files2.write(dir, "hosts", "[web]\nw\n[web:vars]\nport=80\nkeep=1\n");
        Files2.write(dir, "group_vars/web.yml", "port: 8080\n");
        assertThat(varsOf("w")).containsEntry("port", 8080).containsEntry("keep", 1);
    }

    @Test
    void groupVars_folderOfFiles_mergedInNameOrder() {
        Files2.write(dir, "hosts", "[web]\nw\n");
        Files2.write(dir, "group_vars/web/10-base.yml", "x: base\ny: base\n");
        Files2.write(dir, "group_vars/web/20-over.yaml", "x: over\n");
        Files2.write(dir, "group_vars/web/notes.txt", "x: ignored\n");
        Files2.write(dir, "group_vars/web/.hidden.yml", "x: ignored\n");
        assertThat(varsOf("w")).containsEntry("x", "over").containsEntry("y", "base");
    }

    @Test
    void groupVars_fileWithoutExtension_isLoaded() {
        Files2.write(dir, "hosts", "[web]\nw\n");
        Files2.write(dir, "group_vars/web", "z: plain\n");
        assertThat(varsOf("w")).containsEntry("z", "plain");
    }

    @Test
    void hostVars_canSetConnectionFields() {
        Files2.write(dir, "hosts", "db1\n");
        Files2.write(dir, "host_vars/db1.yml", "ansible_host: 10.1.1.1\nansible_port: '2200'\nansible_user: pg\n");
        InventoryHost h = Inventory.load(dir.resolve("hosts"), diags).host("db1").orElseThrow();
        assertThat(h.address()).isEqualTo("10.1.1.1");
        assertThat(h.port()).isEqualTo(2200);
        assertThat(h.user()).isEqualTo("pg");
    }

    @Test
    void varsFile_badYaml_isReportedInThatFile() {
        Files2.write(dir, "hosts", "[web]\nw\n");
        Path gv = Files2.write(dir, "group_vars/web.yml", "ok: 1\nbad: [\n");
        varsOf("w");
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.location().file()).isEqualTo(gv.toString());
            assertThat(d.location().line()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void varsFile_notAMapping_isAnError() {
        Files2.write(dir, "hosts", "w\n");
        Path hv = Files2.write(dir, "host_vars/w.yml", "- 1\n- 2\n");
        varsOf("w");
        assertThat(diags.list()).containsExactly(Diagnostic.error(Location.of(hv, 1, 1),
                "vars file must be a mapping of variable names to values, found list"));
    }

    @Test
    void varsFile_emptyFile_addsNothing() {
        Files2.write(dir, "hosts", "w x=1\n");
        Files2.write(dir, "host_vars/w.yml", "# nothing yet\n");
        assertThat(varsOf("w")).isEqualTo(Map.of("x", 1));
        assertThat(diags.list()).isEmpty();
    }
}
