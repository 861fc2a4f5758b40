package dev.rigger.spi;

/**
 * What running one {@link Step} gave; handed to {@link Module#outputs} after apply.
 * <b>Stable.</b>
 *
 * @param step     the step that ran
 * @param exitCode its exit code; 0 means it succeeded
 * @param stdout   its standard output, as text
 * @param stderr   its standard error, as text
 */
public record StepResult(Step step, int exitCode, String stdout, String stderr) {
    /**
     * Whether the step succeeded.
     *
     * @return true when the exit code is 0
     */
    public boolean ok() {
        return exitCode == 0;
    }
}
