package dev.rigger.modules.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitModuleTest {
    private static final String REPO = "file:///srv/repo.git";
    private static final String MAIN = "8a34ff077207cbb2cbb0228b1139d873c428ef09";
    private static final String STABLE = "c61ba4e1f24da4731c6eaf9f972b7b1316ce2e30";
    private static final String V1 = "05612a19f3a3a4d44dc8099520978720d49aa8c0";
    private static final String V2_TAG = "a4264e48e417329ab967ad10100131a6943c2248";
    private static final String V2 = "83dd3698c1f6776ea16c8ddd4da9895682958f1b";
    private static final String LS_REMOTE = "ref: refs/heads/main\tHEAD\n" + MAIN + "\tHEAD\n" + MAIN + "\trefs/heads/main\n"
            + STABLE + "\trefs/heads/stable\n" + V1 + "\trefs/tags/v1.0\n" + V2_TAG + "\trefs/tags/v2.0\n" + V2 + "\trefs/tags/v2.0^{}\n";
    private final GitModule m = new GitModule();

    private TestParams params(Object... kv) {
        List<Object> all = new ArrayList<>(List.of("repo", REPO, "dest", "/opt/app"));
        all.addAll(List.of(kv));
        return TestParams.of(m.spec(), all.toArray());
    }

    /** A host answering the module's two probes: the checkout's state, and ls-remote. */
    private ScriptedHost host(Params p, String checkout) {
        List<Probe> probes = m.firstProbes(p);
        ScriptedHost h = new ScriptedHost().answer(String.join(" ", ((Probe.Run) probes.get(probes.size() - 1)).argv()), 0, LS_REMOTE);
        if (probes.size() == 2) h.answer(String.join(" ", ((Probe.Run) probes.get(0)).argv()), 0, checkout);
        return h;
    }

    private static String present(String head, String url, int modified, String headLine, String branches) {
        return "present\n/opt/app/.git\n" + head + "\n" + url + "\n" + modified + "\n" + headLine + "\nref: refs/remotes/origin/main\n\n" + branches;
    }

    private static List<List<String>> gitArgs(Change c) {
        List<List<String>> out = new ArrayList<>();
        for (Step s : c.steps()) {
            List<String> argv = ((Step.Run) s).argv();
            int git = argv.indexOf("git");
            out.add(git < 0 ? argv : argv.subList(git + 1, argv.size()));
        }
        return out;
    }

    @Test
    void absent_clonesThenChecksOutNothingMore_forHead_andPredictsTheRemoteHead() {
        TestParams p = params();
        Change c = m.plan(p, host(p, "absent\n"));
        assertThat(c.kind()).isEqualTo(Change.Kind.CHANGE);
        assertThat(c.outputs()).containsEntry("after", MAIN).doesNotContainKey("before");
        assertThat(gitArgs(c)).containsExactly(List.of("mkdir", "-p", "--", "/opt"),
                List.of("clone", "--origin", "origin", "--", REPO, "/opt/app"),
                List.of("-C", "/opt/app", "submodule", "sync"),
                List.of("-C", "/opt/app", "submodule", "update", "--init", "--recursive"),
                List.of("-C", "/opt/app", "rev-parse", "HEAD"));
        Step.Run clone = (Step.Run) c.steps().get(1);
        assertThat(clone.argv()).startsWith("env", "LC_ALL=C", "GIT_SSH_COMMAND=ssh -o BatchMode=yes", "git");
    }

    @Test
    void absent_branchTagAndCommit_areCheckedOutAsAnsibleSwitchesVersion() {
        TestParams branch = params("version", "stable");
        assertThat(gitArgs(m.plan(branch, host(branch, "absent\n")))).contains(List.of("-C", "/opt/app", "checkout", "--track", "-b", "stable", "origin/stable"));
        assertThat(m.plan(branch, host(branch, "absent\n")).outputs()).containsEntry("after", STABLE);
        TestParams tag = params("version", "v2.0");
        Change t = m.plan(tag, host(tag, "absent\n"));
        assertThat(t.outputs()).as("an annotated tag's commit, not the tag object").containsEntry("after", V2);
        assertThat(gitArgs(t)).contains(List.of("-C", "/opt/app", "checkout", "--force", "v2.0"));
        TestParams sha = params("version", V2, "depth", 1);
        Change s = m.plan(sha, host(sha, "absent\n"));
        assertThat(s.outputs()).containsEntry("after", V2).containsEntry("warnings", List.of(GitModule.DEPTH_IGNORED));
        assertThat(gitArgs(s).get(1)).doesNotContain("--depth");
    }

    @Test
    void absent_shallowBranch_clonesWithBranch_bareAddsItsRemote() {
        TestParams p = params("version", "stable", "depth", 1, "single_branch", true);
        List<List<String>> args = gitArgs(m.plan(p, host(p, "absent\n")));
        assertThat(args.get(1)).containsExactly("clone", "--origin", "origin", "--depth", "1", "--branch", "stable", "--single-branch", "--branch", "stable", "--", REPO, "/opt/app");
        assertThat(args).contains(List.of("-C", "/opt/app", "checkout", "--force", "stable"), List.of("-C", "/opt/app", "reset", "--hard", "origin/stable"));
        TestParams bare = params("bare", true, "remote", "up");
        List<List<String>> b = gitArgs(m.plan(bare, host(bare, "absent\n")));
        assertThat(b.get(1)).containsExactly("clone", "--bare", "--", REPO, "/opt/app");
        assertThat(b).contains(List.of("-C", "/opt/app", "remote", "add", "up", REPO)).noneMatch(a -> a.contains("submodule"));
    }

    @Test
    void present_atTheRemoteCommit_isNoChange_secondApplyConverges() {
        TestParams p = params();
        Change c = m.plan(p, host(p, present(MAIN, REPO, 0, "ref: refs/heads/main", "* main\nremotes/origin/HEAD -> origin/main\nremotes/origin/main\n")));
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("before", MAIN).containsEntry("after", MAIN).containsEntry("remote_url_changed", false);
    }

    @Test
    void present_behind_fetchesThenResetsToTheRemoteBranch() {
        TestParams p = params();
        Change c = m.plan(p, host(p, present(V1, REPO + "/", 0, "ref: refs/heads/main", "* main\n")));
        assertThat(c.outputs()).containsEntry("before", V1).containsEntry("after", MAIN).containsEntry("remote_url_changed", false);
        assertThat(gitArgs(c)).containsSubsequence(List.of("-C", "/opt/app", "fetch", "--tags", "origin"),
                List.of("-C", "/opt/app", "checkout", "--force", "main"), List.of("-C", "/opt/app", "reset", "--hard", "origin/main", "--"));
    }

    @Test
    void present_otherUrl_setsItAndSaysSo() {
        TestParams p = params("version", "stable");
        Change c = m.plan(p, host(p, present(STABLE, "file:///elsewhere.git", 0, "ref: refs/heads/stable", "* stable\n")));
        assertThat(c.outputs()).containsEntry("remote_url_changed", true);
        assertThat(gitArgs(c)).contains(List.of("-C", "/opt/app", "remote", "set-url", "origin", REPO),
                List.of("-C", "/opt/app", "checkout", "--force", "stable"));
    }

    @Test
    void present_dirty_failsWithAnsiblesMessage_unlessForce() {
        TestParams p = params();
        String dirty = present(MAIN, REPO, 2, "ref: refs/heads/main", "* main\n");
        assertThatThrownBy(() -> m.plan(p, host(p, dirty))).isInstanceOf(ModuleException.class)
                .hasMessage("Local modifications exist in the destination: /opt/app (force=no).");
        TestParams force = params("force", true);
        Change c = m.plan(force, host(force, dirty));
        assertThat(c.kind()).isEqualTo(Change.Kind.CHANGE);
        assertThat(gitArgs(c).get(0)).containsExactly("-C", "/opt/app", "reset", "--hard", "HEAD");
        assertThat(c.outputs()).containsEntry("msg", "Local modifications exist in the destination: /opt/app");
    }

    @Test
    void present_updateFalse_andCloneFalse() {
        TestParams p = params("update", false);
        Change c = m.plan(p, host(p, present(V1, REPO, 3, "ref: refs/heads/main", "* main\n")));
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("before", V1).containsEntry("after", V1);
        TestParams noClone = params("clone", false, "version", "v1.0");
        Change n = m.plan(noClone, host(noClone, "absent\n"));
        assertThat(n.kind()).as("Ansible reports it changed, and runs nothing").isEqualTo(Change.Kind.CHANGE);
        assertThat(n.steps()).isEmpty();
        assertThat(n.outputs()).containsEntry("after", V1);
    }

    @Test
    void unknownBranch_failsAsAnsible_andHostileValuesAreRefused() {
        TestParams p = params();
        assertThatThrownBy(() -> m.plan(p, host(p, present(MAIN, REPO, 0, "ref: refs/heads/gone", "* gone\n"))))
                .hasMessage("Could not determine remote revision for HEAD");
        for (Object[] bad : List.of(new Object[] {"version", "--upload-pack=touch x"}, new Object[] {"version", "main x"},
                new Object[] {"remote", "-x"}, new Object[] {"ssh_opts", "-o ProxyCommand=touch$IFS/x"},
                new Object[] {"key_file", "/k; touch /x"}, new Object[] {"umask", 22}, new Object[] {"refspec", "-f"})) {
            TestParams h = params(bad);
            assertThatThrownBy(() -> m.plan(h, host(h, "absent\n"))).as(bad[0] + "=" + bad[1]).isInstanceOf(ModuleException.class);
        }
        assertThat(ModuleTester.of(m).problems(Map.of("repo", REPO, "dest", "/opt/app", "archive", "/tmp/a.zip"))).isNotEmpty();
    }

    @Test
    void sshCommand_addsHostKeyAcceptanceOnlyWhenAsked() {
        assertThat(GitCommand.sshCommand(params())).isEqualTo("ssh -o BatchMode=yes");
        assertThat(GitCommand.sshCommand(params("accept_newhostkey", true, "key_file", "/root/.ssh/deploy")))
                .isEqualTo("ssh -o StrictHostKeyChecking=accept-new -o BatchMode=yes  -i /root/.ssh/deploy -o IdentitiesOnly=yes");
        assertThat(GitCommand.sshCommand(params("accept_hostkey", true, "ssh_opts", "-o Port=2222")))
                .isEqualTo("ssh -o Port=2222 -o StrictHostKeyChecking=no -o BatchMode=yes");
    }

    @Test
    void umask_wrapsEveryGitCommand_asOneArgument() {
        TestParams p = params("umask", "0027");
        Step.Run clone = (Step.Run) m.plan(p, host(p, "absent\n")).steps().get(1);
        assertThat(clone.argv()).startsWith("/bin/sh", "-c", "umask \"$1\" && shift && exec \"$@\"", "sh", "0027", "env");
    }

    @Test
    void registered_andFirstProbesDeclared() {
        ModuleTester.of(m).assertRegistered();
        TestParams p = params();
        ScriptedHost h = host(p, "absent\n");
        m.plan(p, h);
        ModuleTester.of(m).assertFirstProbesDeclared(p, h.asked());
        assertThat(h.roundTrips()).as("one round trip").containsExactly(2);
        assertThat(GitCheckout.parse(present(MAIN, REPO, 0, "ref: refs/heads/main", "* (HEAD detached at v1.0)\n  main\n")).headBranch("origin"))
                .as("detached: the remote's HEAD names the branch").isEqualTo("main");
    }
}
