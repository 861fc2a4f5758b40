package dev.rigger.modules.files;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path parameter starting with {@code ~}, expanded on the host as Ansible expands it for the
 * user the task runs as (the connecting user, or the become user): {@code ~} and {@code ~/...}
 * by that user's {@code echo ~}, {@code ~USER/...} by {@code getent passwd USER}. The module's
 * first probe is then this question, and its plan goes on with the expanded parameters.
 */
final class HomePath {
    private HomePath() { }

    static boolean isHome(String path) {
        return path != null && path.startsWith("~");
    }

    /** The user named after the {@code ~}, or "" for the task's own user. */
    private static String user(String path) {
        int slash = path.indexOf('/');
        return path.substring(1, slash < 0 ? path.length() : slash);
    }

    /** The question whose answer expands {@code path}. */
    static Probe probe(String path) {
        String user = user(path);
        return user.isEmpty() ? new Probe.Shell("echo ~") : new Probe.Run(List.of("getent", "passwd", "--", user));
    }

    /** {@code p} with {@code param}'s {@code ~} replaced by the home folder the host answered (one round trip). */
    static Params expanded(Params p, String param, Host host) {
        String path = p.string(param);
        ProbeResult r = host.probe(List.of(probe(path))).get(0);
        String user = user(path);
        String home = null;
        if (r.ok()) {
            String out = r.text().strip();
            home = user.isEmpty() ? out : passwdHome(out);
        }
        if (home == null || !home.startsWith("/")) {
            throw new ModuleException("cannot expand " + Shown.quoted(path) + ": "
                    + (user.isEmpty() ? "the user's home is unknown" : "no user " + Shown.quoted(user) + " on " + host.name())
                    + (r.error().isBlank() ? "" : " (" + r.error().strip() + ")"));
        }
        String rest = path.substring(1 + user.length());
        String full = home.equals("/") && rest.startsWith("/") ? rest : home + rest;
        Map<String, Object> values = new LinkedHashMap<>(p.values());
        values.put(param, full);
        return new Params() {
            @Override public Map<String, Object> values() { return values; }
            @Override public byte[] localFile(String name) { return p.localFile(name); }
            @Override public List<String> localFiles(String name, String folder) { return p.localFiles(name, folder); }
            @Override public String template(String name) { return p.template(name); }
            @Override public String controllerPath(String name) { return p.controllerPath(name); }
            @Override public java.util.Optional<byte[]> controllerFile(String path) { return p.controllerFile(path); }
        };
    }

    private static String passwdHome(String line) {
        String[] f = line.split(":", -1);
        return f.length >= 7 ? f[5] : null;
    }
}
