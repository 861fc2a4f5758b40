package dev.rigger.modules.scm;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A git checkout, as ansible.builtin.git: cloned when the destination holds no repository, else
 * fetched and switched to {@code version} (a branch, a tag, a commit or HEAD). The plan asks two
 * questions in one round trip: the destination's state ({@link GitCheckout}) and the remote's refs
 * ({@code git ls-remote}, as Ansible's check mode predicts with it), so the commit the checkout
 * ends on is known before anything runs; a checkout already there is no change.
 */
public final class GitModule implements Module {
    /** A version, remote or refspec is one git word: no leading '-' (an option), no blanks or control characters. */
    private static final Pattern WORD = Pattern.compile("(?!-)[^\\s\\x00-\\x1f\\x7f]+");
    private static final Pattern REMOTE = Pattern.compile("(?!-)[A-Za-z0-9._/-]+");
    static final String DEPTH_IGNORED = "Ignoring depth argument. Shallow clones are only available for HEAD, branches, tags or in combination with refspec.";
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("repo").required().aliases("name").singleLine().notEmpty().doc("the repository's address: a path, file://, https://, ssh:// or user@host:path"))
            .add(Param.string("dest").absolutePath().doc("the folder to check out into (absolute); only without it may clone be false"))
            .add(Param.string("version").defaultValue("HEAD").notEmpty().doc("what to check out: a branch, a tag, a commit (full or abbreviated) or HEAD (the remote's default branch)"))
            .add(Param.string("remote").defaultValue("origin").doc("the remote's name"))
            .add(Param.string("refspec").doc("an extra refspec to fetch (e.g. refs/pull/*/head); also after a clone"))
            .add(Param.string("reference").absolutePath().doc("a local repository to borrow objects from (git clone --reference)"))
            .add(Param.bool("force").defaultValue(false).doc("discard local modifications of tracked files (git reset --hard); without it a dirty checkout fails"))
            .add(Param.integer("depth").doc("a shallow clone of this many commits (HEAD, branches, tags or with refspec)"))
            .add(Param.bool("clone").defaultValue(true).doc("clone when the destination has no repository; false only reports the remote's commit"))
            .add(Param.bool("update").defaultValue(true).doc("fetch and switch an existing checkout; false leaves it as it is"))
            .add(Param.bool("verify_commit").doc("verify the commit's GPG signature: not built (refused when true)"))
            .add(Param.list("gpg_whitelist").doc("fingerprints for verify_commit: not built"))
            .add(Param.bool("accept_hostkey").defaultValue(false).doc("ssh -o StrictHostKeyChecking=no: accept any host key of an ssh remote (turns the check off)"))
            .add(Param.bool("accept_newhostkey").defaultValue(false).doc("ssh -o StrictHostKeyChecking=accept-new: accept an unknown host's key, never a changed one"))
            .add(Param.string("key_file").doc("the private key ssh uses (with IdentitiesOnly=yes)"))
            .add(Param.string("ssh_opts").doc("more ssh options, as -o Option=value words"))
            .add(Param.string("executable").doc("the git program to run (default: git on the PATH)"))
            .add(Param.bool("bare").defaultValue(false).doc("a bare repository (no working tree)"))
            .add(Param.bool("recursive").defaultValue(true).doc("initialise and update submodules after a change"))
            .add(Param.bool("single_branch").defaultValue(false).doc("clone only the history of version's branch or tag"))
            .add(Param.bool("track_submodules").defaultValue(false).doc("submodules follow their remote's branch (git submodule update --remote)"))
            .add(Param.any("umask").doc("the umask git runs with, a quoted octal string ('0022')"))
            .add(Param.string("archive").doc("an archive of the checkout: not built"))
            .add(Param.string("archive_prefix").doc("the archive's path prefix: not built"))
            .add(Param.string("separate_git_dir").absolutePath().doc("keep the repository outside the working tree, a .git file pointing to it (at clone)"))
            .mutuallyExclusive("separate_git_dir", "bare")
            .mutuallyExclusive("accept_hostkey", "accept_newhostkey")
            .refused("archive", "Rigger's git does not make archives: check out with git, then make the archive with community.general.archive or a command task running git archive")
            .refused("archive_prefix", "archives are not built (see archive)")
            .build();

    @Override public String name() { return "git"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.git"); }
    @Override public String summary() { return "Check out a git repository at a branch, tag or commit, as ansible.builtin.git"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- git:\n    repo: https://example.org/app.git\n    dest: /srv/app\n    version: v1.2\n"
                + "- ansible.builtin.git: { repo: 'git@example.org:app.git', dest: /srv/app, accept_newhostkey: true, key_file: /root/.ssh/deploy }";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        GitCommand git = GitCommand.of(p);
        List<Probe> probes = new ArrayList<>();
        if (p.has("dest")) probes.add(checkoutProbe(p, git.program()));
        probes.add(new Probe.Run(git.remote(List.of("ls-remote", "--symref", "--", p.string("repo")))));
        return probes;
    }

    static Probe checkoutProbe(Params p, String git) {
        return new Probe.Run(List.of("sh", "-c", GitCheckout.SCRIPT, "sh", dest(p), p.string("remote"),
                p.bool("bare") ? "yes" : "no", git, p.string("version")));
    }

    private static String dest(Params p) {
        return Path.of(p.string("dest")).normalize().toString();
    }

    @Override
    public Change plan(Params p, Host host) {
        validate(p);
        GitCommand git = GitCommand.of(p);
        String repo = p.string("repo");
        String version = p.string("version");
        String remote = p.string("remote");
        boolean bare = p.bool("bare");
        List<ProbeResult> r = host.probe(firstProbes(p));
        ProbeResult lsRemote = r.get(r.size() - 1);
        if (!lsRemote.ok()) {
            throw new ModuleException("git ls-remote of " + Shown.quoted(repo) + " failed (rc " + lsRemote.exitCode() + "): " + lsRemote.error().strip());
        }
        RemoteRefs refs = RemoteRefs.parse(lsRemote.text());
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        out.put("warnings", warnings);
        if (!p.has("dest")) return notCloned(p, refs, out);
        String dest = dest(p);
        GitCheckout co = GitCheckout.parse(r.get(0).text());
        if (co.state() == GitCheckout.State.BAD_GITDIR) {
            throw new ModuleException("Current repo does not have a valid reference to a separate Git dir or it refers to the invalid path");
        }
        if (!co.present()) {
            if (!p.bool("clone")) return notCloned(p, refs, out);
            return clone(p, git, refs, dest, out, warnings);
        }
        if (p.has("separate_git_dir") && !Path.of(co.repoPath()).normalize().equals(Path.of(p.string("separate_git_dir")).normalize())) {
            throw new ModuleException("the repository of " + dest + " is at " + co.repoPath() + ", not at separate_git_dir "
                    + p.string("separate_git_dir") + ": Rigger does not move an existing repository's git dir; move it (git init --separate-git-dir) or drop separate_git_dir");
        }
        out.put("before", co.head());
        if (!p.bool("update")) {
            out.put("after", co.head());
            return Change.none(out);
        }
        return update(p, git, refs, co, dest, out);
    }

    private static void validate(Params p) {
        if (p.has("verify_commit") && p.bool("verify_commit")) {
            throw new ModuleException("verify_commit is not built: Rigger's git does not check GPG signatures; verify with a command task (git verify-commit) after the checkout");
        }
        if (!p.has("dest") && p.bool("clone")) throw new ModuleException("the destination directory must be specified unless clone=no");
        String repo = p.string("repo");
        if (repo.startsWith("-")) throw new ModuleException("repo " + Shown.quoted(repo) + " starts with '-', which git would read as an option");
        if (!WORD.matcher(p.string("version")).matches()) {
            throw new ModuleException("version " + Shown.quoted(p.string("version")) + " is not a branch, tag or commit (no leading '-', blanks or control characters)");
        }
        if (!REMOTE.matcher(p.string("remote")).matches()) {
            throw new ModuleException("remote " + Shown.quoted(p.string("remote")) + " is not a remote name (letters, digits, . _ / -, not first '-')");
        }
        if (p.has("refspec") && !WORD.matcher(p.string("refspec")).matches()) {
            throw new ModuleException("refspec " + Shown.quoted(p.string("refspec")) + " is not one refspec (no leading '-', blanks or control characters)");
        }
        if (p.has("depth") && p.integer("depth") < 1) throw new ModuleException("depth must be a positive number of commits");
        if (p.has("executable") && (p.string("executable").contains("=") || p.string("executable").startsWith("-"))) {
            throw new ModuleException("executable " + Shown.quoted(p.string("executable")) + " is not a program path (no '=', not first '-')");
        }
    }

    /** clone: no (or no dest): nothing runs; reported changed with the remote's commit, as Ansible does every time. */
    private static Change notCloned(Params p, RemoteRefs refs, Map<String, Object> out) {
        String after = remoteHead(p.string("version"), refs, null, p.string("remote"));
        out.put("after", after);
        String subject = p.has("dest") ? dest(p) : p.string("repo");
        return Change.of(List.of(Diff.create(subject + " (not cloned: clone is false)", after)), List.of()).withOutputs(out).unverifiable();
    }

    /** get_remote_head: what the checkout will be at, from ls-remote. */
    private static String remoteHead(String version, RemoteRefs refs, GitCheckout co, String remote) {
        String rev;
        if (version.equals("HEAD")) {
            if (co == null) {
                rev = refs.head();
            } else {
                String branch = co.headBranch(remote);
                rev = branch == null ? null : refs.branch(branch);
            }
        } else if (refs.isBranch(version)) {
            rev = refs.branch(version);
        } else if (refs.isTag(version)) {
            rev = refs.tag(version);
        } else {
            // a commit: as given, or what it names in the checkout already
            return co != null && !co.versionCommit().isEmpty() ? co.versionCommit() : version;
        }
        if (rev == null) throw new ModuleException("Could not determine remote revision for " + version);
        return rev;
    }

    private static Change clone(Params p, GitCommand git, RemoteRefs refs, String dest, Map<String, Object> out, List<String> warnings) {
        String version = p.string("version");
        String remote = p.string("remote");
        boolean bare = p.bool("bare");
        String after = remoteHead(version, refs, null, remote);
        boolean branchOrTag = refs.isBranch(version) || refs.isTag(version);
        List<String> args = new ArrayList<>(List.of("clone"));
        if (bare) args.add("--bare");
        else args.addAll(List.of("--origin", remote));
        boolean withBranch = false;
        if (p.has("depth")) {
            if (version.equals("HEAD") || p.has("refspec")) {
                args.addAll(List.of("--depth", p.integer("depth").toString()));
            } else if (branchOrTag) {
                args.addAll(List.of("--depth", p.integer("depth").toString(), "--branch", version));
                withBranch = true;
            } else {
                warnings.add(DEPTH_IGNORED);
            }
        }
        if (p.has("reference")) args.addAll(List.of("--reference", p.string("reference")));
        if (p.bool("single_branch")) {
            args.add("--single-branch");
            if (branchOrTag) {
                args.addAll(List.of("--branch", version));
                withBranch = true;
            }
        }
        if (p.has("separate_git_dir")) args.add("--separate-git-dir=" + Path.of(p.string("separate_git_dir")).normalize());
        args.addAll(List.of("--", p.string("repo"), dest));
        List<Step> steps = new ArrayList<>();
        String parent = Path.of(dest).getParent() == null ? "/" : Path.of(dest).getParent().toString();
        steps.add(Step.Run.of("mkdir", "-p", "--", parent));
        steps.add(Step.Run.of(git.remote(args)));
        if (bare && !remote.equals("origin")) steps.add(Step.Run.of(git.local(List.of("-C", dest, "remote", "add", remote, p.string("repo")))));
        if (p.has("refspec")) {
            List<String> fetch = new ArrayList<>(List.of("-C", dest, "fetch"));
            if (p.has("depth")) fetch.addAll(List.of("--depth", p.integer("depth").toString()));
            fetch.addAll(List.of(remote, p.string("refspec")));
            steps.add(Step.Run.of(git.remote(fetch)));
        }
        if (!bare && !version.equals("HEAD")) {
            // the clone is on the remote's default branch, or on version when cloned with --branch
            String onBranch = withBranch && refs.isBranch(version) ? version : refs.headBranch();
            switchVersion(p, git, refs, dest, version, onBranch != null && onBranch.equals(version), steps);
        }
        if (p.bool("recursive") && !bare) submodules(p, git, dest, steps);
        steps.add(Step.Run.of(git.local(List.of("-C", dest, "rev-parse", "HEAD"))));
        out.put("after", after);
        return Change.of(List.of(Diff.create(dest + " (git clone of " + p.string("repo") + ")", after)), steps).withOutputs(out);
    }

    private static Change update(Params p, GitCommand git, RemoteRefs refs, GitCheckout co, String dest, Map<String, Object> out) {
        String version = p.string("version");
        String remote = p.string("remote");
        String repo = p.string("repo");
        boolean mods = co.modified() > 0;
        if (mods && !p.bool("force")) {
            throw new ModuleException("Local modifications exist in the destination: " + dest + " (force=no).");
        }
        boolean urlChanged = !co.url().isEmpty() && !co.url().equals(repo) && !unfracked(co.url()).equals(unfracked(repo));
        out.put("remote_url_changed", urlChanged);
        String after = remoteHead(version, refs, co, remote);
        out.put("after", after);
        List<Diff> diffs = new ArrayList<>();
        if (mods) diffs.add(Diff.run("git reset --hard HEAD: local modifications exist in " + dest));
        if (urlChanged) diffs.add(Diff.update(dest + " remote " + remote + " url", co.url(), repo));
        if (!after.equals(co.head())) diffs.add(Diff.update(dest + " HEAD", co.head(), after));
        if (diffs.isEmpty()) return Change.none(out);
        List<Step> steps = new ArrayList<>();
        if (mods) steps.add(Step.Run.of(git.local(List.of("-C", dest, "reset", "--hard", "HEAD"))));
        if (urlChanged) steps.add(Step.Run.of(git.local(List.of("-C", dest, "remote", "set-url", remote, repo))));
        steps.add(Step.Run.of(git.remote(fetch(p, refs, co, dest))));
        if (!p.bool("bare")) {
            if (version.equals("HEAD")) {
                String branch = co.headBranch(remote);
                steps.add(Step.Run.of(git.local(List.of("-C", dest, "checkout", "--force", branch))));
                steps.add(Step.Run.of(git.local(List.of("-C", dest, "reset", "--hard", remote + "/" + branch, "--"))));
            } else {
                switchVersion(p, git, refs, dest, version, co.isLocalBranch(version), steps);
            }
            if (p.bool("recursive")) submodules(p, git, dest, steps);
        }
        steps.add(Step.Run.of(git.local(List.of("-C", dest, "rev-parse", "HEAD"))));
        if (mods) out.put("msg", "Local modifications exist in the destination: " + dest);
        return Change.of(diffs, steps).withOutputs(out);
    }

    /** fetch(): the few refs a shallow checkout needs, else everything with tags. */
    private static List<String> fetch(Params p, RemoteRefs refs, GitCheckout co, String dest) {
        String version = p.string("version");
        String remote = p.string("remote");
        List<String> cmd = new ArrayList<>(List.of("-C", dest, "fetch"));
        List<String> refspecs = new ArrayList<>();
        if (p.has("depth")) {
            if (p.has("refspec")) {
                refspecs.add(p.string("refspec"));
            } else if (version.equals("HEAD")) {
                refspecs.add(co.headBranch(remote));
            } else if (refs.isBranch(version)) {
                if (!version.equals(co.headBranch(remote))) refspecs.add("+refs/heads/" + version + ":refs/heads/" + version);
                refspecs.add("+refs/heads/" + version + ":refs/remotes/" + remote + "/" + version);
            } else if (refs.isTag(version)) {
                refspecs.add("+refs/tags/" + version + ":refs/tags/" + version);
            }
            if (!refspecs.isEmpty()) cmd.addAll(List.of("--depth", p.integer("depth").toString()));
        }
        if (!p.has("depth") || refspecs.isEmpty()) {
            if (p.bool("bare")) refspecs = new ArrayList<>(List.of("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"));
            else cmd.add("--tags");
            if (p.has("refspec")) refspecs.add(p.string("refspec"));
        }
        if (p.bool("force")) cmd.add("--force");
        cmd.add(remote);
        cmd.addAll(refspecs);
        return cmd;
    }

    /** switch_version for a branch, tag or commit (HEAD is handled by the caller). */
    private static void switchVersion(Params p, GitCommand git, RemoteRefs refs, String dest, String version, boolean localBranch, List<Step> steps) {
        String remote = p.string("remote");
        if (refs.isBranch(version)) {
            if (p.has("depth") && !localBranch) {
                steps.add(Step.Run.of(git.remote(List.of("-C", dest, "fetch", "--depth=" + p.integer("depth"), remote,
                        "+refs/heads/" + version + ":refs/heads/" + version, "+refs/heads/" + version + ":refs/remotes/" + remote + "/" + version))));
                localBranch = true;
            }
            if (!localBranch) {
                steps.add(Step.Run.of(git.local(List.of("-C", dest, "checkout", "--track", "-b", version, remote + "/" + version))));
            } else {
                steps.add(Step.Run.of(git.local(List.of("-C", dest, "checkout", "--force", version))));
                steps.add(Step.Run.of(git.local(List.of("-C", dest, "reset", "--hard", remote + "/" + version))));
            }
        } else {
            steps.add(Step.Run.of(git.local(List.of("-C", dest, "checkout", "--force", version))));
        }
    }

    /** submodule_update: sync, then init and update recursively (both do nothing without .gitmodules). */
    private static void submodules(Params p, GitCommand git, String dest, List<Step> steps) {
        steps.add(Step.Run.of(git.remote(List.of("-C", dest, "submodule", "sync"))));
        List<String> update = new ArrayList<>(List.of("-C", dest, "submodule", "update", "--init", "--recursive"));
        if (p.bool("track_submodules")) update.add("--remote");
        if (p.bool("force")) update.add("--force");
        steps.add(Step.Run.of(git.remote(update)));
    }

    /** unfrackgitpath, for the local paths it is meant for: normalised ('//' and trailing '/' dropped). */
    private static String unfracked(String path) {
        try {
            return Path.of(path).normalize().toString();
        } catch (RuntimeException e) {
            return path;
        }
    }

    @Override
    public Map<String, Object> outputs(Params params, List<StepResult> results) {
        if (results.isEmpty()) return Map.of();
        StepResult last = results.get(results.size() - 1);
        String head = last.stdout().strip();
        return head.matches("[0-9a-f]{40,64}") ? Map.of("after", head) : Map.of();
    }
}
