package dev.rigger.modules.scm;

import java.util.ArrayList;
import java.util.List;

/**
 * The destination as the module's read-only probe saw it ({@link #SCRIPT}): whether a repository
 * is there (its {@code config} exists, as Ansible decides), its HEAD commit, the remote's URL,
 * how many tracked files differ (untracked ones do not count, as has_local_mods), the branch its
 * HEAD is on and the local branches.
 */
record GitCheckout(State state, String repoPath, String head, String url, int modified, String headLine,
                   String remoteHeadLine, String versionCommit, List<String> branches) {

    enum State { ABSENT, PRESENT, BAD_GITDIR }

    /**
     * Arguments: $1 dest, $2 remote, $3 bare (yes/no), $4 the git program, $5 version. Answers one
     * value a line: present, the repository path, HEAD, the remote URL, the modified count, the
     * first line of HEAD, of refs/remotes/REMOTE/HEAD, the commit VERSION names locally, then
     * {@code git branch -a}'s lines. Changes nothing.
     */
    static final String SCRIPT = String.join("\n",
            "export LC_ALL=C LANG=C",
            "d=$1; r=$2; g=$4",
            "if [ \"$3\" = yes ]; then p=$d; else p=$d/.git; fi",
            "if [ -f \"$p\" ]; then",
            "  l=$(head -n 1 \"$p\")",
            "  case $l in 'gitdir: '*) x=${l#gitdir: }; case $x in /*) p=$x;; *) p=$d/$x;; esac;; *) echo badgitdir; exit 0;; esac",
            "  [ -d \"$p\" ] || { echo badgitdir; exit 0; }",
            "fi",
            "[ -e \"$p/config\" ] || { echo absent; exit 0; }",
            "cd \"$d\" || exit 3",
            "echo present",
            "printf '%s\\n' \"$p\"",
            "printf '%s\\n' \"$(\"$g\" rev-parse HEAD 2>/dev/null)\"",
            "printf '%s\\n' \"$(\"$g\" ls-remote --get-url \"$r\" 2>/dev/null)\"",
            "if [ \"$3\" = yes ]; then echo 0; else \"$g\" status --porcelain 2>/dev/null | grep -vc '^??'; fi",
            "printf '%s\\n' \"$(head -n 1 \"$p/HEAD\" 2>/dev/null)\"",
            "printf '%s\\n' \"$(head -n 1 \"$p/refs/remotes/$r/HEAD\" 2>/dev/null)\"",
            "printf '%s\\n' \"$(\"$g\" rev-parse -q --verify \"$5^{commit}\" 2>/dev/null)\"",
            "\"$g\" branch --no-color -a 2>/dev/null",
            "exit 0");

    static GitCheckout parse(String text) {
        String[] l = text.split("\n", -1);
        if (l[0].equals("absent")) return new GitCheckout(State.ABSENT, null, null, null, 0, "", "", "", List.of());
        if (l[0].equals("badgitdir")) return new GitCheckout(State.BAD_GITDIR, null, null, null, 0, "", "", "", List.of());
        if (!l[0].equals("present") || l.length < 9) throw new IllegalStateException("unexpected probe answer: " + text);
        List<String> branches = new ArrayList<>();
        for (int i = 8; i < l.length; i++) {
            if (!l[i].isBlank()) branches.add(l[i].strip());
        }
        int modified = l[4].strip().isEmpty() ? 0 : Integer.parseInt(l[4].strip());
        return new GitCheckout(State.PRESENT, l[1], l[2].strip(), l[3].strip(), modified, l[5], l[6], l[7].strip(), List.copyOf(branches));
    }

    boolean present() {
        return state == State.PRESENT;
    }

    /** is_not_a_branch: {@code git branch}'s current line says HEAD is detached. */
    boolean detached() {
        for (String b : branches) {
            if (b.startsWith("* ") && (b.contains("no branch") || b.contains("detached from") || b.contains("detached at"))) return true;
        }
        return false;
    }

    /** get_head_branch: the branch HEAD is on, or when detached the one the remote's HEAD names, split as head_splitter does. */
    String headBranch(String remote) {
        String raw = detached() ? remoteHeadLine : headLine;
        if (raw == null || raw.isEmpty()) return null;
        raw = raw.replaceFirst(java.util.regex.Pattern.quote("refs/remotes/" + remote), "");
        String[] parts = raw.split(" ", -1);
        String[] ref = parts[parts.length - 1].split("/", 3);
        return ref[ref.length - 1].strip();
    }

    /** is_local_branch: a line of {@code git branch -a} is the name, or the current one is. */
    boolean isLocalBranch(String name) {
        return branches.contains(name) || branches.contains("* " + name);
    }
}
