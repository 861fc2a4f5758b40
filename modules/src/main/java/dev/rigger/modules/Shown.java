package dev.rigger.modules;

/** Renders a user value inside an error message so that newlines, tabs and backslashes stay visible. */
public final class Shown {
    private Shown() { }

    /** {@code value} in single quotes with {@code \ \n \r \t} escaped; "(none)" for null. */
    public static String quoted(String value) {
        if (value == null) return "(none)";
        return "'" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
