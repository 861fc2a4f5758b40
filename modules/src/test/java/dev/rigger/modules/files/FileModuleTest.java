package dev.rigger.modules.files;

import java.util.Map;
import dev.rigger.testkit.ModuleTester;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import org.junit.jupiter.api.Test;

class FileModuleTest {
    private final FileModule m = new FileModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    @Test
    void content_absentFile_isCreatedAtomicallyWithMode_inOneRoundTrip() {
        ScriptedHost h = new ScriptedHost();
        Change c = m.plan(params("path", "/etc/x", "content", "a\n", "mode", 0600), h);
        assertThat(c.diffs()).extracting(Diff::action).containsExactly(Diff.Action.CREATE, Diff.Action.CREATE);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.WriteFile.class, w -> {
            assertThat(w.path()).isEqualTo("/etc/x");
            assertThat(w.mode()).isEqualTo(0600);
        });
        assertThat(h.roundTrips()).containsExactly(2);
    }

    @Test
    void content_same_andModeSame_isNoChange() {
        ScriptedHost h = new ScriptedHost().file("/etc/x", "a\n", 0600);
        assertThat(m.plan(params("path", "/etc/x", "content", "a\n", "mode", 0600), h).isNone()).isTrue();
    }

    @Test
    void content_same_modeDiffers_onlyChmod() {
        ScriptedHost h = new ScriptedHost().file("/etc/x", "a\n", 0644);
        Change c = m.plan(params("path", "/etc/x", "content", "a\n", "mode", 0600), h);
        assertThat(c.diffs()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("/etc/x mode");
            assertThat(d.before()).isEqualTo("0644");
            assertThat(d.after()).isEqualTo("0600");
        });
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("chmod", "600", "--", "/etc/x"));
    }

    @Test
    void content_differs_diffCarriesBeforeAndAfter() {
        ScriptedHost h = new ScriptedHost().file("/etc/x", "old\n", 0644);
        Change c = m.plan(params("path", "/etc/x", "content", "new\n"), h);
        assertThat(c.diffs()).singleElement().satisfies(d -> {
            assertThat(d.before()).isEqualTo("old\n");
            assertThat(d.after()).isEqualTo("new\n");
        });
    }

    @Test
    void directory_absent_mkdirThenNothing() {
        Change c = m.plan(params("path", "/opt/d", "state", "directory"), new ScriptedHost());
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("mkdir", "-p", "--", "/opt/d"));
        assertThat(m.plan(params("path", "/opt/d", "state", "directory"), new ScriptedHost().dir("/opt/d", 0755)).isNone()).isTrue();
    }

    @Test
    void directory_whereFileStands_fails() {
        ScriptedHost h = new ScriptedHost().file("/opt/d", "", 0644);
        assertThatThrownBy(() -> m.plan(params("path", "/opt/d", "state", "directory"), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("not a directory");
    }

    @Test
    void absent_existing_isRemoved_absentMissing_isNone() {
        Change c = m.plan(params("path", "/tmp/x", "state", "absent"), new ScriptedHost().file("/tmp/x", "", 0644));
        assertThat(c.diffs()).extracting(Diff::action).containsExactly(Diff.Action.DELETE);
        assertThat(m.plan(params("path", "/tmp/x", "state", "absent"), new ScriptedHost()).isNone()).isTrue();
    }

    @Test
    void link_pointingElsewhere_isRepointed() {
        Change c = m.plan(params("path", "/usr/bin/yum", "state", "link", "src", "dnf"), new ScriptedHost().link("/usr/bin/yum", "dnf-3")
                .answer("test -e /usr/bin/dnf", 0, ""));
        assertThat(c.diffs()).singleElement().satisfies(d -> assertThat(d.before()).isEqualTo("dnf-3"));
        assertThat(m.plan(params("path", "/usr/bin/yum", "state", "link", "src", "dnf"), new ScriptedHost().link("/usr/bin/yum", "dnf")
                .answer("test -e /usr/bin/dnf", 0, "")).isNone()).isTrue();
    }

    @Test
    void link_toAMissingSource_failsAsAnsible_unlessForced() {
        // the source is looked for beside the link when relative (Ansible's os.path.join(dirname(path), src))
        ScriptedHost h = new ScriptedHost().answer("test -e /usr/bin/dnf", 1, "").answer("test -e /opt/app/current", 1, "");
        assertThatThrownBy(() -> m.plan(params("path", "/usr/bin/yum", "state", "link", "src", "dnf"), h)).isInstanceOf(ModuleException.class)
                .hasMessage("src file does not exist, use \"force=yes\" if you really want to create the link: /usr/bin/dnf");
        assertThatThrownBy(() -> m.plan(params("path", "/srv/app", "state", "link", "src", "/opt/app/current"), h))
                .hasMessageEndingWith("create the link: /opt/app/current");
        assertThat(m.plan(params("path", "/usr/bin/yum", "state", "link", "src", "dnf", "force", true), h).steps()).singleElement()
                .satisfies(s -> assertThat(((Step.Run) s).argv()).containsExactly("ln", "-sfn", "--", "dnf", "/usr/bin/yum"));
    }

    @Test
    void touch_existing_leavesTimesAlone() {
        assertThat(m.plan(params("path", "/tmp/x", "state", "touch"), new ScriptedHost().file("/tmp/x", "", 0644)).isNone()).isTrue();
    }

    @Test
    void hostilePath_isPassedAsOneLiteralArgument() {
        String evil = "/tmp/a b; touch /tmp/canary $(id) `id`";
        Change c = m.plan(params("path", evil, "state", "directory"), new ScriptedHost());
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("mkdir", "-p", "--", evil));
    }

    @org.junit.jupiter.api.Test
    void relativePath_isRefusedByTheSpec() {
        assertThat(ModuleTester.of(m).problems(Map.of("path", "-", "state", "touch")))
                .containsExactly("argument 'path' of module 'file' must be an absolute path or one starting with ~, got '-'");
    }

    @Test
    void homePaths_areExpandedOnTheHost_theUsersHomeOrAnothersByGetent() {
        ScriptedHost h = new ScriptedHost().answer("echo ~", 0, "/home/ops\n").dir("/home/ops", 0755)
                .answer("getent passwd -- daemon", 0, "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n").dir("/usr/sbin", 0755);
        Change c = ModuleTester.of(m).plan(Map.of("path", "~/.kube", "state", "directory"), h);
        assertThat(c.diffs()).singleElement().satisfies(d -> assertThat(d.subject()).isEqualTo("/home/ops/.kube"));
        Change other = ModuleTester.of(m).plan(Map.of("path", "~daemon/x", "state", "directory"), h);
        assertThat(other.diffs()).singleElement().satisfies(d -> assertThat(d.subject()).isEqualTo("/usr/sbin/x"));
        assertThat(ModuleTester.of(m).problems(Map.of("path", "~; id", "state", "directory"))).singleElement().asString().contains("starting with ~");
        assertThatThrownBy(() -> ModuleTester.of(m).plan(Map.of("path", "~nobody2/x", "state", "directory"), h)).hasMessageContaining("no user 'nobody2'");
    }

    @Test
    void combinations_areTheSpecsRules_contentOnlyForAFile_aLinkNeedsSrc() {
        ModuleTester t = ModuleTester.of(m);
        assertThat(t.problems(Map.of("path", "/x", "state", "directory", "content", "a")))
                .containsExactly("module 'file': content is only for state=file (state is directory)");
        assertThat(t.problems(Map.of("path", "/x", "state", "link"))).containsExactly("module 'file': state=link needs src (missing: src)");
        assertThat(t.problems(Map.of("path", "/x", "content", "a"))).as("state defaults to file").isEmpty();
        assertThat(t.problems(Map.of("path", "/x", "state", "link", "src", "/y"))).isEmpty();
    }

    @Test
    void follow_aLinkIsFollowedToWhatItPointsTo_asAnsiblesDefault() {
        ScriptedHost h = new ScriptedHost().link("/usr/bin/pager", "/etc/alternatives/pager").file("/bin/less", "", 04755)
                .answer("readlink -f -- /usr/bin/pager", 0, "/bin/less\n");
        Change c = m.plan(params("path", "/usr/bin/pager", "mode", "0755"), h);
        assertThat(c.steps()).singleElement().satisfies(s -> assertThat(((Step.Run) s).argv()).containsExactly("chmod", "755", "--", "/bin/less"));
        assertThat(m.plan(params("path", "/usr/bin/pager", "mode", "04755"), h).isNone()).isTrue();
        ScriptedHost dirLink = new ScriptedHost().link("/etc/app", "/opt/app").dir("/opt/app", 0700).answer("readlink -f -- /etc/app", 0, "/opt/app\n");
        assertThat(m.plan(params("path", "/etc/app", "state", "directory", "mode", "0700"), dirLink).isNone())
                .as("a link to a directory is the directory, not 'exists and is not a directory'").isTrue();
        assertThatThrownBy(() -> m.plan(params("path", "/usr/bin/pager", "mode", "0755", "follow", false), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("follow: false");
        assertThat(m.plan(params("path", "/usr/bin/pager", "state", "absent"), h).steps()).singleElement()
                .satisfies(s -> assertThat(((Step.Run) s).argv()).containsExactly("rm", "-rf", "--", "/usr/bin/pager"));
    }

    @Test
    void times_preserveIsWhatRiggerDoes_nowAndTimestampsAreRefusedAtLoad() {
        ModuleTester t = ModuleTester.of(m);
        assertThat(t.problems(Map.of("path", "/x", "state", "touch", "modification_time", "preserve", "access_time", "preserve"))).isEmpty();
        assertThat(m.plan(params("path", "/tmp/x", "state", "touch", "modification_time", "preserve"), new ScriptedHost().file("/tmp/x", "", 0644))
                .isNone()).isTrue();
        assertThat(t.problems(Map.of("path", "/x", "state", "touch", "modification_time", "now"))).singleElement().asString()
                .contains("modification_time");
        assertThat(t.problems(Map.of("path", "/x", "state", "touch", "access_time", "202601011200.00"))).singleElement().asString()
                .contains("access_time");
    }
}
