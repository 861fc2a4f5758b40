package dev.rigger.spi;

/** What running one {@link Step} gave. <b>Stable.</b> */
public record StepResult(Step step, int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
