package dev.rigger.engine.exec;

import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.List;
import java.util.Map;

/**
 * Learns which probes a module's plan asks first, without asking the host: the plan runs
 * against this stand-in, which notes the first request and stops the plan there. Plans are
 * pure functions of parameters and probe answers, so running one twice is harmless.
 */
final class ProbeRecorder implements Host {
    /** Stops the plan at its first probe; a stack trace would be wasted work. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private final Host host;
    private List<Probe> asked = List.of();

    private ProbeRecorder(Host host) {
        this.host = host;
    }

    static List<Probe> firstAsked(Module module, Params params, Host host) {
        ProbeRecorder r = new ProbeRecorder(host);
        try {
            module.plan(params, r);
        } catch (RuntimeException e) {
            // Stop, or the plan failing without answers: either way, what was asked is known
        }
        return r.asked;
    }

    @Override
    public String name() {
        return host.name();
    }

    @Override
    public Map<String, Object> facts() {
        return host.facts();
    }

    @Override
    public boolean previewing() {
        return host.previewing();
    }

    @Override
    public List<ProbeResult> probe(List<Probe> probes) {
        if (asked.isEmpty()) asked = List.copyOf(probes);
        throw new Stop();
    }
}
