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
import java.util.List;

/**
 * A whole file from {@code content} or from a local file beside the playbook ({@code src}).
 * The checksum of what is there decides first, so an unchanged file costs one stat and
 * transfers nothing; see {@link FileContent#replace}.
 */
public final class CopyModule implements Module {
    private static final ParamSpec SPEC = SelinuxContext.declare(FileContent.declare(ParamSpec.builder()
            .add(Param.string("dest").required().absoluteOrHomePath().doc("the file to write; a folder (or a path ending in /) receives src under its own name"))
            .add(Param.string("src").doc("a local file, looked up beside the playbook and in its files/ folder; with remote_src, a file or folder on the host (a trailing / copies the folder's content)"))
            .add(Param.bool("remote_src").defaultValue(false).doc("src is on the host, not beside the playbook: a file is compared by checksum, a folder is mirrored into dest (nothing removed), owner and group go to the whole copied tree"))
            .add(Param.string("content").doc("the whole content, instead of src"))
            .add(Param.bool("force").aliases("thirsty").defaultValue(true)
                    .doc("replace a file whose content differs; false writes only when dest does not exist"))))
            .mutuallyExclusive("src", "content")
            .requireOneOf("src", "content")
            .requiredIf("remote_src", true, "src")
            .build();

    @Override
    public String name() { return "copy"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.copy"); }

    @Override
    public String summary() { return "Write a file from inline content or a local file, only when its checksum differs"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        if (HomePath.isHome(p.string("dest"))) return List.of(HomePath.probe(p.string("dest")));   // '~' first, expanded on the host
        if (p.bool("remote_src")) return RemoteCopy.firstProbes(p);
        return FileContent.firstOfReplace(destination(p.string("dest"), p.string("src")));
    }

    @Override
    public Change plan(Params p, Host host) {
        if (HomePath.isHome(p.string("dest"))) p = HomePath.expanded(p, "dest", host);
        if (p.bool("remote_src")) return SelinuxContext.checked(RemoteCopy.plan(p, host), p, host);
        String src = p.string("src");
        String dest = destination(p.string("dest"), src);
        byte[] want = src != null ? p.localFile(src) : p.string("content").getBytes(StandardCharsets.UTF_8);
        return SelinuxContext.checked(FileContent.replace(p, host, dest, src, want), p, host);
    }

    /** A dest ending in / names a folder: the file keeps src's name there (as in Ansible). */
    static String destination(String dest, String src) {
        if (!dest.endsWith("/")) return dest;
        if (src == null) throw new ModuleException("dest " + dest + " is a folder; content needs a file name");
        return dest + src.substring(src.lastIndexOf('/') + 1);
    }
}
