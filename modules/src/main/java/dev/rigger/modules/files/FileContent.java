package dev.rigger.modules.files;

import dev.rigger.modules.PythonText;
import dev.rigger.spi.Words;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What lineinfile, blockinfile, copy and template share: find out what a file holds now, and
 * turn "it should hold these bytes" into diffs plus one atomic write (or only chmod/chown when
 * the content is already right). The modules compute the new content; this class gets there.
 */
final class FileContent {
    /** Larger (or binary) content is summarised in the diff, as Ansible's diff_max_size does. */
    static final int DIFF_LIMIT = 100 * 1024;

    private FileContent() { }

    /** A file as probed: its state, its bytes when they were read (else null), whether its folder exists. */
    record Current(FileState file, byte[] bytes, boolean folderExists) {
        String path() {
            return file.path();
        }

        boolean exists() {
            return file.exists();
        }

        /** The content as lines, each with its terminator (Python's readlines); none when absent. */
        List<String> lines() {
            if (bytes == null || bytes.length == 0) return List.of();
            String text = utf8(bytes).orElseThrow(() -> new ModuleException(path() + " is not UTF-8 text; only text files can be edited"));
            return PythonText.readBinaryLines(text);
        }
    }

    /** Declares mode, owner, group, backup and validate: the write options of every module here. */
    static ParamSpec.Builder declare(ParamSpec.Builder b) {
        return Attributes.declare(b)
                .add(Param.bool("backup").defaultValue(false).doc("keep a copy of the old file as PATH.PID.DATE@TIME~ (never overwriting one; registered as backup_file) when the content changes"))
                .add(Param.string("validate").doc("command run on the new content before it replaces the file; %s is the temporary file's path, e.g. 'visudo -cf %s'. Not run through a shell"));
    }

    /** State and content in one round trip (for modules that edit what is there). */
    static Current read(Params p, Host host, String path) {
        validateArgv(p);
        return requireFile(probe(host, path, true));
    }

    /**
     * copy and template: the checksum from the stat decides; the old content is read (for the
     * diff) only when it differs, and nothing is sent when it matches.
     *
     * @param srcName when the destination is a folder, the file is written inside it under this name
     */
    static Change replace(Params p, Host host, String dest, String srcName, byte[] want) {
        return replace(p, host, srcName, current(host, dest, false, host.probe(probes(dest, false))), sha256(want), () -> want);
    }

    /**
     * The same, for content known first by its checksum ({@code wantSha256}) and read only when
     * it must be written; {@code first} is what {@link #firstOfReplace} answered about dest.
     */
    static Change replace(Params p, Host host, String srcName, Current first, String wantSha256, Supplier<byte[]> want) {
        validateArgv(p);
        Current cur = first;
        if (cur.file().type() == FileState.Type.DIRECTORY && srcName != null) {
            cur = probe(host, inFolder(cur.path(), srcName), false);
        }
        requireFile(cur);
        if (cur.exists() && !p.bool("force")) return Change.none();
        if (!cur.exists() && !cur.folderExists()) throw new ModuleException("destination directory " + parent(cur.path()) + " does not exist");
        if (cur.exists() && wantSha256.equals(cur.file().sha256())) return attributesOnly(p, cur.file());
        if (cur.exists() && cur.file().size() <= DIFF_LIMIT) {
            ProbeResult r = host.probe(List.of(new Probe.Read(cur.path()))).get(0);
            cur = new Current(cur.file(), bytesOf(r, cur.path()), true);
        }
        return write(p, cur, want.get());
    }

    /** Diffs and steps that make {@code cur} hold {@code want} with the task's attributes. */
    static Change write(Params p, Current cur, byte[] want) {
        if (cur.exists() && cur.bytes() != null && Arrays.equals(cur.bytes(), want)) return attributesOnly(p, cur.file());
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (!cur.exists() && !cur.folderExists()) {
            diffs.add(Diff.create(parent(cur.path()), "directory"));
            steps.add(Step.Run.of("mkdir", "-p", "--", parent(cur.path())));
        }
        diffs.add(cur.exists() ? Diff.update(cur.path(), shown(cur), shown(want)) : Diff.create(cur.path(), shown(want)));
        diffs.addAll(Attributes.diffs(p, cur.file()));
        steps.add(new Step.WriteFile(cur.path(), want, Attributes.newFileMode(p, cur.file()), p.string("owner"), p.string("group"),
                p.bool("backup"), validateArgv(p)));
        return Change.of(diffs, steps);
    }

