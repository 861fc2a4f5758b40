package dev.rigger.engine.expr.differential;

import dev.rigger.engine.expr.differential.RiggerRunner.Outcome;

/** Whether Rigger's outcome is Ansible's, and if not, which kind of difference it is. */
final class Comparison {
    private Comparison() {}

    /** null when they agree; otherwise a category name for the report. */
    static String category(CorpusCase c, Outcome got) {
        switch (got.kind()) {
            case CRASH:
                return "crash";
            case TIMEOUT:
                return "timeout";
            case LOAD_ERROR:
                return c.expectsError() ? null : "load error (Ansible: value)";
            case RUN_ERROR:
                return c.expectsError() ? null : "run error (Ansible: value)";
            default:
                break;
        }
        if (c.expectsError()) return "value (Ansible: error)";
        if (PyValues.sameTopLevel(c.result(), c.type(), got.value())) return null;
        String gotType = PyValues.typeName(got.value());
        if (!c.type().equals(gotType) && !(c.type().equals("tuple") || c.type().equals("set"))) {
            return "type " + c.type() + " -> " + gotType;
        }
        return "wrong " + c.type() + " value";
    }
}
