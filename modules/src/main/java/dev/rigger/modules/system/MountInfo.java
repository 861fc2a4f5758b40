package dev.rigger.modules.system;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host's mounts as {@code /proc/self/mountinfo} lists them, read as ansible.posix.mount's
 * get_linux_mounts does: per mount point its source, where a bind mount's source is the folder
 * it shows (the parent mount's point joined with the mount's root), else the device field.
 */
record MountInfo(Map<String, Mount> byPoint) {
    static final String PATH = "/proc/self/mountinfo";

    /** One mount point; {@code device} is mountinfo's source field (what {@code mount -v} prints first). */
    record Mount(String point, String src, String device, String fstype, String opts) { }

    static MountInfo parse(String text) {
        record Row(int id, int parent, String root, String point, String opts, String fs, String device) { }
        Map<Integer, Row> rows = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10) continue;
            try {
                rows.put(Integer.parseInt(f[0]), new Row(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[3], f[4], f[5], f[f.length - 3], f[f.length - 2]));
            } catch (NumberFormatException e) {
                // not a mountinfo line
            }
        }
        Map<String, Mount> mounts = new HashMap<>();
        for (Row r : rows.values()) {
            String src = r.device();
            Row parent = rows.get(r.parent());
            if (r.parent() != 1 && parent != null) {
                String root = r.root();
                if (parent.root().length() > 1 && root.startsWith(parent.root() + "/")) root = root.substring(parent.root().length());
                src = parent.point().equals("/") ? root : parent.point() + root;
            }
            String point = unescape(r.point());
            mounts.put(point, new Mount(point, src, r.device(), r.fs(), r.opts()));
        }
        return new MountInfo(mounts);
    }

    boolean isMounted(String path) {
        return byPoint.containsKey(path);
    }

    Mount at(String path) {
        return byPoint.get(path);
    }

    /** The kernel writes space, tab, newline and backslash in paths as octal escapes (\040). */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
