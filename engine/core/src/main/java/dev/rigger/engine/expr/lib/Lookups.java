package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * lookup() / query(): the env, file, template, vars, varnames, first_found, fileglob, items, list and
 * (opt-in) pipe plugins, with Ansible's wantlist and errors= handling and its joining of string results;
 * and the same plugins as {@code with_<lookup>} loops ({@link #forLoop}).
 */
public final class Lookups {
    private Lookups() {}

    static final long MAX_FILE = 1 << 20;
    private static final long PIPE_SECONDS = 30;

    private interface Plugin {
        List<Object> run(List<Object> terms, Map<String, Object> options, Context ctx);
    }

    /** Raised by a plugin for an error that errors='ignore'/'warn' may swallow. */
    private static final class LookupError extends EvalException {
        LookupError(String message) {
            super(message);
        }
    }

    private static final Map<String, Plugin> PLUGINS = Map.of(
            "env", Lookups::env,
            "file", Lookups::file,
            "template", Lookups::template,
            "vars", Lookups::vars,
            "varnames", Lookups::varnames,
            "first_found", (terms, o, c) -> firstFound(terms, o, c, "files"),
            "fileglob", Lookups::fileglob,
            "items", Lookups::items,
            "list", (terms, o, c) -> new ArrayList<>(terms),
            "pipe", Lookups::pipe);

    /** The plugins' names (with_NAME runs each as a loop). */
    public static java.util.Set<String> names() {
        return PLUGINS.keySet();
    }

    /**
     * A {@code with_<name>} loop's items, as Ansible's task executor makes them: the plugin run on the
     * loop's terms with no options, as a list; {@code first_found} looks in {@code subdir} (Ansible
     * gives it vars for include_vars, templates for template, files otherwise).
     */
    public static List<Object> forLoop(String name, List<Object> terms, String subdir, Context ctx) {
        Plugin plugin = name.equals("first_found") ? (t, o, c) -> firstFound(t, o, c, subdir) : PLUGINS.get(name);
        if (plugin == null) throw new EvalException("lookup plugin (" + name + ") not found");
        return plugin.run(new ArrayList<>(terms), new LinkedHashMap<>(), ctx);
    }

    static Object lookup(Args a, Context ctx, boolean query) {
        if (a.positional().isEmpty()) throw new EvalException((query ? "query" : "lookup") + "() needs the name of a lookup plugin");
        String name = Vals.str(a.positional().get(0));
        if (name.startsWith("ansible.builtin.")) name = name.substring("ansible.builtin.".length());
        Plugin plugin = PLUGINS.get(name);
        if (plugin == null) throw new EvalException("lookup plugin (" + name + ") not found");
        Map<String, Object> options = new LinkedHashMap<>(a.named());
        boolean wantlist = query || Py.truthy(options.containsKey("wantlist") ? options.remove("wantlist") : false);
        String errors = Vals.str(options.containsKey("errors") ? options.remove("errors") : "strict");
        List<Object> terms = new ArrayList<>();
        for (Object t : a.positional().subList(1, a.positional().size())) terms.add(Vals.defined(t));
        List<Object> ran;
        try {
            ran = plugin.run(terms, options, ctx);
        } catch (LookupError e) {
            if (errors.equals("ignore") || errors.equals("warn")) return wantlist ? new ArrayList<>() : null;
            throw e;
        }
        if (wantlist || ran.isEmpty()) return ran;
        if (ran.stream().allMatch(x -> x instanceof String)) {
            List<String> strs = new ArrayList<>();
            for (Object x : ran) strs.add((String) x);
            return String.join(",", strs);
        }
        return ran.size() == 1 ? ran.get(0) : ran;
    }

    private static void noOptions(String plugin, Map<String, Object> options, String... allowed) {
        for (String k : options.keySet()) {
            if (!List.of(allowed).contains(k)) {
                throw new EvalException("Unrecognized option '" + k + "' for the " + plugin + " lookup");
            }
        }
    }

    private static List<Object> env(List<Object> terms, Map<String, Object> options, Context ctx) {
        noOptions("env", options, "default");
        Object dflt = options.getOrDefault("default", "");
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            List<Object> words = PyStr.split(Vals.requireStr(t, "an env lookup term"), null, -1);
            if (words.isEmpty()) throw new EvalException("the env lookup needs a variable name");
            String v = System.getenv((String) words.get(0));
            out.add(v != null ? v : dflt);
        }
        return out;
    }

    /**
     * Ansible's search (find_file_in_search_path): for each folder of the search path, then the
     * playbook's, &lt;folder&gt;/&lt;subdir&gt;/name (unless name starts with subdir), then
     * &lt;folder&gt;/name; an absolute path as it is.
     */
    static Path find(Context ctx, String subdir, String name) {
        Path p = Path.of(name);
        List<Path> candidates = new ArrayList<>();
        if (p.isAbsolute()) {
            candidates.add(p);
        } else {
            for (Path base : searchPath(ctx)) {
                if (!name.split("/", 2)[0].equals(subdir)) candidates.add(base.resolve(subdir).resolve(name));
                candidates.add(base.resolve(name));
            }
        }
        for (Path c : candidates) {
            if (Files.exists(c)) return c.normalize();
        }
        return null;
    }

    /** The task's search path, then the playbook's folder (Ansible's last resort). */
    private static List<Path> searchPath(Context ctx) {
        java.util.LinkedHashSet<Path> out = new java.util.LinkedHashSet<>(ctx.searchPath());
        out.add(ctx.baseDir() != null ? ctx.baseDir() : Path.of("").toAbsolutePath());
        return new ArrayList<>(out);
    }

    /**
     * Ansible's fileglob: files (not folders) matching each term's last part; a term with a folder
     * globs in that folder as found on the search path (its files/ first), a bare pattern in each
     * search folder's files/, then the folder itself, stopping at the first that matches. Python's
     * glob gives directory order; Rigger sorts, so a run is repeatable.
     */
    private static List<Object> fileglob(List<Object> terms, Map<String, Object> options, Context ctx) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String term = Vals.str(t);
            int slash = term.lastIndexOf('/');
            String pattern = term.substring(slash + 1);
            List<Path> dirs = new ArrayList<>();
            if (slash >= 0) {
                Path d = find(ctx, "files", slash == 0 ? "/" : term.substring(0, slash));
                if (d != null) dirs.add(d);
            } else {
                for (Path base : ctx.searchPath().isEmpty() ? List.of(searchPath(ctx).get(0)) : ctx.searchPath()) {
                    dirs.add(base.resolve("files"));
                    dirs.add(base);
                }
            }
            java.nio.file.PathMatcher m;
            try {
                m = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            } catch (IllegalArgumentException e) {
                continue;   // Python's glob matches nothing with a pattern it cannot read
            }
            for (Path d : dirs) {
                if (!Files.isDirectory(d)) continue;
                List<String> found = new ArrayList<>();
                try (java.util.stream.Stream<Path> files = Files.list(d)) {
                    files.filter(f -> Files.isRegularFile(f) && m.matches(f.getFileName())
                                    && (pattern.startsWith(".") || !f.getFileName().toString().startsWith(".")))
                            .forEach(f -> found.add(f.toString()));
                } catch (IOException e) {
                    continue;
                }
                if (!found.isEmpty()) {
                    java.util.Collections.sort(found);
                    Vals.charge(ctx, found.size());
                    out.addAll(found);
                    break;
                }
            }
        }
        return out;
    }

    static String read(Path p, String what) {
        if (!Files.isRegularFile(p)) throw new LookupError("the " + what + " lookup reads regular files only: " + p);
        try {
            if (Files.size(p) > MAX_FILE) {
                throw new LookupError("the " + what + " lookup refuses " + p + ": larger than " + (MAX_FILE >> 20) + " MiB");
            }
            try (InputStream in = Files.newInputStream(p)) {
                byte[] bytes = in.readNBytes((int) MAX_FILE + 1);
                if (bytes.length > MAX_FILE) throw new LookupError("the " + what + " lookup refuses " + p + ": larger than 1 MiB");
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new LookupError("the " + what + " lookup could not read " + p + ": " + e.getMessage());
        }
    }

    private static List<Object> file(List<Object> terms, Map<String, Object> options, Context ctx) {
        noOptions("file", options, "lstrip", "rstrip");
        boolean lstrip = Py.truthy(options.getOrDefault("lstrip", false));
        boolean rstrip = Py.truthy(options.getOrDefault("rstrip", true));
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String name = Vals.str(t);
            Path p = find(ctx, "files", name);
            if (p == null) throw new LookupError("could not locate file in lookup: " + name);
            String s = read(p, "file");
            Vals.charge(ctx, s.length());
            out.add(PyStr.strip(s, null, lstrip, rstrip));
        }
        return out;
    }

    private static List<Object> template(List<Object> terms, Map<String, Object> options, Context ctx) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String name = Vals.str(t);
            Path p = find(ctx, "templates", name);
            if (p == null) throw new LookupError("the template file " + name + " could not be found for the lookup");
            String text = read(p, "template");
            Vals.charge(ctx, text.length());
            out.add(ctx.renderTemplate(text, p.toString()));
        }
        return out;
    }

    private static List<Object> vars(List<Object> terms, Map<String, Object> options, Context ctx) {
        noOptions("vars", options, "default");
        Object dflt = options.get("default");
        Map<String, Object> vars = ctx.variables();
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (!(t instanceof String name)) {
                throw new EvalException("Invalid setting identifier, \"" + Py.str(t) + "\" is not a string, its a <class '" + Py.typeName(t) + "'>");
            }
            if (vars.containsKey(name)) out.add(vars.get(name));
            else if (dflt != null) out.add(dflt);
            else throw new EvalException("No variable found with this name: " + name);
        }
        return out;
    }

    /** Names of the variables a regex matches at their start (Python's re.match), in no promised order. */
    private static List<Object> varnames(List<Object> terms, Map<String, Object> options, Context ctx) {
        noOptions("varnames", options);
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (!(t instanceof String regex)) {
                throw new EvalException("Invalid setting identifier, \"" + Py.str(t) + "\" is not a string, it is a " + Py.typeName(t));
            }
            com.google.re2j.Pattern p = Regexes.compile(regex, 0);
            for (String name : new java.util.TreeSet<>(ctx.variables().keySet())) {
                ctx.budget().tick();
                if (p.matcher(name).lookingAt()) out.add(name);
            }
        }
        return out;
    }

    private static List<Object> items(List<Object> terms, Map<String, Object> options, Context ctx) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (t instanceof List<?> l) out.addAll(l);
            else out.add(t);
        }
        Vals.charge(ctx, out.size());
        return out;
    }

    private static List<Object> firstFound(List<Object> terms, Map<String, Object> options, Context ctx, String subdir) {
        List<String> search = new ArrayList<>();
        boolean skip = collect(terms, options, search, ctx, 0);
        for (String fn : search) {
            Path p = find(ctx, subdir, fn);
            if (p != null) return new ArrayList<>(List.of(p.toAbsolutePath().toString()));
        }
        if (skip) return new ArrayList<>();
        throw new LookupError("No file was found when using first_found.");
    }

    private static boolean collect(List<Object> terms, Map<String, Object> kwargs, List<String> search, Context ctx, int depth) {
        if (depth > 20) throw new EvalException("first_found: terms nested too deeply");
        boolean skip = false;
        for (Object term : terms) {
            Map<?, ?> opts;
            if (term instanceof Map<?, ?> m) opts = m;
            else if (term instanceof String) opts = kwargs;
            else if (term instanceof List<?> l) {
                skip = collect(new ArrayList<>(l), kwargs, search, ctx, depth + 1);
                continue;
            } else {
                throw new LookupError("Invalid term supplied, can handle string, mapping or list of strings but got: "
                        + Py.typeName(term) + " for " + Py.str(term));
            }
            List<String> files = splitOn(opts.get("files"), ",;");
            List<String> paths = splitOn(opts.get("paths"), ",:;");
            skip = Py.truthy(opts.get("skip") == null ? false : opts.get("skip"));
            if (!paths.isEmpty()) {
                for (String path : paths) {
                    for (String fn : files) search.add(fn.startsWith("/") ? fn : path.endsWith("/") ? path + fn : path + "/" + fn);
                }
            } else if (!files.isEmpty()) {
                search.clear();
                search.addAll(files);
            } else {
                search.add((String) term);
            }
        }
        return skip;
    }

    private static List<String> splitOn(Object v, String seps) {
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        List<Object> items = v instanceof List<?> l ? new ArrayList<>(l) : List.of(v);
        for (Object item : items) {
            StringBuilder cur = new StringBuilder();
            for (char ch : Vals.str(item).toCharArray()) {
                if (seps.indexOf(ch) >= 0) {
                    out.add(cur.toString().strip());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            out.add(cur.toString().strip());
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static List<Object> pipe(List<Object> terms, Map<String, Object> options, Context ctx) {
        if (!ctx.pipeAllowed()) {
            throw new EvalException("lookup('pipe', ...) runs a command on the control machine and is off by default; "
                    + "run rigger with --allow-pipe-lookup to allow it");
        }
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String cmd = Vals.str(t);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            if (ctx.baseDir() != null) pb.directory(ctx.baseDir().toFile());
            try {
                Process p = pb.start();
                p.getOutputStream().close();
                java.util.concurrent.CompletableFuture<byte[]> stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try (InputStream in = p.getInputStream()) {
                        return in.readNBytes((int) MAX_FILE + 1);
                    } catch (IOException e) {
                        return new byte[0];
                    }
                });
                if (!p.waitFor(PIPE_SECONDS, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new LookupError("lookup_plugin.pipe(" + cmd + ") did not finish in " + PIPE_SECONDS + " s");
                }
                byte[] bytes = stdout.get(PIPE_SECONDS, TimeUnit.SECONDS);
                if (bytes.length > MAX_FILE) throw new LookupError("lookup_plugin.pipe(" + cmd + ") printed more than 1 MiB");
                if (p.exitValue() != 0) throw new LookupError("lookup_plugin.pipe(" + cmd + ") returned " + p.exitValue());
                String s = new String(bytes, StandardCharsets.UTF_8);
                Vals.charge(ctx, s.length());
                out.add(PyStr.strip(s, null, false, true));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new LookupError("lookup_plugin.pipe(" + cmd + ") output could not be read: " + e);
            } catch (IOException e) {
                throw new LookupError("lookup_plugin.pipe(" + cmd + ") could not start: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvalException("interrupted while running lookup_plugin.pipe(" + cmd + ")");
            }
        }
        return out;
    }
}
