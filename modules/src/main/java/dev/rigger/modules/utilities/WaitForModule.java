package dev.rigger.modules.utilities;

import dev.rigger.modules.files.PyRegex;
import dev.rigger.spi.Change;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waits, as ansible.builtin.wait_for, until a TCP port on the host (or one it can reach) accepts
 * connections or refuses them, or a file appears (holding a match of search_regex) or goes; or,
 * with neither port nor path, for timeout seconds. Each look is one read-only round trip (a TCP
 * connect by bash's /dev/tcp, the values passed as arguments, or a stat and read); the plan
 * sleeps between looks on the controller and changes nothing.
 */
public final class WaitForModule implements Module {
    /** One connection attempt; HOST and PORT arrive as arguments, never as script text. */
    private static final String CONNECT = "exec 3<>\"/dev/tcp/$1/$2\"";
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("host").defaultValue("127.0.0.1").singleLine().notEmpty().doc("the address to connect to from the managed host"))
            .add(Param.integer("port").doc("a TCP port to wait for"))
            .add(Param.string("path").doc("a file to wait for (or, with state=absent, to go)"))
            .add(Param.string("search_regex").doc("with path: wait until the file holds a match (Python regular expression, multi-line)"))
            .add(Param.choice("state", "started", "stopped", "present", "absent", "drained").defaultValue("started")
                    .doc("started/present: open port or existing file; stopped/absent: closed port or no file; drained is refused"))
            .add(Param.integer("timeout").defaultValue(300).doc("seconds to wait at most; then the task fails"))
            .add(Param.integer("delay").defaultValue(0).doc("seconds to wait before the first look"))
            .add(Param.integer("sleep").defaultValue(1).doc("seconds between looks"))
            .add(Param.integer("connect_timeout").defaultValue(5).doc("seconds one connection attempt may take"))
            .add(Param.string("msg").doc("the failure message instead of Ansible's"))
            .add(Param.list("exclude_hosts").doc("only for state=drained, which is refused"))
            .add(Param.list("active_connection_states").doc("only for state=drained, which is refused"))
            .mutuallyExclusive("port", "path")
            .build();

    @Override public String name() { return "wait_for"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.wait_for"); }
    @Override public String summary() { return "Wait for a port to open or close, or a file to appear (with a match) or go"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- wait_for:\n    port: 8080\n    timeout: 60\n"
                + "- wait_for:\n    path: /var/log/app.log\n    search_regex: 'started in (\\d+) ms'";
    }

    @Override
    public Change plan(Params p, Host host) {
        String state = p.string("state");
        boolean port = p.has("port");
        boolean path = p.has("path");
        if (path && state.equals("stopped")) throw new ModuleException("state=stopped should only be used for checking a port in the wait_for module");
        if (state.equals("drained") || p.has("exclude_hosts")) {
            throw new ModuleException("state=drained is not supported by Rigger's wait_for (it reads the host's connection table)");
        }
        if (port && p.has("search_regex")) throw new ModuleException("search_regex with port (reading what the port sends) is not supported by Rigger's wait_for");
        if (path && !p.string("path").startsWith("/")) throw new ModuleException("path must be absolute: " + p.string("path"));
        if (port && (p.integer("port") < 1 || p.integer("port") > 65535)) throw new ModuleException("port must be 1-65535: " + p.integer("port"));
        for (String n : List.of("timeout", "delay", "sleep", "connect_timeout")) {
            if (p.integer(n) < 0) throw new ModuleException(n + " must not be negative: " + p.integer(n));
        }
        Pattern regex = p.has("search_regex") ? PyRegex.compile("search_regex", p.string("search_regex"), Pattern.MULTILINE) : null;
        boolean want = state.equals("started") || state.equals("present");   // there / open, or gone / closed
        long start = System.nanoTime();
        sleep(p.integer("delay"));
        long deadline = start + p.integer("timeout") * 1_000_000_000L;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        if (port) out.put("port", p.integer("port"));
        if (path) out.put("path", p.string("path"));
        if (regex != null) out.put("search_regex", p.string("search_regex"));
        if (!port && !path) {
            sleep(p.integer("timeout"));
            out.put("elapsed", elapsed(start));
            return Change.none(out);
        }
        FileState f = null;
        while (true) {
            Matcher found = null;
            boolean reached;
            if (port) {
                ProbeResult r = host.probe(List.of(new Probe.Run(List.of("timeout", String.valueOf(Math.max(1, p.integer("connect_timeout"))),
                        "bash", "-c", CONNECT, "wait_for", p.string("host"), String.valueOf(p.integer("port")))))).get(0);
                if (r.exitCode() == 127) throw new ModuleException("wait_for needs bash and timeout on the host: " + r.error().trim());
                reached = r.ok() == want;
            } else {
                List<Probe> probes = new ArrayList<>(List.of(new Probe.Stat(p.string("path"))));
                if (regex != null && want) probes.add(new Probe.Read(p.string("path")));
                List<ProbeResult> r = host.probe(probes);
                f = r.get(0).fileState();
                boolean exists = f != null && f.exists();
                if (!want) {
                    reached = !exists;
                } else if (regex == null) {
                    reached = exists;
                } else {
                    reached = false;
                    if (exists && r.get(1).ok()) {
                        Matcher m = regex.matcher(new String(r.get(1).output(), StandardCharsets.UTF_8));
                        if (m.find()) {
                            found = m;
                            reached = true;
                        }
                    }
                }
            }
            if (reached) {
                if (found != null) {
                    List<String> groups = new ArrayList<>();
                    for (int g = 1; g <= found.groupCount(); g++) groups.add(found.group(g));
                    out.put("match_groups", groups);
                    out.put("match_groupdict", Map.of());
                }
                if (path) pathInfo(out, f);
                out.put("elapsed", elapsed(start));
                return Change.none(out);
            }
            if (System.nanoTime() >= deadline) throw new ModuleException(p.optional("msg").orElse(timeoutMessage(p, state, regex != null)));
            sleep(Math.min(p.integer("sleep"), (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L) + 1));
        }
    }

    /**
     * What Ansible's exit_json adds to any result that names a path (add_path_info): the path's
     * type as {@code state}, and its mode, owner, group and size when it exists.
     */
    private static void pathInfo(Map<String, Object> out, FileState f) {
        if (f == null || !f.exists()) {
            out.put("state", "absent");
            return;
        }
        out.put("state", switch (f.type()) {
            case FILE -> "file";
            case DIRECTORY -> "directory";
            case LINK -> "link";
            default -> "file";
        });
        out.put("mode", FileState.octal(f.mode() & 07777));
        out.put("owner", f.owner());
        out.put("group", f.group());
        out.put("size", f.size());
    }

    /** Ansible's messages, with the elapsed time left to the registered result. */
    private static String timeoutMessage(Params p, String state, boolean regex) {
        boolean there = state.equals("started") || state.equals("present");
        if (p.has("port")) {
            String where = p.string("host") + ":" + p.integer("port");
            return there ? "Timeout when waiting for " + where : "Timeout when waiting for " + where + " to stop.";
        }
        if (!there) return "Timeout when waiting for " + p.string("path") + " to be absent.";
        return regex ? "Timeout when waiting for search string " + p.string("search_regex") + " in " + p.string("path")
                : "Timeout when waiting for file " + p.string("path");
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    private static void sleep(int seconds) {
        if (seconds <= 0) return;
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("wait_for was interrupted");
        }
    }
}
