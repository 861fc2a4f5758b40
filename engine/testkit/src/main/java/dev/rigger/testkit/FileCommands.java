package dev.rigger.testkit;

import dev.rigger.spi.FileState;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The file commands modules run as steps, applied to a {@link ScriptedHost}'s state as
 * coreutils would: {@code mkdir [-p] [-m MODE]}, {@code rm [-f] [-r]}, {@code ln -s[f][n]},
 * {@code chmod MODE} (octal), {@code chown USER[:GROUP]}, {@code chgrp GROUP}, {@code touch}.
 * Any other program runs as scripted.
 */
final class FileCommands {
    private FileCommands() { }

    static StepResult apply(ScriptedHost h, Step.Run step) {
        List<String> argv = step.argv();
        List<String> flags = new ArrayList<>();
        List<String> args = new ArrayList<>();
        boolean operands = false;
        for (String a : argv.subList(1, argv.size())) {
            if (!operands && a.equals("--")) operands = true;
            else if (!operands && a.startsWith("-") && a.length() > 1) flags.add(a);
            else args.add(a);
        }
        return switch (argv.get(0)) {
            case "mkdir" -> mkdir(h, step, flags, args);
            case "rm" -> rm(h, step, flags, args);
            case "ln" -> ln(h, step, flags, args);
            case "chmod" -> chmod(h, step, args);
            case "chown", "chgrp" -> chown(h, step, argv.get(0).equals("chgrp"), args);
            case "touch" -> touch(h, step, args);
            default -> h.scripted(step, String.join(" ", argv));
        };
    }

    private static StepResult mkdir(ScriptedHost h, Step.Run s, List<String> flags, List<String> args) {
        int mode = 0755;
        List<String> paths = new ArrayList<>(args);
        int m = flags.indexOf("-m");
        if (m >= 0) mode = Integer.parseInt(paths.remove(0), 8);
        for (String p : paths) {
            FileState f = h.state(p);
            if (f.type() == FileState.Type.DIRECTORY && flags.contains("-p")) continue;
            if (f.exists()) return fail(s, "mkdir: cannot create directory '" + p + "': File exists");
            h.dir(p, mode, h.user(), h.group());
        }
        return ok(s);
    }

    private static StepResult rm(ScriptedHost h, Step.Run s, List<String> flags, List<String> args) {
        String all = String.join("", flags);
        for (String p : args) {
            FileState f = h.state(p);
            if (!f.exists() && !all.contains("f")) return fail(s, "rm: cannot remove '" + p + "': No such file or directory");
            if (f.type() == FileState.Type.DIRECTORY && !all.contains("r")) return fail(s, "rm: cannot remove '" + p + "': Is a directory");
            h.remove(p);
        }
        return ok(s);
    }

    private static StepResult ln(ScriptedHost h, Step.Run s, List<String> flags, List<String> args) {
        String all = String.join("", flags);
        if (!all.contains("s") || args.size() != 2) return h.scripted(s, String.join(" ", s.argv()));
        String link = args.get(1);
        if (h.state(link).exists()) {
            if (!all.contains("f")) return fail(s, "ln: failed to create symbolic link '" + link + "': File exists");
            if (h.state(link).type() == FileState.Type.DIRECTORY) return fail(s, "ln: " + link + ": cannot overwrite directory");
            h.remove(link);
        }
        h.link(link, args.get(0));
        return ok(s);
    }

    private static StepResult chmod(ScriptedHost h, Step.Run s, List<String> args) {
        if (args.size() < 2 || !args.get(0).matches("[0-7]{3,4}")) {
            return fail(s, "ScriptedHost applies chmod with an octal mode only: " + String.join(" ", s.argv()));
        }
        int mode = Integer.parseInt(args.get(0), 8);
        for (String p : args.subList(1, args.size())) {
            if (!h.state(p).exists()) return fail(s, "chmod: cannot access '" + p + "': No such file or directory");
            h.attributes(p, mode, null, null);
        }
        return ok(s);
    }

    private static StepResult chown(ScriptedHost h, Step.Run s, boolean groupOnly, List<String> args) {
        if (args.size() < 2) return fail(s, "missing operand");
        String who = args.get(0);
        String owner = groupOnly ? null : who.contains(":") ? emptyToNull(who.substring(0, who.indexOf(':'))) : who;
        String group = groupOnly ? who : who.contains(":") ? emptyToNull(who.substring(who.indexOf(':') + 1)) : null;
        for (String p : args.subList(1, args.size())) {
            if (!h.state(p).exists()) return fail(s, s.argv().get(0) + ": cannot access '" + p + "': No such file or directory");
            h.attributes(p, null, owner, group);
        }
        return ok(s);
    }

    private static StepResult touch(ScriptedHost h, Step.Run s, List<String> args) {
        for (String p : args) if (!h.state(p).exists()) h.put(p, new byte[0], 0644, h.user(), h.group());
        return ok(s);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static StepResult ok(Step s) {
        return new StepResult(s, 0, "", "");
    }

    private static StepResult fail(Step s, String why) {
        return new StepResult(s, 1, "", why);
    }
}
