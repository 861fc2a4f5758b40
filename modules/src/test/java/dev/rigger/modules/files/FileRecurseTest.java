package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** file with recurse: one find lists the tree, the attributes go to every entry in as few commands as possible. */
class FileRecurseTest {
    private static final String HOSTILE = "/srv/t/x $(touch hfcanary) `id`;'\n.txt";
    private final FileModule m = new FileModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    private static String find(String root) {
        return String.join(" ", ((Probe.Run) TreeListing.probe(root)).argv());
    }

    /** find's answer: type, mode, owner, group, link target, path, each NUL-terminated. */
    private static String entries(String... rows) {
        StringBuilder sb = new StringBuilder();
        for (String row : rows) for (String f : row.split("\\|", -1)) sb.append(f).append('\0');
        return sb.toString();
    }

    private static ScriptedHost tree(String listing) {
        return new ScriptedHost().dir("/srv", 0755).dir("/srv/t", 0750).answer(find("/srv/t"), 0, listing);
    }

    private static List<List<String>> argvs(Change c) {
        return c.steps().stream().map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void converged_isNone_inOneRoundTrip() {
        ScriptedHost h = tree(entries("d|750|root|root||/srv/t/sub", "f|640|root|root||/srv/t/sub/a"));
        assertThat(m.plan(params("path", "/srv/t", "state", "directory", "recurse", true, "mode", "u=rwX,g=rX,o="), h).isNone()).isTrue();
        assertThat(h.roundTrips()).containsExactly(3);   // stat, find, and the ancestor's stat
    }

    @Test
    void symbolicMode_perEntry_groupedByResult_linksNeverChmodded() {
        ScriptedHost h = tree(entries("d|700|root|root||/srv/t/sub", "f|600|root|root||/srv/t/sub/a", "f|700|root|root||/srv/t/run",
                "f|600|root|root||/srv/t/b", "l|777|root|root|b|/srv/t/link"));
        Change c = m.plan(params("path", "/srv/t", "state", "directory", "recurse", true, "mode", "u=rwX,g=rX,o="), h);
        assertThat(argvs(c)).containsExactly(
                List.of("chmod", "750", "--", "/srv/t/sub", "/srv/t/run"),
                List.of("chmod", "640", "--", "/srv/t/sub/a", "/srv/t/b"));
        assertThat(c.diffs()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("/srv/t/** mode");
            assertThat(d.before()).contains("0700 /srv/t/sub\n").doesNotContain("link");
            assertThat(d.after()).contains("0640 /srv/t/b\n");
        });
    }

    @Test
    void ownerAndGroup_goToLinksThemselves_andToTheFileOutsideTheyPointTo() {
        ScriptedHost h = tree(entries("f|644|root|root||/srv/t/a", "l|777|root|root|../out.txt|/srv/t/link", "l|777|root|root|a|/srv/t/in"))
                .file("/srv/out.txt", "x", 0644);
        Change c = m.plan(params("path", "/srv/t", "state", "directory", "recurse", true, "owner", "app", "group", "app"), h);
        assertThat(argvs(c)).containsExactly(
                List.of("chown", "--", "app", "/srv/t"),
                List.of("chgrp", "--", "app", "/srv/t"),
                List.of("chown", "-h", "--", "app", "/srv/t/a", "/srv/t/link", "/srv/t/in", "/srv/out.txt"),
                List.of("chgrp", "-h", "--", "app", "/srv/t/a", "/srv/t/link", "/srv/t/in", "/srv/out.txt"));
    }

    @Test
    void aLinkToAFolderOutside_isRefused_namingBoth() {
        ScriptedHost h = tree(entries("l|777|root|root|/var/lib|/srv/t/data")).dir("/var", 0755).dir("/var/lib", 0755);
        assertThatThrownBy(() -> m.plan(params("path", "/srv/t", "recurse", true, "owner", "app"), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("/srv/t/data").hasMessageContaining("/var/lib");
    }

    @Test
    void hostileNames_areLiteralArguments() {
        ScriptedHost h = tree(entries("f|600|root|root||" + HOSTILE));
        Change c = m.plan(params("path", "/srv/t", "recurse", true, "mode", "0644"), h);
        assertThat(argvs(c)).containsExactly(List.of("chmod", "644", "--", "/srv/t"), List.of("chmod", "644", "--", HOSTILE));
    }

    @Test
    void recurse_withoutState_isADirectory_butStateLinkOrAFile_isRefused() {
        assertThat(m.plan(params("path", "/srv/new", "recurse", true), new ScriptedHost().dir("/srv", 0755)).steps())
                .singleElement().isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv()).containsExactly("mkdir", "-p", "--", "/srv/new"));
        assertThatThrownBy(() -> m.plan(params("path", "/srv/t", "state", "link", "src", "/x", "recurse", true), tree("")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("recurse option requires state to be 'directory'");
        assertThatThrownBy(() -> m.plan(params("path", "/srv/f", "recurse", true, "mode", "0644"), new ScriptedHost().file("/srv/f", "", 0644)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("recurse option requires state to be 'directory'");
    }

    @Test
    void aNewDirectory_givesItsModeToEveryFolderItCreates_asAnsible() {
        ScriptedHost h = new ScriptedHost().dir("/srv", 0755);
        Change c = m.plan(params("path", "/srv/a/b", "state", "directory", "mode", "0700", "owner", "app"), h);
        assertThat(argvs(c)).containsExactly(List.of("mkdir", "-p", "--", "/srv/a/b"),
                List.of("chmod", "700", "--", "/srv/a"), List.of("chown", "--", "app", "/srv/a"),
                List.of("chmod", "700", "--", "/srv/a/b"), List.of("chown", "--", "app", "/srv/a/b"));
    }

    @Test
    void firstProbes_areWhatPlanAsksFirst() {
        ModuleTester.of(m).plan(Map.of("path", "/srv/t", "state", "directory", "recurse", true, "mode", "0755"),
                tree(entries("f|755|root|root||/srv/t/a")));
    }

    @Test
    void symbolicMode_isRefusedAtLoad_whenMalformed() {
        assertThat(ModuleTester.of(m).problems(Map.of("path", "/x", "mode", "u+q")))
                .singleElement().asString().contains("must be an octal mode such as '0644' or a symbolic one");
    }
}
