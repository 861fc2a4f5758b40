package dev.rigger.modules.system;

import dev.rigger.modules.PythonText;
import java.util.ArrayList;
import java.util.List;

/**
 * The fstab edits of ansible.posix.mount on Linux, byte for byte, so both tools leave the same
 * file: fields are escaped ({@code \\134}, {@code \\040}, {@code \\046}), a matching entry is
 * rewritten as {@code SRC NAME FSTYPE OPTS DUMP PASSNO} only when a field differs (a 4- or
 * 5-field entry always differs: its missing dump/passno count as unequal, as in Ansible), a
 * missing one is appended, and removal drops 6-field entries only. Lines are read as Python's
 * text mode reads them ({@code \r\n} and {@code \r} become {@code \n}).
 */
final class FstabEdit {
    private final List<String> lines;

    /** {@code text}: the file's content ("" for a missing file). */
    FstabEdit(String text) {
        this.lines = PythonText.readLines(text);
    }

    /** One entry as Ansible's module is given it (unescaped); {@code src} null when not given. */
    record Entry(String src, String name, String fstype, String opts, String dump, String passno) {
        String line() {
            return escape(src) + " " + escape(name) + " " + escape(fstype) + " " + escape(opts) + " " + escape(dump) + " " + escape(passno) + "\n";
        }
    }

    /** _set_mount_save_old: the new text, or null when nothing changes. */
    String set(Entry e) {
        List<String> out = new ArrayList<>();
        boolean exists = false;
        boolean changed = false;
        String name = escape(e.name());
        String[] wanted = {escape(e.src()), escape(e.fstype()), escape(e.opts()), escape(e.dump()), escape(e.passno())};
        for (String raw : lines) {
            String line = raw.endsWith("\n") ? raw : raw + "\n";
            String[] f = fields(line);
            if (line.isBlank() || line.strip().startsWith("#") || f.length < 4 || f.length > 6 || keep(f, name, e.src())) {
                out.add(line);
                continue;
            }
            exists = true;
            // Ansible's 'changed' is not reset per line: after one differing entry, later matches are rewritten too
            String[] ld = {f[0], f[2], f[3], f.length > 4 ? f[4] : null, f.length > 5 ? f[5] : null};
            for (int i = 0; i < ld.length; i++) {
                if (!wanted[i].equals(ld[i])) {
                    ld[i] = wanted[i];
                    changed = true;
                }
            }
            out.add(changed ? ld[0] + " " + f[1] + " " + ld[1] + " " + ld[2] + " " + ld[3] + " " + ld[4] + "\n" : line);
        }
        if (!exists) {
            out.add(e.line());
            changed = true;
        }
        return changed ? String.join("", out) : null;
    }

    /** unset_mount: the text without the entry, or null when it has none. */
    String unset(String path, String src) {
        List<String> out = new ArrayList<>();
        boolean changed = false;
        String name = escape(path);
        for (String line : lines) {
            String[] f = fields(line);
            if (line.isBlank() || line.strip().startsWith("#") || f.length != 6 || keep(f, name, src)) {
                out.add(line);
                continue;
            }
            changed = true;
        }
        return changed ? String.join("", out) : null;
    }

    /** Another mount point, or (for swap entries named none) another source: compared unescaped, as Ansible does. */
    private static boolean keep(String[] f, String name, String src) {
        return !f[1].equals(name) || (src != null && f[1].equals("none") && f[2].equals("swap") && !f[0].equals(src));
    }

    /** _escape_fstab. */
    static String escape(String v) {
        return v.replace("\\", "\\134").replace(" ", "\\040").replace("&", "\\046");
    }

    /** Python's str.split(): runs of whitespace, none at the ends. */
    private static String[] fields(String line) {
        String s = line.strip();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

}
