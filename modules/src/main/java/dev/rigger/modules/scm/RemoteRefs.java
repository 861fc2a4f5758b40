package dev.rigger.modules.scm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code git ls-remote --symref REPO} answered: every ref with its object, and the branch the
 * remote's HEAD names. Ansible asks ls-remote one pattern at a time; one listing answers all of
 * its questions (is VERSION a branch, a tag, what is HEAD) in one round trip.
 */
record RemoteRefs(Map<String, String> refs, String headBranch) {

    static RemoteRefs parse(String text) {
        Map<String, String> refs = new LinkedHashMap<>();
        String head = null;
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            String left = line.substring(0, tab);
            String name = line.substring(tab + 1).strip();
            if (left.startsWith("ref: ")) {
                if (name.equals("HEAD") && left.startsWith("ref: refs/heads/")) head = left.substring("ref: refs/heads/".length());
            } else {
                refs.put(name, left.strip());
            }
        }
        return new RemoteRefs(Map.copyOf(refs), head);
    }

    boolean isBranch(String version) {
        return refs.containsKey("refs/heads/" + version);
    }

    boolean isTag(String version) {
        return refs.containsKey("refs/tags/" + version);
    }

    /** The commit a branch names, or null. */
    String branch(String name) {
        return refs.get("refs/heads/" + name);
    }

    /** The commit a tag names: an annotated tag's dereferenced object, as get_remote_head picks it. */
    String tag(String name) {
        String deref = refs.get("refs/tags/" + name + "^{}");
        return deref != null ? deref : refs.get("refs/tags/" + name);
    }

    /** The remote's HEAD commit, or null when it has none (an empty repository). */
    String head() {
        return refs.get("HEAD");
    }
}
