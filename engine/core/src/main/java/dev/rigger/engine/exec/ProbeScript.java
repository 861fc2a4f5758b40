package dev.rigger.engine.exec;

import dev.rigger.spi.FileState;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs several probes into one shell script (one round trip) and unpacks the answers. Each
 * answer is framed by a header with exit code and byte counts, so any output, binary included,
 * comes back intact.
 */
final class ProbeScript {
    private static final String MARK = "@@RIGGER";

    private ProbeScript() { }

    static String build(List<Probe> probes) {
        StringBuilder sb = new StringBuilder("t=$(mktemp -d) || exit 97\ntrap 'rm -rf \"$t\"' EXIT\n");
        for (Probe p : probes) {
            sb.append("{ ").append(command(p)).append("\n} >\"$t/o\" 2>\"$t/e\" </dev/null; r=$?\n")
              .append("printf '\\n" + MARK + " %s %s %s\\n' \"$r\" \"$(wc -c <\"$t/o\")\" \"$(wc -c <\"$t/e\")\"\n")
              .append("cat \"$t/o\" \"$t/e\"\n");
        }
        return sb.toString();
    }

    private static String command(Probe p) {
        if (p instanceof Probe.Run r) return ShellQuote.join(r.argv());
        // a subshell: the snippet's own variables must not clobber the framing's $t and $r
        if (p instanceof Probe.Shell s) return "( " + s.script() + "\n)";
        if (p instanceof Probe.Read r) return "cat -- " + ShellQuote.quote(r.path());
        Probe.Stat s = (Probe.Stat) p;
        String q = ShellQuote.quote(s.path());
        return "if [ -e " + q + " ] || [ -L " + q + " ]; then stat -c '%F|%a|%U|%G|%s' -- " + q
                + " && if [ -L " + q + " ]; then readlink -- " + q + "; elif [ -f " + q
                + " ]; then sha256sum < " + q + " | cut -c1-64; fi; else echo ABSENT; fi";
        // (reading stdin: sha256sum escapes names with '\\' or newlines, shifting the digest)
    }

    static List<ProbeResult> parse(List<Probe> probes, byte[] out) {
        List<ProbeResult> results = new ArrayList<>();
        int pos = 0;
        for (Probe p : probes) {
            int start = indexOf(out, ("\n" + MARK + " ").getBytes(StandardCharsets.US_ASCII), pos);
            if (start < 0) throw new IllegalStateException("probe output truncated after " + results.size() + " answers");
            int eol = indexOf(out, new byte[]{'\n'}, start + 1);
            String[] h = new String(out, start + 1, eol - start - 1, StandardCharsets.US_ASCII).trim().split("\\s+");
            int rc = Integer.parseInt(h[1]);
            int no = Integer.parseInt(h[2]);
            int ne = Integer.parseInt(h[3]);
            byte[] o = java.util.Arrays.copyOfRange(out, eol + 1, eol + 1 + no);
            String e = new String(out, eol + 1 + no, ne, StandardCharsets.UTF_8);
            pos = eol + 1 + no + ne;
            results.add(p instanceof Probe.Stat s ? stat(s.path(), rc, o, e) : ProbeResult.of(rc, o, e));
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
        return new ProbeResult(0, o, e, new FileState(path, type, Integer.parseInt(f[1], 8), f[2], f[3],
                Long.parseLong(f[4]), type == FileState.Type.FILE ? second : null,
                type == FileState.Type.LINK ? second : null));
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
