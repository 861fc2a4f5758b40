package dev.rigger.engine.exec;

import dev.rigger.engine.transport.ExecResult;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.time.Duration;

/**
 * A {@link Step.Reboot} on a host's {@link HostShell}, as Ansible's reboot action does it: the boot
 * id before, the reboot command (its connection dropping is the reboot starting), then fresh
 * logins until the boot id differs and the test command passes. Each look logs in anew, so the
 * shell ends on a connection to the rebooted host, which the tasks after it use (a kept session
 * died with the host; the keeper opens a new one when asked).
 */
final class Rebooter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Rebooter.class);
    /** One look's limit when the task gives no connect_timeout (OpenSSH's, as Ansible's ssh uses). */
    private static final Duration LOOK = Duration.ofSeconds(10);

    private Rebooter() { }

    static StepResult run(HostShell shell, Privilege p, Step.Reboot r) {
        if (shell.local()) return failed(r, "Running reboot with local connection would reboot the control node.");
        if (!shell.canReconnect()) return failed(r, "this connection cannot log in again after a reboot");
        Privilege look = p.withTimeout(r.connectTimeout() != null ? r.connectTimeout() : LOOK);
        ExecResult b = shell.exec(look, r.bootTimeCommand(), null);
        if (b.exitCode() != 0) {
            return failed(r, "failed to get host boot time info, rc: " + b.exitCode() + ", stdout: " + b.out() + ", stderr: " + b.err());
        }
        String before = b.out().strip();
        ExecResult done;
        try {
            done = shell.exec(p, StepRunner.script(r), null);
        } catch (RuntimeException e) {
            // the host went down before the command's answer came back: the reboot has begun
            LOG.debug("{}: connection dropped by the reboot command: {}", shell.name(), e.toString());
            done = null;
        }
        long start = System.nanoTime();
        if (done != null && done.exitCode() != 0 && done.exitCode() != -1) {
            return new StepResult(r, done.exitCode(), "", "Reboot command failed. Error was: '" + done.out().strip() + ", " + done.err().strip() + "'");
        }
        sleep(r.postRebootDelay());
        long deadline = start + r.rebootTimeout().toNanos();
        String failure = until(shell, deadline, "last boot time check", r, () -> {
            ExecResult now = shell.exec(look, r.bootTimeCommand(), null);
            String id = now.out().strip();
            return now.exitCode() == 0 && !id.isEmpty() && !id.equals(before) ? null : "boot time has not changed";
        }, true);
        if (failure == null) {
            failure = until(shell, deadline, "post-reboot test command", r, () -> {
                ExecResult t = shell.exec(p, r.testCommand(), null);
                return t.exitCode() == 0 ? null : "Test command failed: " + t.err() + " " + t.out();
            }, false);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        return failure == null ? new StepResult(r, 0, Long.toString(seconds), "") : new StepResult(r, 1, Long.toString(seconds), failure);
    }

    /** A look that returns null when it passed, else why not; thrown errors (the host still down) are retried too. */
    private interface Look {
        String once();
    }

    /**
     * Repeats {@code look} until it passes or the deadline: 0.5 s, 1 s, 2 s, ... (at most 5 s)
     * apart; with {@code login}, each try on a fresh login. Null when it passed, else Ansible's
     * words for the time-out.
     */
    private static String until(HostShell shell, long deadline, String what, Step.Reboot r, Look look, boolean login) {
        long pause = 500;
        boolean first = true;
        while (System.nanoTime() < deadline) {
            String why;
            try {
                if (login || !first) shell.reconnect();
                why = look.once();
            } catch (RuntimeException e) {
                why = e.getMessage();
            }
            first = false;
            if (why == null) return null;
            LOG.debug("{}: {} fail '{}', retrying in {} ms", shell.name(), what, why, pause);
            sleep(Duration.ofMillis(Math.min(pause, Math.max(0, (deadline - System.nanoTime()) / 1_000_000))));
            pause = Math.min(pause * 2, 5000);
        }
        return "Timed out waiting for " + what + " (timeout=" + r.rebootTimeout().toSeconds() + ")";
    }

    private static StepResult failed(Step.Reboot r, String why) {
        return new StepResult(r, 1, "", why);
    }

    private static void sleep(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the host to reboot");
        }
    }
}
