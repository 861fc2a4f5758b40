package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What set_fact keys written as templates can set, for the load-time check of names: Ansible
 * renders such a key per host, so the name is known at run time only. Where the load can still
 * tell, the check stays as strict as for a written name:
 * <ul>
 * <li>{@code "{{ item.key }}"} over {@code with_dict: "{{ X }}"} (or {@code loop: "{{ X | dict2items }}"}),
 *     X an include_vars {@code name:} or a mapping in the play's or role's vars: the keys X can hold;</li>
 * <li>a key with written parts ({@code "{{ app }}_port"}): any name of that shape;</li>
 * <li>any other: any name at all, with a warning at the task that the check cannot tell a typo
 *     in this run from a name the task sets.</li>
 * </ul>
 */
final class TemplatedFactNames {
    private static final Pattern ITEM_KEY = Pattern.compile("\\{\\{\\s*(\\w+)\\.key\\s*}}");
    private static final Pattern WHOLE_NAME = Pattern.compile("\\{\\{\\s*(\\w+)\\s*(\\|\\s*dict2items\\s*)?}}");

    private final Set<String> names = new LinkedHashSet<>();
    private final List<Pattern> shapes = new ArrayList<>();
    private boolean any;

    /** Adds what the templated keys of {@code all} (the tasks of {@code play}) can set. */
    void add(Play play, List<Task> all, Diagnostics diags) {
        for (Task t : all) {
            for (String key : KeyValueArgs.templatedNames(t)) {
                Set<String> fromDict = fromDict(key, t, play, all);
                if (fromDict != null) {
                    names.addAll(fromDict);
                } else if (key.replaceAll("\\{\\{.*?}}", "").matches("\\w+")) {
                    shapes.add(shape(key));
                } else {
                    any = true;
                    diags.warning(t.moduleLocation(), "set_fact key '" + key + "' is a variable name known at run time only: "
                            + "names read in this run that nothing else sets are not reported as undefined at load");
                }
            }
        }
    }

    /** The names known besides the written ones: of a shape, or any when a key could be any name. */
    Predicate<String> known() {
        boolean anyName = any;
        List<Pattern> s = List.copyOf(shapes);
        return n -> anyName || s.stream().anyMatch(p -> p.matcher(n).matches());
    }

    Set<String> names() {
        return names;
    }

    /** {@code "{{ app }}_port"} -> {@code \w+_port}: the written parts as they are, each {{ }} some name characters. */
    private static Pattern shape(String key) {
        StringBuilder re = new StringBuilder();
        Matcher m = Pattern.compile("\\{\\{.*?}}").matcher(key);
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(key.substring(last, m.start()))).append("\\w*");
            last = m.end();
        }
        re.append(Pattern.quote(key.substring(last)));
        return Pattern.compile(re.toString());
    }

    /** The keys the looped mapping can hold, for a key {@code "{{ item.key }}"}; null when the load cannot tell. */
    private static Set<String> fromDict(String key, Task t, Play play, List<Task> all) {
        Matcher k = ITEM_KEY.matcher(key.strip());
        if (!k.matches() || !k.group(1).equals(t.loopVar()) || !(t.loop() instanceof YNode.Scalar s) || s.value() == null) return null;
        Matcher w = WHOLE_NAME.matcher(s.text().strip());
        boolean dictLoop = "dict".equals(t.loopControl().lookup()) || (t.loopControl().lookup() == null && w.matches() && w.group(2) != null);
        if (!dictLoop || !w.matches()) return null;
        String source = w.group(1);
        Set<String> out = new LinkedHashSet<>();
        boolean found = false;
        for (Task i : all) {
            if (source.equals(IncludedNames.name(i))) {
                found = true;
                out.addAll(IncludedNames.fileKeys(i, play.baseDir()));
            }
        }
        for (Map<String, Object> vars : varsOf(t, play)) {
            if (vars.get(source) instanceof Map<?, ?> m) {
                found = true;
                m.keySet().forEach(n -> out.add(String.valueOf(n)));
            }
        }
        return found ? out : null;
    }

    private static List<Map<String, Object>> varsOf(Task t, Play play) {
        List<Map<String, Object>> out = new ArrayList<>(List.of(play.vars(), t.vars()));
        if (t.role() != null) out.addAll(List.of(t.role().defaults(), t.role().vars()));
        return out;
    }
}
