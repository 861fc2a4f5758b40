package dev.rigger.engine.model;

import dev.rigger.engine.diag.Location;

/**
 * One block around a task, and which of its lists the task is in. A task's frames, outermost
 * first, are what the walker needs to run Ansible's block semantics: a failure in {@code block}
 * skips the rest of it and runs {@code rescue} (the host is then not failed), {@code always}
 * runs in every case.
 *
 * @param id         the block's number in its playbook load, the same for all its tasks
 * @param section    the list of the block the task is in
 * @param hasRescue  whether the block has a (non-empty) {@code rescue}: a failure in its
 *                   {@code block} list is then rescued
 * @param name       the block's name, or null
 */
public record BlockFrame(int id, Section section, boolean hasRescue, String name, Location location) {

    /** The three lists of a block. */
    public enum Section { BLOCK, RESCUE, ALWAYS }

    /** {@code block 3 (name) rescue}, for graphs. */
    public String label() {
        return "block " + id + (name != null ? " (" + name + ")" : "") + " " + section.name().toLowerCase();
    }
}
