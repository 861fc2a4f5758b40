package dev.rigger.modules.files;

import dev.rigger.spi.FileState;
import dev.rigger.spi.Params;

/**
 * The mode a path should get from a task's {@code mode}: an octal value as is, a symbolic one
 * ({@code u+rwX,g-w,o=}) worked out from the path's current mode as Ansible's
 * {@code _symbolic_mode_to_octal} does, so the plan can compare and chmod with octal bits.
 */
final class Modes {
    /** The umask Ansible's module runs under on the hosts it is compared with (sshd's default). */
    static final int UMASK = 022;
    static final int NEW_FILE = 0666 & ~UMASK;
    static final int NEW_DIR = 0777 & ~UMASK;

    private Modes() { }

    /**
     * The bits {@code p}'s mode gives {@code cur}; null when no mode is given.
     *
     * @param directory whether the path is (or will be) a directory: X and a new path's base mode depend on it
     */
    static Integer wanted(Params p, FileState cur, boolean directory) {
        Object m = p.values().get("mode");
        if (m == null) return null;
        if (m instanceof Integer i) return i;
        if (m.toString().matches("0?[0-7]{3,4}")) return Integer.parseInt(m.toString(), 8);   // as the binder reads it
        int base = cur.exists() ? cur.mode() & 07777 : directory ? NEW_DIR : NEW_FILE;
        return symbolic(m.toString(), base, directory);
    }

    /** Ansible's reading of a symbolic mode (already checked at load): clauses, who, operators and permissions. */
    static int symbolic(String mode, int current, boolean directory) {
        int out = current;
        for (String clause : mode.split(",")) {
            int op = 0;
            while (op < clause.length() && "+-=".indexOf(clause.charAt(op)) < 0) op++;
            String who = clause.substring(0, op);
            boolean useUmask = who.isEmpty();
            if (who.isEmpty() || who.contains("a")) who = "ugo";
            int i = op;
            while (i < clause.length()) {
                char operator = clause.charAt(i++);
                int end = i;
                while (end < clause.length() && "+-=".indexOf(clause.charAt(end)) < 0) end++;
                String perms = clause.substring(i, end);
                i = end;
                for (char u : who.toCharArray()) {
                    int bits = bits(current, u, perms, useUmask, directory);   // as Ansible: from the mode before the task
                    out = switch (operator) {
                        case '=' -> (out & ~mask(u)) | bits;
                        case '+' -> out | bits;
                        default -> out & ~bits;
                    };
                }
            }
        }
        return out;
    }

    private static int mask(char who) {
        return switch (who) {
            case 'u' -> 04700;
            case 'g' -> 02070;
            default -> 01007;
        };
    }

    private static int bits(int prev, char who, String perms, boolean useUmask, boolean directory) {
        int shift = who == 'u' ? 6 : who == 'g' ? 3 : 0;
        int allowed = useUmask ? ~UMASK : 0777;
        boolean x = directory || (prev & 0111) != 0;
        int out = 0;
        for (char c : perms.toCharArray()) {
            out |= switch (c) {
                case 'r' -> (4 << shift) & allowed;
                case 'w' -> (2 << shift) & allowed;
                case 'x' -> (1 << shift) & allowed;
                case 'X' -> x ? 1 << shift : 0;
                case 's' -> who == 'u' ? 04000 : who == 'g' ? 02000 : 0;
                case 't' -> who == 'o' ? 01000 : 0;
                case 'u' -> ((prev >> 6) & 7) << shift;
                case 'g' -> ((prev >> 3) & 7) << shift;
                default -> (prev & 7) << shift;   // 'o'
            };
        }
        return out;
    }
}
