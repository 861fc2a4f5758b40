package dev.rigger.modules.files;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mode, owner and group over a whole tree (file's {@code recurse}, copy's directory sources), as
 * Ansible's {@code recursive_set_attributes} with its default {@code follow}: every entry gets
 * them; a symbolic link gets its owner and group itself ({@code chown -h}, Ansible's lchown) and
 * never a mode (links have none on Linux), and the file it points to gets all three. Paths that
 * need the same change share one command, so a large tree costs a few steps.
 */
final class RecursiveAttributes {
    /** Keeps one command's arguments well under the kernel's limit on a command line. */
    private static final int ARGV_CHARS = 100_000;

    private RecursiveAttributes() { }

    /**
     * @param entries what the tree holds (links included), and the link targets to set too
     * @param label   the diff's subject, e.g. {@code /srv/app/**}
     */
    static Change of(Params p, String label, List<FileState> entries) {
        Map<String, List<String>> chmod = new LinkedHashMap<>();
        List<String> chown = new ArrayList<>();
        List<String> chgrp = new ArrayList<>();
        List<String> modeBefore = new ArrayList<>(), modeAfter = new ArrayList<>();
        List<String> ownerBefore = new ArrayList<>(), groupBefore = new ArrayList<>();
        for (FileState e : entries) {
            if (e.type() != FileState.Type.LINK) {
                Integer want = Modes.wanted(p, e, e.type() == FileState.Type.DIRECTORY);
                if (want != null && (e.mode() & 07777) != want) {
                    chmod.computeIfAbsent(Integer.toOctalString(want), k -> new ArrayList<>()).add(e.path());
                    modeBefore.add(FileState.octal(e.mode() & 07777) + " " + e.path() + "\n");
                    modeAfter.add(FileState.octal(want) + " " + e.path() + "\n");
                }
            }
            if (p.has("owner") && !p.string("owner").equals(e.owner())) {
                chown.add(e.path());
                ownerBefore.add(e.owner() + " " + e.path() + "\n");
            }
            if (p.has("group") && !p.string("group").equals(e.group())) {
                chgrp.add(e.path());
                groupBefore.add(e.group() + " " + e.path() + "\n");
            }
        }
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (!modeBefore.isEmpty()) diffs.add(Diff.update(label + " mode", String.join("", modeBefore), String.join("", modeAfter)));
        if (!chown.isEmpty()) diffs.add(Diff.update(label + " owner", String.join("", ownerBefore), each(p.string("owner"), chown)));
        if (!chgrp.isEmpty()) diffs.add(Diff.update(label + " group", String.join("", groupBefore), each(p.string("group"), chgrp)));
        chmod.forEach((mode, paths) -> steps.addAll(batched(List.of("chmod", mode, "--"), paths)));
        if (!chown.isEmpty()) steps.addAll(batched(List.of("chown", "-h", "--", p.string("owner")), chown));
        if (!chgrp.isEmpty()) steps.addAll(batched(List.of("chgrp", "-h", "--", p.string("group")), chgrp));
        return Change.of(diffs, steps);
    }

    private static String each(String value, List<String> paths) {
        StringBuilder sb = new StringBuilder();
        for (String path : paths) sb.append(value).append(' ').append(path).append('\n');
        return sb.toString();
    }

    /** One command per slice of {@code paths} small enough for a command line. */
    static List<Step> batched(List<String> head, List<String> paths) {
        List<Step> out = new ArrayList<>();
        List<String> argv = new ArrayList<>(head);
        int chars = 0;
        for (String path : paths) {
            if (chars > 0 && chars + path.length() > ARGV_CHARS) {
                out.add(Step.Run.of(argv));
                argv = new ArrayList<>(head);
                chars = 0;
            }
            argv.add(path);
            chars += path.length() + 1;
        }
        if (chars > 0) out.add(Step.Run.of(argv));
        return out;
    }
}
