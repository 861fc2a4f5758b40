package dev.rigger.engine.load;

/** Conversions that follow YAML 1.1 as Ansible users know it ({@code yes}/{@code no} are booleans). */
public final class Values {
    private Values() { }

    /** A boolean from a Boolean or an Ansible boolean word; null when it is not one. */
    public static Boolean toBool(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.intValue() != 0;
        if (v instanceof String s) {
            switch (s.trim().toLowerCase()) {
                case "yes": case "true": case "on": case "y": case "1": return true;
                case "no": case "false": case "off": case "n": case "0": return false;
                default: return null;
            }
        }
        return null;
    }
}
