package dev.rigger.engine.exec;

import dev.rigger.spi.FileState;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Packs several probes into one shell script (one round trip) and unpacks the answers. After
 * each answer the script prints a boundary line on stdout (with the exit code) and on stderr;
 * the boundary is random per script, so no file content can forge it, and the framing costs
 * only shell builtins: no temporary files, no extra processes per probe. Every {@link
 * Probe.Stat} of the batch is answered together by one {@code stat} and one {@code sha256sum}
 * (a batch stats dozens of files: two processes instead of two per file).
 *
 * <p>A script may begin with a step ({@link #afterStep}): the step runs first, framed like an
 * answer but with the round trip's stdin, and the probes are asked only when it succeeded. That
 * is how a change's last step and the plan that proves it converged share one round trip.
 */
final class ProbeScript {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String STAT_FORMAT = "%F|%a|%U|%G|%s|%n\\0";

    private final String step;
    private final List<Probe> probes;
    private final List<String> statPaths;
    private final String boundary;

    private ProbeScript(String step, List<Probe> probes, String boundary) {
        this.step = step;
        this.probes = List.copyOf(probes);
        this.statPaths = List.copyOf(probes.stream().filter(p -> p instanceof Probe.Stat)
                .map(p -> ((Probe.Stat) p).path()).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        this.boundary = boundary;
    }

    static ProbeScript of(List<Probe> probes) {
        return new ProbeScript(null, probes, boundary());
    }

    /** {@code step} (a shell script, run in a subshell so its exit or traps stay its own), then {@code probes} if it succeeded. */
    static ProbeScript afterStep(String step, List<Probe> probes) {
        return new ProbeScript(step, probes, boundary());
    }

    private static String boundary() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "@@RIGGER-" + HexFormat.of().formatHex(b);
    }

    String text() {
        // one function ends every frame: the boundary and exit code once per answer, not spelled out
        StringBuilder sb = new StringBuilder("rigger_end() { r=$?; printf '\\n%s %s\\n' ").append(boundary)
                .append(" \"$r\"; printf '\\n%s\\n' ").append(boundary).append(" >&2; }\n");
        if (step != null) {
            framed(sb, "( " + step + "\n)", "");
            sb.append("[ \"$r\" -eq 0 ] || exit \"$r\"\n");
        }
        if (!statPaths.isEmpty()) {
            // the paths once, as quoted words; each frame makes them its arguments again and
            // filters them in place (for's list is expanded once; shift drops each original)
            sb.append("rigger_paths=").append(ShellQuote.quote(ShellQuote.join(statPaths))).append('\n');
            String each = "eval \"set -- $rigger_paths\"; for p do ";
            frame(sb, each + "if [ -e \"$p\" ] || [ -L \"$p\" ]; then printf E; else printf A; fi; done");
            frame(sb, each + "shift; if [ -e \"$p\" ] || [ -L \"$p\" ]; then set -- \"$@\" \"$p\"; fi; done\n"
                    + "[ $# -eq 0 ] || stat --printf '" + STAT_FORMAT + "' -- \"$@\"");
            // sha256sum escapes a name holding '\\' or a newline (and marks the line with '\\'): parsed so
            frame(sb, each + "shift; if [ -f \"$p\" ] && [ ! -L \"$p\" ]; then set -- \"$@\" \"$p\"; fi; done\n"
                    + "[ $# -eq 0 ] || sha256sum -- \"$@\"");
            frame(sb, each + "if [ -L \"$p\" ]; then readlink -- \"$p\"; fi; printf '\\0'; done");
        }
        for (Probe p : probes) {
            if (!(p instanceof Probe.Stat)) frame(sb, command(p));
        }
        return sb.toString();
    }

    // the leading newline ends a last line that has none; the parser takes it off again
    private void frame(StringBuilder sb, String command) {
        framed(sb, "{ " + command + "\n}", " </dev/null");
    }

    private static void framed(StringBuilder sb, String group, String redirect) {
        sb.append(group).append(redirect).append("; rigger_end\n");
    }

    private static String command(Probe p) {
        if (p instanceof Probe.Run r) return ShellQuote.join(r.argv());
        // a subshell: the snippet's own variables (and an exit) must not reach the framing
        if (p instanceof Probe.Shell s) return "( " + s.script() + "\n)";
        Probe.Read r = (Probe.Read) p;
        return "cat -- " + ShellQuote.quote(r.path());
    }

    /** The answers, in the order of the probes; throws when the output was cut short. */
    List<ProbeResult> parse(byte[] out, byte[] err) {
        return answers(new Frames(out, err, boundary));
    }

    /** A step's answer, and the probes' (null when the step failed or they were cut short). */
    record AfterStep(ProbeResult step, List<ProbeResult> answers) { }

    /**
     * For a script {@linkplain #afterStep with a step}: its answers, or null when even the
     * step's frame is missing (the command was killed).
     */
    AfterStep parseAfterStep(byte[] out, byte[] err) {
        Frames frames = new Frames(out, err, boundary);
        ProbeResult step;
        try {
            step = frames.next();
        } catch (IllegalStateException killed) {
            return null;
        }
        if (step.exitCode() != 0) return new AfterStep(step, null);
        try {
            return new AfterStep(step, answers(frames));
        } catch (IllegalStateException cutShort) {
            return new AfterStep(step, null);
        }
    }

    private List<ProbeResult> answers(Frames frames) {
        Map<String, ProbeResult> stats = statPaths.isEmpty() ? Map.of() : stats(frames);
        List<ProbeResult> results = new ArrayList<>();
        for (Probe p : probes) {
            results.add(p instanceof Probe.Stat s ? stats.get(s.path()) : frames.next());
        }
        return results;
    }

    /** The FileState of every Stat path, from the four frames the script began with. */
    private Map<String, ProbeResult> stats(Frames frames) {
        ProbeResult exists = frames.next();
        ProbeResult stat = frames.next();
        ProbeResult sums = frames.next();
        ProbeResult links = frames.next();
        Map<String, String> records = new HashMap<>();
        for (String rec : new String(stat.output(), StandardCharsets.UTF_8).split("\0")) {
            String[] f = rec.split("\\|", 6);
            if (f.length == 6) records.put(f[5], rec);
        }
        Map<String, String> digests = digests(new String(sums.output(), StandardCharsets.UTF_8));
        String[] targets = new String(links.output(), StandardCharsets.UTF_8).split("\0", -1);
        String flags = exists.text();
        Map<String, ProbeResult> out = new HashMap<>();
        for (int i = 0; i < statPaths.size(); i++) {
            String path = statPaths.get(i);
            String rec = records.get(path);
            if (i < flags.length() && flags.charAt(i) == 'A') {
                out.put(path, new ProbeResult(0, "ABSENT\n".getBytes(StandardCharsets.US_ASCII), "", FileState.absent(path)));
            } else if (rec == null || flags.length() != statPaths.size()) {
                out.put(path, new ProbeResult(1, new byte[0], errorsAbout(path, stat.error()), null));
            } else {
                String target = i < targets.length ? targets[i] : "";
                out.put(path, state(path, rec, digests.get(path), target.endsWith("\n") ? target.substring(0, target.length() - 1) : target,
                        errorsAbout(path, sums.error())));
            }
        }
        return out;
    }

    private static ProbeResult state(String path, String rec, String sha, String target, String error) {
        String[] f = rec.split("\\|", 6);
        FileState.Type type = switch (f[0]) {
            case "regular file", "regular empty file" -> FileState.Type.FILE;
            case "directory" -> FileState.Type.DIRECTORY;
            case "symbolic link" -> FileState.Type.LINK;
            default -> FileState.Type.OTHER;
        };
        if (type == FileState.Type.FILE && sha == null) {
            // stat saw it but it cannot be read: as before, the probe fails with the reason
            return new ProbeResult(1, rec.getBytes(StandardCharsets.UTF_8), error, null);
        }
        return new ProbeResult(0, rec.getBytes(StandardCharsets.UTF_8), "", new FileState(path, type, Integer.parseInt(f[1], 8),
                f[2], f[3], Long.parseLong(f[4]), type == FileState.Type.FILE ? sha : null,
                type == FileState.Type.LINK ? target : null));
    }

    /** sha256sum's lines by file name; a line starting with '\\' has its name escaped. */
    private static Map<String, String> digests(String text) {
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            boolean escaped = line.startsWith("\\");
            String l = escaped ? line.substring(1) : line;
            if (l.length() < 67) continue;
            String name = l.substring(66);
            m.put(escaped ? unescape(name) : name, l.substring(0, 64));
        }
        return m;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String errorsAbout(String path, String stderr) {
        return stderr.lines().filter(l -> l.contains(path)).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Walks the framed answers in order. */
    private static final class Frames {
        private final byte[] out;
        private final byte[] err;
        private final byte[] outMark;
        private final byte[] errMark;
        private int o;
        private int e;
        private int count;

        Frames(byte[] out, byte[] err, String boundary) {
            this.out = out;
            this.err = err;
            this.outMark = ("\n" + boundary + " ").getBytes(StandardCharsets.US_ASCII);
            this.errMark = ("\n" + boundary + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        ProbeResult next() {
            int om = indexOf(out, outMark, o);
            int em = indexOf(err, errMark, e);
            int eol = om < 0 ? -1 : indexOf(out, new byte[]{'\n'}, om + outMark.length);
            if (om < 0 || em < 0 || eol < 0) throw new IllegalStateException("probe output cut short after " + count + " answers");
            int rc = Integer.parseInt(new String(out, om + outMark.length, eol - om - outMark.length, StandardCharsets.US_ASCII).trim());
            ProbeResult r = ProbeResult.of(rc, Arrays.copyOfRange(out, o, om), new String(err, e, em - e, StandardCharsets.UTF_8));
            o = eol + 1;
            e = em + errMark.length;
            count++;
            return r;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
