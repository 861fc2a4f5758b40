package dev.rigger.lab.k8s;

/** TEST STAND-IN: an API error answered as a metav1.Status (reason and HTTP code as the real server). */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;
    final String reason;
    final String kind;
    final String name;

    ApiException(int code, String reason, String message, String kind, String name) {
        super(message);
        this.code = code; this.reason = reason; this.kind = kind; this.name = name;
    }

    static ApiException notFound(Kinds.Kind k, String name) {
        return new ApiException(404, "NotFound", qualified(k) + " \"" + name + "\" not found", k.plural(), name);
    }

    static ApiException exists(Kinds.Kind k, String name) {
        return new ApiException(409, "AlreadyExists", qualified(k) + " \"" + name + "\" already exists", k.plural(), name);
    }

    static ApiException bad(String message) { return new ApiException(400, "BadRequest", message, null, null); }

    static String qualified(Kinds.Kind k) { return k.group().isEmpty() ? k.plural() : k.plural() + "." + k.group(); }
}
