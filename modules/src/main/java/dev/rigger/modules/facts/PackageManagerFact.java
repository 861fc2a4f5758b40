package dev.rigger.modules.facts;

import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ansible_pkg_mgr} fact alone, decided as setup decides it (the distribution's family,
 * then the package managers present): what {@code package} dispatches by.
 */
public final class PackageManagerFact {
    private static final Probe PROBE = new Probe.Shell(SetupModule.script(EnumSet.of(FactGroup.DISTRIBUTION, FactGroup.PKG_MGR)));

    private PackageManagerFact() { }

    /** The one probe that answers it. */
    public static Probe probe() { return PROBE; }

    /** {@code apt}, {@code dnf}, {@code yum}, ... or {@code unknown}, from the probe's answer. */
    public static String of(ProbeResult r) {
        Map<FactGroup, String> parts = SetupModule.split(new String(r.output(), StandardCharsets.UTF_8));
        Map<String, Object> out = new LinkedHashMap<>();
        SystemFacts.distribution(parts.getOrDefault(FactGroup.DISTRIBUTION, ""), out);
        SystemFacts.pkgMgr(parts.getOrDefault(FactGroup.PKG_MGR, ""), out);
        return String.valueOf(out.getOrDefault("pkg_mgr", "unknown"));
    }
}
