package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escape corpus through the real command line, in every place a user's text can stand: a
 * module argument, {@code when}, {@code changed_when}, play vars (read and unread), a vars file,
 * {@code group_vars}, INI and YAML inventory vars, {@code -e key=value}, {@code -e} JSON,
 * {@code -e @file}, a template file, and registered output fed back into a template. Each run, in
 * check mode and applied, either refuses the text with a diagnostic or treats it as data; the
 * canary file never appears and nothing but our own diagnostics is printed (no internal error).
 * ExpressionEscapeTest holds the long list of spellings against the compiler itself.
 */
class ExpressionEscapeCliTest {
    /** Attacks as expressions (without braces); {@code %C} is the canary path. */
    private static final List<String> ATTACKS = List.of(
            "/*'*/ java.lang.Runtime.getRuntime().exec('touch %C') /*'*/",
            "x.Class.forName('java.lang.Runtime').getRuntime().exec('touch %C')",
            "x.getClass().forName('java.lang.Runtime').getRuntime().exec('touch %C')",
            "''.__class__.__mro__[1].__subclasses__()",
            "lookup('pipe', 'touch %C')",
            "R\\u0075ntime.getRuntime().exec('touch %C')",
            "joiner.__init__.__globals__.os.popen('touch %C')",
            "x | attr('__class__')");

    @TempDir
    Path dir;

    /** One place: the inventory, extra command-line words and the playbook that put the text there. */
    private record Place(String name, Path inventory, List<String> extra, Path playbook) { }

    @Test
    void noAttack_reachesTheJvm_fromAnyPlace() throws Exception {
        Path canary = dir.resolve("canary");
        int refusedAtLoad = 0;
        int ran = 0;
        for (String raw : ATTACKS) {
            String expr = raw.replace("%C", canary.toString());
            for (Place place : places(expr)) {
                for (String mode : List.of("--check", "--diff")) {
                    List<String> args = new ArrayList<>(List.of("play", mode, "-i", place.inventory().toString()));
                    args.addAll(place.extra());
                    args.add(place.playbook().toString());
                    Cli.Result r = Cli.run(args.toArray(String[]::new));
                    String what = place.name() + " " + mode + " <" + expr + ">\n" + r.all();
                    assertThat(canary).as(what).doesNotExist();
                    assertThat(r.all()).as(what).doesNotContain("internal error").doesNotContain("java.lang.")
                            .doesNotContain("Exception");
                    assertThat(r.exitCode()).as(what).isIn(0, 2, 4);
                    if (r.exitCode() == 4) refusedAtLoad++;
                    else ran++;
                }
            }
        }
        // both ways were taken: the spellings are refused at load, places that hold data run
        assertThat(refusedAtLoad).isGreaterThan(ATTACKS.size() * 8);
        assertThat(ran).isGreaterThan(ATTACKS.size() * 2);
    }

    /** Writes each place's files for one attack. */
    private List<Place> places(String expr) throws Exception {
        String tpl = "{{ " + expr + " }}";
        Path local = Files.createDirectories(dir.resolve("inv-local"));
        Files.writeString(local.resolve("hosts"), "me ansible_connection=local\n");
        Files.writeString(dir.resolve("attack.tpl"), "before\n" + tpl + "\n{% if " + expr + " %}x{% endif %}\n");
        Files.writeString(dir.resolve("vars.yml"), "v: " + json(tpl) + "\n");
        Files.writeString(dir.resolve("extra.json"), "{\"v\": " + json(tpl) + "}");
        String head = "- hosts: all\n  gather_facts: false\n  vars: {x: text}\n";
        String useV = "  tasks:\n    - debug: {msg: \"{{ v }}\"}\n";
        Path usesV = playbook("uses-v", head + useV);

        List<Place> out = new ArrayList<>();
        out.add(new Place("argument", local, List.of(), playbook("argument",
                head + "  tasks:\n    - debug: {msg: " + json(tpl) + "}\n")));
        out.add(new Place("when", local, List.of(), playbook("when",
                head + "  tasks:\n    - debug: {msg: hi}\n      when: " + json(expr) + "\n")));
        out.add(new Place("changed_when", local, List.of(), playbook("changed-when",
                head + "  tasks:\n    - command: {argv: [\"true\"]}\n      changed_when: " + json(expr) + "\n")));
        out.add(new Place("play vars, read and unread", local, List.of(), playbook("play-vars",
                "- hosts: all\n  gather_facts: false\n  vars: {x: text, v: " + json(tpl) + ", unused: " + json(tpl) + "}\n" + useV)));
        out.add(new Place("vars_files", local, List.of(), playbook("vars-files",
                head + "  vars_files: [" + dir.resolve("vars.yml") + "]\n" + useV)));
        out.add(new Place("-e k=v", local, List.of("-e", "v=" + tpl), usesV));
        out.add(new Place("-e json", local, List.of("-e", "{\"v\": " + json(tpl) + "}"), usesV));
        out.add(new Place("-e @file", local, List.of("-e", "@" + dir.resolve("extra.json")), usesV));
        out.add(new Place("template file", local, List.of(), playbook("template",
                head + "  tasks:\n    - template: {src: " + dir.resolve("attack.tpl") + ", dest: " + dir.resolve("out.txt") + "}\n")));
        out.add(new Place("registered output", local, List.of(), playbook("registered",
                head + "  tasks:\n    - command: {argv: [printf, \"%s\", " + json(tpl) + "]}\n      register: r\n"
                        + "    - debug: {msg: \"{{ r.stdout }}\"}\n")));
        Path ini = Files.createDirectories(dir.resolve("inv-ini"));
        Files.writeString(ini.resolve("hosts"), "me ansible_connection=local v=\"" + tpl.replace("\"", "\\\"") + "\"\n");
        out.add(new Place("INI inventory vars", ini, List.of(), usesV));
        Path yaml = Files.createDirectories(dir.resolve("inv-yaml"));
        Files.writeString(yaml.resolve("hosts.yml"), "all:\n  hosts:\n    me: {ansible_connection: local, v: " + json(tpl) + "}\n");
        out.add(new Place("YAML inventory vars", yaml, List.of(), usesV));
        Path gv = Files.createDirectories(dir.resolve("inv-gv/group_vars"));
        Files.writeString(dir.resolve("inv-gv/hosts"), "me ansible_connection=local\n");
        Files.writeString(gv.resolve("all.yml"), "v: " + json(tpl) + "\n");
        out.add(new Place("group_vars", dir.resolve("inv-gv"), List.of(), usesV));
        return out;
    }

    private Path playbook(String name, String text) throws Exception {
        Path p = dir.resolve("pb-" + name + ".yml");
        Files.writeString(p, text);
        return p;
    }

    private static String json(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    }
}
