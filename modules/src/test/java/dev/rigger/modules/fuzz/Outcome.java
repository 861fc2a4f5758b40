package dev.rigger.modules.fuzz;

/** What became of one fuzzed input, from the engine's point of view. */
enum Outcome {
    /** The engine's binder refused the arguments (type, choice, group) before the module saw them. */
    REJECTED,
    /** The module (or the engine's quoting, for NUL) refused a value with a message: a clear rejection. */
    REFUSED,
    /** The plan could not be known (e.g. waits for a file); nothing ran. */
    UNKNOWN,
    /** Nothing to do; nothing ran. */
    UNCHANGED,
    /** Steps ran and the re-plan found nothing left (or the change cannot be re-checked). */
    APPLIED,
    /** A step exited non-zero: the program refused the value as data. */
    STEP_FAILED,
    /** Steps ran but the re-plan still wanted changes. */
    NOT_CONVERGED,
    /** The module or engine threw something other than a ModuleException: a bug. */
    CRASHED
}
