package dev.rigger.modules.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ansible's {@code include_vars}: variables from local YAML/JSON files (one, or every file of a
 * folder), found in a role's {@code vars/} folder first, then beside the task file and the
 * playbook. The engine gives them the precedence Ansible does (above the play's and task's
 * vars, below {@code set_fact} and registered results) from this task on; values that are
 * templates are rendered when read. Touches no host.
 */
public final class IncludeVarsModule implements Module {
    /** Made on first use: every run makes each module, and a Jackson mapper's first one costs ~30 ms. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }
    private static final ParamSpec SPEC = ParamSpec.builder().freeForm()
            .add(Param.string("file").aliases("_raw").doc("the file to read (free form: include_vars: FILE)"))
            .add(Param.string("dir").doc("read every file of this folder whose extension is one of extensions, in path order"))
            .add(Param.string("name").doc("put the variables under this one name instead of at the top"))
            .add(Param.integer("depth").defaultValue(0).doc("with dir: how deep to go into subfolders (0: all the way)"))
            .add(Param.string("files_matching").doc("with dir: only files whose name matches this regular expression"))
            .add(Param.list("ignore_files").defaultValue(List.of()).doc("with dir: file names (regular expressions) to leave out"))
            .add(Param.list("extensions").defaultValue(List.of("yaml", "yml", "json")).doc("with dir: the extensions read"))
            .add(Param.bool("ignore_unknown_extensions").defaultValue(false)
                    .doc("with dir: leave files of other extensions out instead of failing"))
            .mutuallyExclusive("file", "dir")
            .build();

    @Override
    public String name() { return "include_vars"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.include_vars"); }

    @Override
    public String summary() { return "Read variables from local YAML/JSON files for the tasks after this one; changes nothing"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- include_vars: \"{{ ansible_os_family }}.yml\"\n- include_vars: {dir: vars/site, name: site}";
    }

    @Override
    public Change plan(Params p, Host host) {
        List<String> files;
        if (p.has("dir")) {
            files = inFolder(p, p.string("dir"));
        } else if (p.has("file")) {
            files = p.localFiles(p.string("file"), "vars");
            if (files.isEmpty()) throw new ModuleException("Could not find or access '" + p.string("file") + "'");
        } else {
            throw new ModuleException("one of file or dir is required");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String f : files) vars.putAll(read(p, f));
        Map<String, Object> facts = p.has("name") ? Map.of(p.string("name"), vars) : vars;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ansible_facts", facts);
        out.put("ansible_included_var_files", files);
        return Change.none(out);
    }

    private static List<String> inFolder(Params p, String dir) {
        List<String> all = p.localFiles(dir, "vars");
        if (all.isEmpty()) throw new ModuleException(dir + " directory does not exist");
        Path root = commonRoot(all, dir);
        int depth = p.integer("depth");
        Pattern matching = p.has("files_matching") ? Pattern.compile(p.string("files_matching")) : null;
        List<Pattern> ignore = p.list("ignore_files").stream().map(Pattern::compile).toList();
        List<String> out = new ArrayList<>();
        for (String f : all) {
            Path path = Path.of(f);
            String name = path.getFileName().toString();
            if (depth > 0 && root != null && root.relativize(path).getNameCount() > depth) continue;
            if (matching != null && !matching.matcher(name).matches()) continue;
            if (ignore.stream().anyMatch(i -> i.matcher(name).matches())) continue;
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            if (!p.list("extensions").contains(ext)) {
                if (p.bool("ignore_unknown_extensions")) continue;
                throw new ModuleException(f + " does not have a valid extension: " + String.join(", ", p.list("extensions")));
            }
            out.add(f);
        }
        return out;
    }

    /** The folder the files were found under: the longest path ending in {@code dir} that is a parent of the first. */
    private static Path commonRoot(List<String> files, String dir) {
        Path p = Path.of(files.get(0)).getParent();
        Path want = Path.of(dir).normalize();
        while (p != null && !p.endsWith(want)) p = p.getParent();
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Params p, String file) {
        String text = new String(p.localFile(file), StandardCharsets.UTF_8);
        if (text.startsWith("$ANSIBLE_VAULT")) {
            throw new ModuleException(file + " is vault-encrypted: include_vars reads no vault files yet; name it in the play's vars_files");
        }
        if (text.isBlank()) return Map.of();
        try {
            Object v = Yaml.MAPPER.readValue(text, Object.class);
            if (v == null) return Map.of();
            if (!(v instanceof Map<?, ?> m)) throw new ModuleException(file + " must be stored as a dictionary/hash");
            return (Map<String, Object>) m;
        } catch (IOException e) {
            throw new ModuleException(file + ": " + e.getMessage());
        }
    }
}
