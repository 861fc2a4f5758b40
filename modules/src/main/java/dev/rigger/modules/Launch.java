package dev.rigger.modules;

import java.util.ArrayList;
import java.util.List;

/**
 * argv that runs a command in a folder or under a umask, for modules that need either: a tiny
 * {@code sh} script whose values are positional arguments, never script text, so no value is
 * ever parsed by a shell. The one way modules do this (command/shell chdir, git umask, pip).
 */
public final class Launch {
    private static final String IN_DIR = "cd -- \"$1\" && shift && exec \"$@\"";
    private static final String WITH_UMASK = "umask \"$1\" && shift && exec \"$@\"";

    private Launch() { }

    /** {@code argv} run inside {@code dir} (as it is when {@code dir} is null); fails as cd does when it cannot enter. */
    public static List<String> inDir(String dir, List<String> argv) {
        return dir == null ? argv : prefixed(List.of("/bin/sh", "-c", IN_DIR, "sh", dir), argv);
    }

    /** {@code argv} run under {@code umask} (octal, as the umask builtin takes it; as it is when null). */
    public static List<String> withUmask(String umask, List<String> argv) {
        return umask == null ? argv : prefixed(List.of("/bin/sh", "-c", WITH_UMASK, "sh", umask), argv);
    }

    private static List<String> prefixed(List<String> wrapper, List<String> argv) {
        List<String> out = new ArrayList<>(wrapper);
        out.addAll(argv);
        return out;
    }
}
