package dev.rigger.engine.exec;

import dev.rigger.spi.Step;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The shell side of {@link Step.WriteFile}: content arrives on stdin into a temporary file in
 * the target's own folder (so the rename is atomic), gets its attributes, is validated, and only
 * then replaces the target. On any failure the temporary file is removed and the target is
 * untouched. The temporary name is chosen here, so a validate command is built from quoted
 * words like any other step.
 */
final class AtomicWrite {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicWrite() { }

    static String script(Step.WriteFile w) {
        String dest = ShellQuote.quote(w.path());
        String tmp = tempPath(w.path());
        String t = ShellQuote.quote(tmp);
        StringBuilder sb = new StringBuilder("set -e\n")
                .append("trap 'rm -f -- ").append(t.replace("'", "'\\''")).append("' EXIT\n")
                .append("(set -C; : > ").append(t).append(")\n")
                .append("cat > ").append(t).append('\n')
                // a client that dies mid-upload leaves a short file: never rename it into place
                .append("sum=$(sha256sum < ").append(t).append(")\n")
                .append("[ \"${sum%% *}\" = ").append(sha256(w.content()))
                .append(" ] || { echo 'upload incomplete: target left untouched' >&2; exit 1; }\n")
                .append("if [ -e ").append(dest).append(" ]; then chmod --reference=").append(dest).append(' ').append(t)
                .append("; chown --reference=").append(dest).append(' ').append(t).append(" 2>/dev/null || true; else chmod 0644 ")
                .append(t).append("; fi\n");
        if (w.mode() != null) sb.append("chmod ").append(Integer.toOctalString(w.mode())).append(' ').append(t).append('\n');
        if (w.owner() != null || w.group() != null) {
            String og = (w.owner() == null ? "" : w.owner()) + (w.group() == null ? "" : ":" + w.group());
            sb.append("chown -- ").append(ShellQuote.quote(og)).append(' ').append(t).append('\n');
        }
        if (w.validate() != null && !w.validate().isEmpty()) {
            List<String> argv = w.validate().stream().map(a -> a.replace("%s", tmp)).toList();
            sb.append(ShellQuote.join(argv)).append(" >&2 || { echo 'validation failed' >&2; exit 1; }\n");
        }
        if (w.backup()) sb.append(backup(w.path()));
        sb.append("mv -f -- ").append(t).append(' ').append(dest).append("\ntrap - EXIT\n");
        return sb.toString();
    }

    /**
     * Copies an existing regular file to Ansible's name, {@code PATH.PID.YYYY-MM-DD@HH:MM:SS~},
     * created exclusively first ({@code set -C}: O_EXCL, so neither an existing file nor a
     * symlink is ever written through) and private until {@code cp -p} gives it the original's
     * mode. Should the name exist anyway (a pid reused within the second), {@code .1~},
     * {@code .2~}, ... follow. The name chosen is the step's only stdout: it becomes the
     * registered {@code backup_file}.
     */
    private static String backup(String path) {
        String dest = ShellQuote.quote(path);
        return "if [ -f " + dest + " ]; then\n"
                + "  b0=" + ShellQuote.quote(path + ".") + "\"$$.$(date +%Y-%m-%d@%H:%M:%S)\"; b=\"$b0~\"; n=0\n"
                + "  until [ ! -e \"$b\" ] && [ ! -L \"$b\" ] && (umask 077; set -C; : > \"$b\") 2>/dev/null; do\n"
                + "    n=$((n + 1)); [ \"$n\" -le " + BACKUP_TRIES + " ] || { echo 'no free backup name' >&2; exit 1; }\n"
                + "    b=\"$b0.$n~\"\n"
                + "  done\n"
                + "  cp -p -- " + dest + " \"$b\" || { rm -f -- \"$b\"; exit 1; }\n"
                + "  printf '%s\\n' \"$b\"\n"
                + "fi\n";
    }

    /** Names tried after the first before a backup gives up (each already existing). */
    static final int BACKUP_TRIES = 100;

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hidden, unguessable sibling of {@code path}: same folder, so rename is atomic. */
    static String tempPath(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "." : path.substring(0, slash + 1);
        String base = slash < 0 ? path : path.substring(slash + 1);
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return dir + "." + base + ".rigger-" + HexFormat.of().formatHex(r);
    }
}
