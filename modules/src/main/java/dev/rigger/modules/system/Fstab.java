package dev.rigger.modules.system;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of {@code /etc/fstab} and the swap edits kubeadm asks for: turning swap off keeps each
 * swap entry but prefixes it with {@code #}; turning it on removes that prefix again. Only lines
 * that are a whole swap entry (device, mount point, type {@code swap}) are touched, so prose
 * comments such as Debian's "# swap was on /dev/sda5 during installation" stay as they are.
 */
record Fstab(String text) {
    static final String PATH = "/etc/fstab";
    private static final Pattern DEVICE = Pattern.compile("(/|UUID=|LABEL=|PARTUUID=|PARTLABEL=).*");

    /** Every active swap entry commented out. */
    Fstab swapOff() {
        return new Fstab(map(line -> isSwapEntry(line) ? "#" + line : line));
    }

    /** Every commented-out swap entry active again. */
    Fstab swapOn() {
        return new Fstab(map(line -> {
            String t = line.stripLeading();
            if (!t.startsWith("#")) return line;
            String entry = t.replaceFirst("^#+\\s*", "");
            return isSwapEntry(entry) ? entry : line;
        }));
    }

    boolean hasActiveSwap() {
        return text.lines().anyMatch(Fstab::isSwapEntry);
    }

    private static boolean isSwapEntry(String line) {
        String[] f = line.strip().split("\\s+");
        return f.length >= 3 && DEVICE.matcher(f[0]).matches() && f[2].equals("swap");
    }

    private String map(java.util.function.UnaryOperator<String> edit) {
        if (text.isEmpty()) return text;
        boolean newline = text.endsWith("\n");
        String body = newline ? text.substring(0, text.length() - 1) : text;
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n", -1)) out.add(edit.apply(line));
        return String.join("\n", out) + (newline ? "\n" : "");
    }
}
