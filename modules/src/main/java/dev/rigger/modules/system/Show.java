package dev.rigger.modules.system;

/** Renders a user value inside an error message so that newlines and tabs stay visible. */
final class Show {
    private Show() { }

    static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
