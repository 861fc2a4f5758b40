package dev.rigger.modules.files;

import dev.rigger.spi.Probe;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A block of lines between two marker lines, with Ansible's rules: an existing block (found by
 * its exact markers) is replaced in place; a new one goes after/before the last line matching
 * the anchor, or at the end. An empty block or state=absent removes block and markers.
 */
public final class BlockInFileModule implements Module {
    private static final ParamSpec SPEC = FileContent.declare(ParamSpec.builder()
            .add(Param.string("path").required().absolutePath().aliases("dest", "destfile", "name").doc("the file to edit"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("whether the block should be there"))
            .add(Param.string("block").aliases("content").defaultValue("").doc("the lines between the markers; empty removes the block"))
            .add(Param.string("marker").defaultValue("# {mark} ANSIBLE MANAGED BLOCK")
                    .doc("marker line template; {mark} becomes marker_begin or marker_end"))
            .add(Param.string("marker_begin").defaultValue("BEGIN").doc("{mark} of the first marker"))
            .add(Param.string("marker_end").defaultValue("END").doc("{mark} of the last marker"))
            .add(Param.string("insertafter").doc("EOF or a regular expression: a new block goes after its last match (default EOF)"))
            .add(Param.string("insertbefore").doc("BOF or a regular expression: a new block goes before its last match"))
            .add(Param.bool("create").defaultValue(false).doc("create the file (and its folder) when it does not exist")))
            .mutuallyExclusive("insertafter", "insertbefore")
            .build();

    /** The two marker lines (with their newline) and where a new block goes. */
    private record Markers(String begin, String end, String insertAfter, String insertBefore, Pattern anchor) { }

    @Override
    public String name() { return "blockinfile"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.blockinfile"); }

    @Override
    public String summary() { return "Insert, update or remove a block of lines between marker lines in a text file"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return FileContent.firstOfRead(p.string("path"));
    }

    @Override
    public Change plan(Params p, Host host) {
        Markers markers = markers(p);
        boolean present = p.string("state").equals("present");
        FileContent.Current cur = FileContent.read(p, host, p.string("path"));
        if (!cur.exists()) {
            if (!present) return Change.none();
            if (!p.bool("create")) throw new ModuleException(cur.path() + " does not exist (create: true would create it)");
        }
        List<String> block = present ? blockLines(markers, p.string("block")) : List.of();
        List<String> after = edit(cur.lines(), markers, block);
        if (!cur.exists() && after.isEmpty()) return Change.none();
        return FileContent.write(p, cur, String.join("", after).getBytes(StandardCharsets.UTF_8));
    }

    /** Ansible's edit: remove the old block, put the new one in its place (or at the insert position). */
    private static List<String> edit(List<String> in, Markers m, List<String> block) {
        List<String> lines = new ArrayList<>(in);
        int[] old = oldBlock(lines, m);
        int at;
        if (old == null) {
            at = newBlockPosition(lines, m);
        } else {
            at = old[0];
            lines.subList(old[0], old[1] + 1).clear();
        }
        if (block.isEmpty()) return lines;
        if (at > 0 && !lines.get(at - 1).endsWith("\n")) lines.set(at - 1, lines.get(at - 1) + "\n");
        lines.addAll(at, block);
        return lines;
    }

    /**
     * The last begin marker that has an end marker after it, and that end. Ansible pairs the last
     * begin with the last end whatever their order, so a stray begin marker after the block made
     * every run delete the lines between them and never converge (found by the injection
     * fuzzer); here a marker without its partner is an ordinary line.
     */
    private static int[] oldBlock(List<String> lines, Markers m) {
        for (int b = lines.lastIndexOf(m.begin()); b >= 0; b = lines.subList(0, b).lastIndexOf(m.begin())) {
            int e = lines.subList(b + 1, lines.size()).indexOf(m.end());
            if (e >= 0) return new int[] {b, b + 1 + e};
        }
        return null;
    }

    private static int newBlockPosition(List<String> lines, Markers m) {
        if (m.anchor() == null) return m.insertBefore() != null ? 0 : lines.size();
        int last = -1;
        for (int i = 0; i < lines.size(); i++) if (m.anchor().matcher(lines.get(i)).find()) last = i;
        if (last < 0) return lines.size();
        return m.insertAfter() != null ? last + 1 : last;
    }

    private static List<String> blockLines(Markers m, String block) {
        if (block.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(List.of(m.begin()));
        String text = block.endsWith("\n") || block.endsWith("\r") ? block : block + "\n";
        for (int start = 0, nl; start < text.length(); start = nl + 1) {
            nl = text.indexOf('\n', start);
            if (nl < 0) nl = text.length() - 1;
            out.add(text.substring(start, nl + 1));
        }
        out.add(m.end());
        return out;
    }

    private static Markers markers(Params p) {
        String marker = p.string("marker");
        String begin = marker.replace("{mark}", p.string("marker_begin"));
        String end = marker.replace("{mark}", p.string("marker_end"));
        for (String s : List.of(begin, end)) {
            if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) throw new ModuleException("a marker must be one line: " + s);
        }
        if (begin.equals(end)) {
            throw new ModuleException("the begin and end markers are the same line (" + begin + "); marker needs {mark} and distinct marker_begin/marker_end");
        }
        String after = p.string("insertafter");
        String before = p.string("insertbefore");
        Pattern anchor = after != null && !after.equals("EOF") ? PyRegex.compile("insertafter", after)
                : before != null && !before.equals("BOF") ? PyRegex.compile("insertbefore", before) : null;
        return new Markers(begin + "\n", end + "\n", after, before, anchor);
    }
}
