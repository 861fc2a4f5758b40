package dev.rigger.modules.fuzz;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where fuzzed paths may point on the lab host. Values are data, so a path the module is told to
 * delete is deleted: {@code file: {path: /tmp/rigger-fuzz/a/../../.., state: absent}} is
 * {@code rm -rf /}, and the lab's hosts share the machine's root. So every path parameter must
 * stay strictly below {@link #ROOT} once {@code ..} is resolved (or be one bare name, which lands
 * in the login folder), and symlinks are removed after every input so no later path can resolve
 * through one to outside.
 */
final class Sandbox {
    static final String ROOT = "/tmp/rigger-fuzz";
    /** Folders deep enough that a few {@code ../} stay inside. */
    static final String DEEP = ROOT + "/a/b/c/d";

    private Sandbox() { }

    /** True when {@code path} resolves strictly below {@link #ROOT}, or is a bare name. */
    static boolean confined(String path) {
        if (!path.startsWith("/")) return !path.contains("/") && !path.equals(".") && !path.equals("..") && !path.isEmpty();
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/", -1)) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (parts.isEmpty()) return false;
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        String resolved = "/" + String.join("/", parts);
        return resolved.startsWith(ROOT + "/");
    }

    /** A fresh sandbox, the trap and a few files for modules to edit. */
    static String prepare(Hostile h) {
        return "rm -rf " + ROOT + " /tmp/rigger-trap && mkdir -p " + DEEP + "/dir " + ROOT + "/a/b/new " + ROOT + "/esc /tmp/rigger-trap"
                + " && printf 'x=1\\n# keep\\n' > " + ROOT + "/a/app.conf && cp " + ROOT + "/a/app.conf " + DEEP + "/app.conf && cp " + DEEP + "/app.conf " + DEEP + "/f"
                + " && printf '#!/bin/sh\\ntouch " + h.canary + "\\n' > " + Hostile.TRAP + " && chmod 755 " + Hostile.TRAP;
    }

    /**
     * After each input: prints where an injected {@code touch} landed (the canary's own path, or
     * the login folder for a relative one), and removes every symlink the input left. Only exact
     * paths count: a fuzzed path may legitimately name a file {@code .../tmp/rgcanary-...} inside
     * the sandbox.
     */
    static String check(Hostile h) {
        return "for f in " + h.canary + " /root/" + h.name + "; do if [ -e \"$f\" ]; then echo \"$f\"; fi; done; "
                + "find " + ROOT + " /root -type l -delete 2>/dev/null; true";
    }

    /** Once at the end: the canary's name anywhere a command could have run, outside the sandbox. */
    static String sweep(Hostile h) {
        return "find /tmp /root /etc /var /opt /run -name '" + h.name + "' -not -path '" + ROOT + "/*' 2>/dev/null; true";
    }
}
