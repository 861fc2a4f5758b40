package dev.rigger.modules.kubernetes;

/** Renders a user value inside an error message so that newlines and tabs stay visible. */
final class Quote {
    private Quote() { }

    static String shown(String value) {
        if (value == null) return "(none)";
        return "'" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
