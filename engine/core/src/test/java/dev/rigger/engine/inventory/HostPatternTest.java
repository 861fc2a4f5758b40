package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostPatternTest {
    static final Location AT = new Location("site.yml", 3, 10);
    static Inventory inv;
    final Diagnostics diags = new Diagnostics();

    @BeforeAll
    static void loadInventory(@TempDir Path dir) {
        Diagnostics d = new Diagnostics();
        inv = Inventory.load(Files2.write(dir, "hosts", """
                bastion
                [k8s_master]
                k8s-master
                [k8s_workers]
                k8s-slave1
                k8s-slave2
                [k8s:children]
                k8s_master
                k8s_workers
                [db]
                db1
                db2
                [prod]
                k8s-slave2
                db2
                """), d);
        assertThat(d.list()).isEmpty();
    }

    private List<String> select(String pattern) {
        return inv.select(pattern, AT, diags);
    }

    @Test
    void pattern_allAndStar_selectEveryHostInOrder() {
        List<String> every = List.of("bastion", "k8s-master", "k8s-slave1", "k8s-slave2", "db1", "db2");
        assertThat(select("all")).isEqualTo(every);
        assertThat(select("*")).isEqualTo(every);
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void pattern_groupAndHost_select() {
        assertThat(select("k8s")).containsExactly("k8s-master", "k8s-slave1", "k8s-slave2");
        assertThat(select("db1")).containsExactly("db1");
        assertThat(select("ungrouped")).containsExactly("bastion");
    }

    @Test
    void pattern_unionWithColonOrComma_isInInventoryOrderWithoutDuplicates() {
        assertThat(select("db:k8s_master:db1")).containsExactly("k8s-master", "db1", "db2");
        assertThat(select("db, k8s_master ,db1")).containsExactly("k8s-master", "db1", "db2");
    }

    @Test
    void pattern_exclusion_removesHosts() {
        assertThat(select("k8s:!k8s_master")).containsExactly("k8s-slave1", "k8s-slave2");
        assertThat(select("all:!prod")).containsExactly("bastion", "k8s-master", "k8s-slave1", "db1");
    }

    @Test
    void pattern_intersection_keepsCommonHosts() {
        assertThat(select("k8s:&prod")).containsExactly("k8s-slave2");
    }

    @Test
    void pattern_evaluatesUnionsThenIntersectionsThenExclusions_regardlessOfOrder() {
        // Written order would give a different answer if applied left to right.
        assertThat(select("!k8s-slave2:&prod:k8s:db")).containsExactly("db2");
    }

    @Test
    void pattern_onlyExclusion_appliesToAll() {
        assertThat(select("!k8s")).containsExactly("bastion", "db1", "db2");
    }

    @Test
    void pattern_wildcards_matchGroupsAndHosts() {
        assertThat(select("k8s-*")).containsExactly("k8s-master", "k8s-slave1", "k8s-slave2");
        assertThat(select("k8s_*")).containsExactly("k8s-master", "k8s-slave1", "k8s-slave2");
        assertThat(select("db?")).containsExactly("db1", "db2");
        assertThat(select("k8s-slave[!1]")).containsExactly("k8s-slave2");
    }

    @Test
    void pattern_regex_matchesFromStart() {
        assertThat(select("~k8s-slave\\d")).containsExactly("k8s-slave1", "k8s-slave2");
        assertThat(select("~slave")).isEmpty();
        assertThat(diags.list()).singleElement().extracting(Diagnostic::isError).isEqualTo(false);
    }

    @Test
    void pattern_invalidRegex_isAnError() {
        assertThat(select("~k8s(")).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.location()).isEqualTo(AT);
        });
    }

    @Test
    void pattern_subscripts_pickByPosition() {
        assertThat(select("k8s[0]")).containsExactly("k8s-master");
        assertThat(select("k8s[-1]")).containsExactly("k8s-slave2");
        assertThat(select("k8s[1:]")).containsExactly("k8s-slave1", "k8s-slave2");
        assertThat(select("k8s[0:1]")).containsExactly("k8s-master", "k8s-slave1");
    }

    @Test
    void pattern_matchingNothing_warnsAtTheGivenLocationAndIsIgnored() {
        assertThat(select("db:nosuch")).containsExactly("db1", "db2");
        assertThat(diags.list()).containsExactly(
                Diagnostic.warning(AT, "Could not match supplied host pattern, ignoring: nosuch"));
    }

    @Test
    void pattern_localhost_isImplicitWhenNotInInventory() {
        assertThat(select("localhost")).containsExactly("localhost");
        assertThat(diags.list()).isEmpty();
        InventoryHost local = inv.host("localhost").orElseThrow();
        assertThat(local.connection()).isEqualTo("local");
        assertThat(inv.hostNames()).doesNotContain("localhost");
    }

    @Test
    void pattern_emptyInventory_allIsSilentButOthersWarn() {
        Inventory empty = Inventory.of(List.of(), Map.of());
        assertThat(empty.select("all", AT, diags)).isEmpty();
        assertThat(diags.list()).isEmpty();
        assertThat(empty.select("web", AT, diags)).isEmpty();
        assertThat(diags.list()).hasSize(1);
    }

    @Test
    void of_buildsGroupsAllAndUngrouped() {
        InventoryHost a = new InventoryHost("a", "10.0.0.1", 22, "root", null, "ssh", Map.of());
        InventoryHost b = new InventoryHost("b", "10.0.0.2", 22, "root", null, "ssh", Map.of());
        Inventory built = Inventory.of(List.of(a, b), Map.of("web", List.of("b")));
        assertThat(built.groups().get("all")).containsExactly("a", "b");
        assertThat(built.groups().get("ungrouped")).containsExactly("a");
        assertThat(built.groupsOf("b")).containsExactly("all", "web");
        assertThat(built.select("all:!web", AT, diags)).containsExactly("a");
        assertThat(built.host("b")).contains(b);
    }
}