    static Change attributesOnly(Params p, FileState file) {
        List<Diff> attrs = Attributes.diffs(p, file);
        return Change.of(attrs, Attributes.steps(p, file.path(), attrs));
    }

    /** What {@link #read} asks first about {@code path}: its declared first probes. */
    static List<Probe> firstOfRead(String path) {
        return probes(path, true);
    }

    /** What {@link #replace} asks first about {@code dest}: its declared first probes. */
    static List<Probe> firstOfReplace(String dest) {
        return probes(dest, false);
    }

    /** Stat (and content) of a file, and its folder's stat. */
    private static List<Probe> probes(String path, boolean withContent) {
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Stat(path), new Probe.Stat(parent(path))));
        if (withContent) probes.add(new Probe.Read(path));
        return probes;
    }

    /** Stat (and content), plus the folder's stat for create; a symlink is followed to its target. */
    private static Current probe(Host host, String path, boolean withContent) {
        return current(host, path, withContent, host.probe(probes(path, withContent)));
    }

    /** What {@link #probes} answered about {@code path}, a symlink followed to its target. */
    static Current current(Host host, String path, boolean withContent, List<ProbeResult> r) {
        FileState file = r.get(0).fileState();
        if (file == null) throw new ModuleException("cannot inspect " + path + ": " + r.get(0).error().trim());
        if (file.type() == FileState.Type.LINK) {
            String target = realPath(host, path);
            if (target.equals(path)) throw new ModuleException(path + " is a symlink that cannot be resolved");
            return probe(host, target, withContent);
        }
        FileState folder = r.get(1).fileState();
        byte[] bytes = withContent && file.exists() ? bytesOf(r.get(2), path) : null;
        return new Current(file, bytes, folder != null && folder.exists());
    }

    static String realPath(Host host, String path) {
        ProbeResult r = host.probe(List.of(new Probe.Run(List.of("realpath", "--", path)))).get(0);
        if (!r.ok()) throw new ModuleException("cannot resolve the symlink " + path + ": " + r.error().trim());
        String out = r.text();
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    private static Current requireFile(Current cur) {
        FileState.Type t = cur.file().type();
        if (t != FileState.Type.ABSENT && t != FileState.Type.FILE) {
            throw new ModuleException(cur.path() + " is a " + t.name().toLowerCase() + ", not a file");
        }
        return cur;
    }

    private static byte[] bytesOf(ProbeResult r, String path) {
        if (!r.ok()) throw new ModuleException("cannot read " + path + ": " + r.error().trim());
        return r.output();
    }

    /** The validate command as argv (split without a shell), or null; it must name the file with %s. */
    private static List<String> validateArgv(Params p) {
        if (!p.has("validate")) return null;
        String cmd = p.string("validate");
        if (!cmd.contains("%s")) throw new ModuleException("validate must contain %s (the new file's temporary path): " + cmd);
        List<String> argv = Words.split(cmd);
        if (argv.isEmpty()) throw new ModuleException("validate is empty");
        return argv;
    }

    /** The text for the diff, or a one-line summary for binary or large content. */
    private static String shown(Current cur) {
        if (cur.bytes() != null) return shown(cur.bytes());
        return summary(cur.file().size(), cur.file().sha256());
    }

    private static String shown(byte[] b) {
        if (b.length <= DIFF_LIMIT) {
            var text = utf8(b);
            if (text.isPresent() && text.get().indexOf('\0') < 0) return text.get();
        }
        return summary(b.length, sha256(b));
    }

    private static String summary(long size, String sha) {
        return "(" + size + " bytes, sha256 " + sha + ")";
    }

    private static Optional<String> utf8(byte[] b) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/', path.length() - 2);
        if (slash < 0) return ".";
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private static String inFolder(String folder, String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return folder.endsWith("/") ? folder + base : folder + "/" + base;
    }
}
