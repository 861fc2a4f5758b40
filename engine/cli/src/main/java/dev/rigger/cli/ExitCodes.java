package dev.rigger.cli;

/** Exit codes, as ansible-playbook uses them. */
final class ExitCodes {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int HOST_FAILED = 2;
    static final int UNREACHABLE = 3;
    static final int INVALID = 4;
    static final int BAD_OPTIONS = 5;

    private ExitCodes() { }
}
