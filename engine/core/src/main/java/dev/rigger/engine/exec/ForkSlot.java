package dev.rigger.engine.exec;

import java.util.concurrent.Semaphore;

/**
 * A host's place among the {@code --forks} hosts working at once: taken before its node runs,
 * kept while its nodes follow one another, given back while it waits for another host (so a
 * small {@code --forks} cannot deadlock) and when its walk ends. A host holds its session only
 * while it holds a slot's worth of work, so at most about {@code --forks} sessions are open.
 */
final class ForkSlot {
    private final Semaphore forks;
    private boolean held;

    ForkSlot(Semaphore forks) {
        this.forks = forks;
    }

    void take() {
        if (held) return;
        forks.acquireUninterruptibly();
        held = true;
    }

    void giveBack() {
        if (!held) return;
        held = false;
        forks.release();
    }
}
