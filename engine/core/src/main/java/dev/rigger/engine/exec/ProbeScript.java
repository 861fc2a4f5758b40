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
 * (a batch stats dozens of files: two processes instead of two per file). Likewise every
 * {@link Probe.Read} of a regular file is answered by one {@code cat} of them all, cut apart by
 * the sizes that {@code stat} gave; a file that changed in between makes the batch inconsistent,
 * and those reads are answered null for the caller to ask again ({@link #withoutBatchedReads}).
 *
 * <p>A script may begin with a step ({@link #afterStep}): the step runs first, framed like an
 * answer but with the round trip's stdin, and the probes are asked only when it succeeded. That
 * is how a change's last step and the plan that proves it converged share one round trip.
 *
 * <p>Commands asked for different tasks may run at the same time ({@link #inLanes}): each task's
 * own commands stay in order in one lane (a module may rely on it: yum 3 expires its cache, then
 * lists), at most {@link #LANES} lanes run together, each answer is written to a file of its own
 * in a temporary directory and the files are printed in the probes' order, so the answers and
 * their framing are exactly as if they had run one after another. A host where mktemp fails runs
 * them one after another.
 */
final class ProbeScript {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String STAT_FORMAT = "%F|%a|%U|%G|%s|%n\\0";
    /**
     * Lanes running at once: a round trip's commands are mostly short reads (kubectl get,
     * systemctl show); four overlap their waits without crowding a small host.
     */
    static final int LANES = 4;

    /** Files whose size says nothing of their content (/proc's read as 0 bytes): always a cat of their own. */
    private static final List<String> PSEUDO = List.of("/proc/", "/sys/", "/dev/");

    private final String step;
    private final List<Probe> probes;
    private final List<String> statPaths;
    /** Read paths answered by one cat together; empty unless two or more can be. */
    private final List<String> readPaths;
    private final String boundary;
    /** The lane of each probe (a task's number), or null: one lane. */
    private final List<Integer> lanes;

    private ProbeScript(String step, List<Probe> probes, List<Integer> lanes, boolean batchReads, String boundary) {
        if (lanes != null && lanes.size() != probes.size()) throw new IllegalArgumentException("one lane per probe");
        this.step = step;
        this.probes = List.copyOf(probes);
        this.lanes = lanes == null ? null : List.copyOf(lanes);
        this.statPaths = distinctPaths(probes, Probe.Stat.class);
        List<String> reads = batchReads ? distinctPaths(probes, Probe.Read.class).stream()
                .filter(path -> PSEUDO.stream().noneMatch(path::startsWith)).toList() : List.of();
        this.readPaths = reads.size() < 2 ? List.of() : reads;
        this.boundary = boundary;
    }

    private static List<String> distinctPaths(List<Probe> probes, Class<? extends Probe> kind) {
        return List.copyOf(probes.stream().filter(kind::isInstance)
                .map(p -> p instanceof Probe.Stat st ? st.path() : ((Probe.Read) p).path())
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
    }

    static ProbeScript of(List<Probe> probes) {
        return new ProbeScript(null, probes, null, true, boundary());
    }

    /**
     * As {@link #of}, the commands of different lanes ({@code lanes}: one number per probe, a
     * task's) run at the same time, those of one lane in order.
     */
    static ProbeScript inLanes(List<Probe> probes, List<Integer> lanes) {
        return new ProbeScript(null, probes, lanes, true, boundary());
    }

    /** Every read a cat of its own: to ask again what an inconsistent batch could not answer. */
    static ProbeScript withoutBatchedReads(List<Probe> probes) {
        return new ProbeScript(null, probes, null, false, boundary());
    }

    /** {@code step} (a shell script, run in a subshell so its exit or traps stay its own), then {@code probes} if it succeeded. */
    static ProbeScript afterStep(String step, List<Probe> probes) {
        return new ProbeScript(step, probes, null, true, boundary());
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
        if (!statPaths.isEmpty() || !readPaths.isEmpty()) {
            // the paths once, as quoted words; each frame makes them its arguments again and
            // filters them in place (for's list is expanded once; shift drops each original)
            sb.append("rigger_paths=").append(ShellQuote.quote(ShellQuote.join(statPaths))).append('\n');
            List<String> sizedOnly = readPaths.stream().filter(path -> !statPaths.contains(path)).toList();
            sb.append("rigger_sized=").append(ShellQuote.quote(ShellQuote.join(sizedOnly))).append('\n');
            String each = "eval \"set -- $rigger_paths\"; for p do ";
            frame(sb, each + "if [ -e \"$p\" ] || [ -L \"$p\" ]; then printf E; else printf A; fi; done");
            // stat also gives the sizes of the files read together
            frame(sb, "eval \"set -- $rigger_paths $rigger_sized\"; for p do "
                    + "shift; if [ -e \"$p\" ] || [ -L \"$p\" ]; then set -- \"$@\" \"$p\"; fi; done\n"
                    + "[ $# -eq 0 ] || stat --printf '" + STAT_FORMAT + "' -- \"$@\"");
            // sha256sum escapes a name holding '\\' or a newline (and marks the line with '\\'): parsed so
            frame(sb, each + "shift; if [ -f \"$p\" ] && [ ! -L \"$p\" ]; then set -- \"$@\" \"$p\"; fi; done\n"
                    + "[ $# -eq 0 ] || sha256sum -- \"$@\"");
            frame(sb, each + "if [ -L \"$p\" ]; then readlink -- \"$p\"; fi; printf '\\0'; done");
        }
        if (!readPaths.isEmpty()) {
            // one line of flags (F: in the cat below, X: read on its own), then the regular files' bytes
            sb.append("rigger_reads=").append(ShellQuote.quote(ShellQuote.join(readPaths))).append('\n');
            frame(sb, "eval \"set -- $rigger_reads\"; rigger_rf=; for p do shift; "
                    + "if [ -f \"$p\" ] && [ ! -L \"$p\" ] && [ -r \"$p\" ]; then rigger_rf=${rigger_rf}F; set -- \"$@\" \"$p\"; "
                    + "else rigger_rf=${rigger_rf}X; fi; done\nprintf '%s\\n' \"$rigger_rf\"; [ $# -eq 0 ] || cat -- \"$@\"");
            // the others (absent, a link, a directory...) as cat alone answers them: its words, its exit code
            for (String path : readPaths) {
                frame(sb, "rigger_c=$rigger_rf; rigger_rf=${rigger_rf#?}; case $rigger_c in X*) cat -- " + ShellQuote.quote(path) + ";; esac");
            }
        }
        List<Integer> commands = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (!(p instanceof Probe.Stat) && !(p instanceof Probe.Read r && readPaths.contains(r.path()))) commands.add(i);
        }
        Map<Integer, List<Integer>> byLane = new java.util.TreeMap<>();
        for (int i : commands) byLane.computeIfAbsent(lanes == null ? 0 : Math.floorMod(lanes.get(i), LANES), l -> new ArrayList<>()).add(i);
        if (byLane.size() < 2) {
            for (int i : commands) frame(sb, command(probes.get(i)));
        } else {
            together(sb, commands, byLane.values());
        }
        return sb.toString();
    }

    /**
     * The commands as functions; each lane a background job writing every answer (framed as
     * usual) to files of its own; then the files in the probes' order. Without a temporary
     * directory, the functions one after another.
     */
    private void together(StringBuilder sb, List<Integer> commands, java.util.Collection<List<Integer>> lanes) {
        for (int i : commands) sb.append("rigger_p").append(i).append("() { ").append(command(probes.get(i))).append("\n}\n");
        sb.append("rigger_lane() { for rigger_i do { rigger_p$rigger_i </dev/null; rigger_end; } ")
                .append(">\"$rigger_d/$rigger_i.o\" 2>\"$rigger_d/$rigger_i.e\"; done; }\n");
        sb.append("if rigger_d=$(mktemp -d \"${TMPDIR:-/tmp}/rigger.XXXXXX\" 2>/dev/null); then\n");
        for (List<Integer> lane : lanes) sb.append("rigger_lane").append(numbers(lane, "")).append(" &\n");
        sb.append("wait\ncat").append(numbers(commands, ".o")).append("\ncat").append(numbers(commands, ".e")).append(" >&2\n")
                .append("rm -rf \"$rigger_d\"\nelse\nfor rigger_i in").append(numbers(commands, ""))
                .append("; do rigger_p$rigger_i </dev/null; rigger_end; done\nfi\n");
    }

    /** The probes' numbers as words, or with {@code suffix} their files in the lanes' directory. */
    private static String numbers(List<Integer> indices, String suffix) {
        StringBuilder sb = new StringBuilder();
        for (int i : indices) sb.append(suffix.isEmpty() ? " " + i : " \"$rigger_d/" + i + suffix + "\"");
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

    /**
     * The answers, in the order of the probes; throws when the output was cut short. A read is
     * null when the files changed while they were read together (ask it again).
     */
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
        Map<String, String> records = new HashMap<>();
        Map<String, ProbeResult> stats = statPaths.isEmpty() && readPaths.isEmpty() ? Map.of() : stats(frames, records);
        Map<String, ProbeResult> reads = readPaths.isEmpty() ? Map.of() : reads(frames, records);
        List<ProbeResult> results = new ArrayList<>();
        for (Probe p : probes) {
            if (p instanceof Probe.Stat s) results.add(stats.get(s.path()));
            else if (p instanceof Probe.Read r && readPaths.contains(r.path())) results.add(reads.get(r.path()));
            else results.add(frames.next());
        }
        return results;
    }

    /**
     * The reads answered together: each regular file, in order, takes as many of the one cat's
     * bytes as stat gave as its size; the others are their own frames. The regular files have
     * no answer when the sizes do not add up (a file changed between stat and cat) or cat failed.
     */
    private Map<String, ProbeResult> reads(Frames frames, Map<String, String> records) {
        ProbeResult together = frames.next();
        byte[] out = together.output();
        int nl = indexOf(out, new byte[]{'\n'}, 0);
        String flags = nl < 0 ? "" : new String(out, 0, nl, StandardCharsets.US_ASCII);
        boolean consistent = together.exitCode() == 0 && flags.length() == readPaths.size();
        Map<String, ProbeResult> answers = new HashMap<>();
        Map<String, int[]> slices = new HashMap<>();
        int offset = nl + 1;
        for (int i = 0; i < readPaths.size(); i++) {
            String path = readPaths.get(i);
            ProbeResult own = frames.next();
            if (i < flags.length() && flags.charAt(i) == 'X') {
                answers.put(path, own);
                continue;
            }
            String[] f = records.getOrDefault(path, "").split("\\|", 6);
            long size = f.length == 6 && f[0].startsWith("regular") ? Long.parseLong(f[4]) : -1;
            consistent &= size >= 0 && offset + size <= out.length;
            if (!consistent) continue;
            slices.put(path, new int[]{offset, offset + (int) size});
            offset += (int) size;
        }
        boolean whole = consistent && offset == out.length;
        if (whole) slices.forEach((path, slice) -> answers.put(path, ProbeResult.of(0, Arrays.copyOfRange(out, slice[0], slice[1]), "")));
        return answers; // no answer (null) for the regular files of an inconsistent batch
    }

    /** The FileState of every Stat path, from the four frames the script began with; {@code records} gets stat's lines by path. */
    private Map<String, ProbeResult> stats(Frames frames, Map<String, String> records) {
        ProbeResult exists = frames.next();
        ProbeResult stat = frames.next();
        ProbeResult sums = frames.next();
        ProbeResult links = frames.next();
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
