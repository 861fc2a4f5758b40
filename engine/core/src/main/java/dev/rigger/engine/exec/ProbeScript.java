package dev.rigger.engine.exec;

import dev.rigger.spi.FileState;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Packs several probes into one shell script (one round trip) and unpacks the answers. After
 * each probe the script prints a boundary line on stdout (with the exit code) and on stderr;
 * the boundary is random per script, so no file content can forge it, and the framing costs
 * only shell builtins: no temporary files, no extra processes per probe.
 */
final class ProbeScript {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Probe> probes;
    private final String boundary;

    private ProbeScript(List<Probe> probes, String boundary) {
        this.probes = List.copyOf(probes);
        this.boundary = boundary;
    }

    static ProbeScript of(List<Probe> probes) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new ProbeScript(probes, "@@RIGGER-" + HexFormat.of().formatHex(b));
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (Probe p : probes) {
            // the leading newline ends a last line that has none; the parser takes it off again
            sb.append("{ ").append(command(p)).append("\n} </dev/null; r=$?\n")
              .append("printf '\\n%s %s\\n' ").append(boundary).append(" \"$r\"; printf '\\n%s\\n' ")
              .append(boundary).append(" >&2\n");
        }
        return sb.toString();
    }

    private static String command(Probe p) {
        if (p instanceof Probe.Run r) return ShellQuote.join(r.argv());
        // a subshell: the snippet's own variables (and an exit) must not reach the framing
        if (p instanceof Probe.Shell s) return "( " + s.script() + "\n)";
        if (p instanceof Probe.Read r) return "cat -- " + ShellQuote.quote(r.path());
        Probe.Stat s = (Probe.Stat) p;
        String q = ShellQuote.quote(s.path());
        // the digest from stdin: sha256sum escapes names with '\' or newlines, shifting it
        return "if [ -e " + q + " ] || [ -L " + q + " ]; then stat -c '%F|%a|%U|%G|%s' -- " + q
                + " && if [ -L " + q + " ]; then readlink -- " + q + "; elif [ -f " + q
                + " ]; then sha256sum < " + q + "; fi; else echo ABSENT; fi";
    }

    /** The answers, in the order of the probes; throws when the output was cut short. */
    List<ProbeResult> parse(byte[] out, byte[] err) {
        List<ProbeResult> results = new ArrayList<>();
        byte[] outMark = ("\n" + boundary + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] errMark = ("\n" + boundary + "\n").getBytes(StandardCharsets.US_ASCII);
        int o = 0;
        int e = 0;
        for (Probe p : probes) {
            int om = indexOf(out, outMark, o);
            int em = indexOf(err, errMark, e);
            int eol = om < 0 ? -1 : indexOf(out, new byte[]{'\n'}, om + outMark.length);
            if (om < 0 || em < 0 || eol < 0) {
                throw new IllegalStateException("probe output cut short after " + results.size() + " of " + probes.size() + " answers");
            }
            int rc = Integer.parseInt(new String(out, om + outMark.length, eol - om - outMark.length, StandardCharsets.US_ASCII).trim());
            byte[] stdout = Arrays.copyOfRange(out, o, om);
            String stderr = new String(err, e, em - e, StandardCharsets.UTF_8);
            o = eol + 1;
            e = em + errMark.length;
            results.add(p instanceof Probe.Stat s ? stat(s.path(), rc, stdout, stderr) : ProbeResult.of(rc, stdout, stderr));
        }
        return results;
    }

    private static ProbeResult stat(String path, int rc, byte[] o, String e) {
        String text = new String(o, StandardCharsets.UTF_8);
        if (rc != 0) return new ProbeResult(rc, o, e, null);
        if (text.startsWith("ABSENT")) return new ProbeResult(0, o, e, FileState.absent(path));
        String[] lines = text.split("\n", -1);
        String[] f = lines[0].split("\\|");
        FileState.Type type = switch (f[0]) {
            case "regular file", "regular empty file" -> FileState.Type.FILE;
            case "directory" -> FileState.Type.DIRECTORY;
            case "symbolic link" -> FileState.Type.LINK;
            default -> FileState.Type.OTHER;
        };
        String second = lines.length > 1 ? lines[1] : null;
        String sha = type == FileState.Type.FILE && second != null && second.length() >= 64 ? second.substring(0, 64) : null;
        return new ProbeResult(0, o, e, new FileState(path, type, Integer.parseInt(f[1], 8), f[2], f[3],
                Long.parseLong(f[4]), sha, type == FileState.Type.LINK ? second : null));
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
