package dev.rigger.engine.exec;

import dev.rigger.engine.model.BlockFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's block semantics on one host, as the walker meets the host's nodes in order: a
 * failure in a block's {@code block} list skips the rest of that list and runs its
 * {@code rescue}; {@code always} runs in every case; a block that ends failed (a failure not
 * rescued, in its rescue or in its always) fails the list around it once its always ran, up to
 * the host itself.
 */
final class BlockFlow {
    /** Failed lists, "id SECTION", each to the label of the node whose failure it was. */
    private final Map<String, String> failed = new HashMap<>();
    /** The frames of the node met last: the blocks the walk is in. */
    private List<BlockFrame> open = List.of();
    /** The failure that left every block: the host has failed. */
    private String hostFailed;

    /**
     * The walk reaches a node in {@code frames}: the blocks it left are judged first.
     *
     * @return whether the node runs (else it is left out, as Ansible leaves it out)
     */
    boolean enter(List<BlockFrame> frames) {
        for (int i = open.size() - 1; i >= 0; i--) {
            BlockFrame f = open.get(i);
            boolean stillIn = i < frames.size() && frames.get(i).id() == f.id();
            if (stillIn) break;
            String why = endedFailed(f);
            if (why != null) fail(i == 0 ? null : open.get(i - 1), why);
        }
        open = frames;
        for (BlockFrame f : frames) {
            boolean runs = switch (f.section()) {
                case BLOCK -> !failed.containsKey(key(f.id(), BlockFrame.Section.BLOCK));
                case RESCUE -> failed.containsKey(key(f.id(), BlockFrame.Section.BLOCK))
                        && !failed.containsKey(key(f.id(), BlockFrame.Section.RESCUE));
                case ALWAYS -> !failed.containsKey(key(f.id(), BlockFrame.Section.ALWAYS));
            };
            if (!runs) return false;
        }
        return true;
    }

    /** A node in {@code frames} failed (rescued or not): its list goes no further. */
    void failed(List<BlockFrame> frames, String label) {
        fail(frames.isEmpty() ? null : frames.get(frames.size() - 1), label);
    }

    /** The failure that failed the host (no block rescued it), or null. */
    String hostFailed() {
        return hostFailed;
    }

    private void fail(BlockFrame f, String label) {
        if (f == null) {
            if (hostFailed == null) hostFailed = label;
        } else {
            failed.putIfAbsent(key(f.id(), f.section()), label);
        }
    }

    /** Why block {@code f} ended failed, or null: a failure unrescued, in its rescue or in its always. */
    private String endedFailed(BlockFrame f) {
        String inBlock = failed.get(key(f.id(), BlockFrame.Section.BLOCK));
        String inRescue = failed.get(key(f.id(), BlockFrame.Section.RESCUE));
        String inAlways = failed.get(key(f.id(), BlockFrame.Section.ALWAYS));
        if (inAlways != null) return inAlways;
        if (inRescue != null) return inRescue;
        return f.hasRescue() ? null : inBlock;
    }

    private static String key(int id, BlockFrame.Section s) {
        return id + " " + s;
    }
}
