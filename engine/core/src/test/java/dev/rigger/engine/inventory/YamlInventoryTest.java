package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YamlInventoryTest {
    @TempDir Path dir;
    final Diagnostics diags = new Diagnostics();

    private Inventory load(String name, String text) {
        return Inventory.load(Files2.write(dir, name, text), diags);
    }

    private Location at(String name, int line, int col) {
        return Location.of(dir.resolve(name), line, col);
    }

    @Test
    void yaml_allWithHostsVarsAndNestedChildren_parses() {
        Inventory inv = load("inv.yml", """
                all:
                  hosts:
                    solo:
                  vars:
                    ntp: pool.ntp.org
                  children:
                    web:
                      hosts:
                        web1:
                          ansible_host: 10.0.0.1
                          ansible_port: 2222
                        web2: {http_port: 8080, tags: [a, b]}
                      vars:
                        role: frontend
                      children:
                        web_eu:
                          hosts:
                            web-eu-[1:2]:
                    db:
                      hosts:
                        db1:
                """);
        assertThat(diags.list()).isEmpty();
        assertThat(inv.hostNames()).containsExactly("solo", "web1", "web2", "web-eu-1", "web-eu-2", "db1");
        assertThat(inv.groups().get("web")).containsExactly("web1", "web2", "web-eu-1", "web-eu-2");
        assertThat(inv.groups().get("ungrouped")).containsExactly("solo");
        assertThat(inv.groupChildren().get("all")).containsExactly("ungrouped", "web", "db");
        assertThat(inv.groupChildren().get("web")).containsExactly("web_eu");
        InventoryHost web1 = inv.host("web1").orElseThrow();
        assertThat(web1.address()).isEqualTo("10.0.0.1");
        assertThat(web1.port()).isEqualTo(2222);
        assertThat(web1.vars()).containsEntry("ntp", "pool.ntp.org").containsEntry("role", "frontend");
        assertThat(inv.host("web2").orElseThrow().vars())
                .containsEntry("http_port", 8080).containsEntry("tags", List.of("a", "b"));
        assertThat(inv.host("web-eu-2").orElseThrow().vars()).containsEntry("role", "frontend");
    }

    @Test
    void yaml_groupDeclaredTwice_mergesHostsAndVars() {
        Inventory inv = load("inv.yaml", """
                all:
                  children:
                    a:
                      children:
                        shared: {hosts: {h1: }, vars: {x: 1}}
                    b:
                      children:
                        shared: {hosts: {h2: }, vars: {y: 2}}
                """);
        assertThat(inv.groups().get("shared")).containsExactly("h1", "h2");
        assertThat(inv.groups().get("a")).containsExactly("h1", "h2");
        assertThat(inv.host("h1").orElseThrow().vars()).containsEntry("x", 1).containsEntry("y", 2);
    }

    @Test
    void yaml_topLevelGroupOtherThanAll_isChildOfAll() {
        Inventory inv = load("inv.yml", "web:\n  hosts:\n    w1:\n");
        assertThat(inv.groupChildren().get("all")).contains("web");
        assertThat(inv.groupsOf("w1")).containsExactlyInAnyOrder("all", "web");
    }

    @Test
    void yaml_detectedByContent_withoutExtension() {
        Inventory inv = load("inventory", "# lab\nall:\n  hosts:\n    h1:\n");
        assertThat(diags.list()).isEmpty();
        assertThat(inv.hostNames()).containsExactly("h1");
    }

    @Test
    void json_inventory_parses() {
        Inventory inv = load("inv.json", "{\"all\": {\"hosts\": {\"j1\": {\"ansible_user\": \"ops\"}}}}");
        assertThat(inv.host("j1").orElseThrow().user()).isEqualTo("ops");
    }

    @Test
    void yaml_syntaxError_isReportedWithLineAndColumn() {
        Inventory inv = load("inv.yml", "all:\n  hosts:\n    h1: [unclosed\n");
        assertThat(inv.hostNames()).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).startsWith("YAML syntax error");
            assertThat(d.location().file()).isEqualTo(dir.resolve("inv.yml").toString());
            assertThat(d.location().line()).isGreaterThanOrEqualTo(3);
            assertThat(d.location().column()).isPositive();
        });
    }

    @Test
    void yaml_wrongShapes_giveErrorsAtTheValue() {
        load("inv.yml", """
                all:
                  hosts:
                    - h1
                  children:
                    web:
                      hosts:
                        w1: just-a-string
                      vars: [1, 2]
                      color: blue
                """);
        assertThat(diags.list()).satisfiesExactly(
                d -> assertThat(d).isEqualTo(Diagnostic.error(at("inv.yml", 3, 5),
                        "'hosts' of group 'all' must be a mapping, found list")),
                d -> assertThat(d).isEqualTo(Diagnostic.error(at("inv.yml", 7, 13),
                        "host 'w1' must have a mapping of variables or nothing, found scalar 'just-a-string'")),
                d -> assertThat(d.location()).isEqualTo(at("inv.yml", 8, 13)),
                d -> {
                    assertThat(d.isError()).isFalse();
                    assertThat(d.location()).isEqualTo(at("inv.yml", 9, 7));
                    assertThat(d.message()).contains("unexpected key 'color'");
                });
    }

    @Test
    void yaml_notAMapping_isAnError() {
        load("inv.yml", "- a\n- b\n");
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(at("inv.yml", 1, 1));
            assertThat(d.message()).contains("must be a mapping of group names");
        });
    }

    @Test
    void yaml_duplicateKey_isAWarningAndLastWins() {
        Inventory inv = load("inv.yml", "all:\n  vars:\n    x: 1\n    x: 2\n  hosts:\n    h:\n");
        assertThat(inv.host("h").orElseThrow().vars()).isEqualTo(Map.of("x", 2));
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.location()).isEqualTo(at("inv.yml", 4, 5));
        });
    }

    @Test
    void yaml_childLoop_isAnError() {
        load("inv.yml", "all:\n  children:\n    a:\n      children:\n        a:\n");
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("recursive dependency loop");
            assertThat(d.location()).isEqualTo(at("inv.yml", 5, 9));
        });
    }
}
