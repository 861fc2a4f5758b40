package dev.rigger.modules.utilities;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's pause in its non-interactive form: wait {@code seconds} or {@code minutes}, touching
 * nothing (ok, never changed, in check mode too, as Ansible). Waiting for a key press
 * ({@code prompt}, or no duration at all) is refused at load: a Rigger run is unattended.
 */
public final class PauseModule implements Module {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.integer("seconds").doc("how long to wait, in seconds"))
            .add(Param.integer("minutes").doc("how long to wait, in minutes"))
            .add(Param.string("prompt").doc("Ansible's text shown while waiting for a key press: refused (a Rigger run is unattended)"))
            .add(Param.bool("echo").defaultValue(true).doc("with prompt only, as in Ansible: whether typed keys are shown"))
            .mutuallyExclusive("seconds", "minutes")
            .requireOneOf("seconds", "minutes")
            .refused("prompt", "a Rigger run is unattended and never waits for a key press; give seconds or minutes, or wait for a condition with wait_for")
            .build();

    @Override public String name() { return "pause"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.pause"); }
    @Override public String summary() { return "Wait a number of seconds or minutes (the non-interactive pause); changes nothing"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- pause:\n    seconds: 10\n";
    }

    @Override
    public Change plan(Params p, Host host) {
        boolean minutes = p.has("minutes");
        long seconds = Math.max(1, minutes ? 60L * p.integer("minutes") : p.integer("seconds"));   // Ansible waits at least 1 s
        LocalDateTime start = LocalDateTime.now();
        long began = System.nanoTime();
        try {
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("pause interrupted");
        }
        double took = (System.nanoTime() - began) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("start", STAMP.format(start));
        out.put("stop", STAMP.format(LocalDateTime.now()));
        out.put("delta", (long) took);
        out.put("echo", p.bool("echo"));
        out.put("user_input", "");
        out.put("rc", 0);
        out.put("stderr", "");
        out.put("stdout", "Paused for " + Math.round((minutes ? took / 60 : took) * 100) / 100.0 + (minutes ? " minutes" : " seconds"));
        return Change.none(out);
    }
}
