package dev.rigger.modules.selinux;

import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;

/**
 * SELinux's running state as libselinux reads it (is_selinux_enabled, security_getenforce): the
 * kernel's selinuxfs file {@code /sys/fs/selinux/enforce} holds 1 (enforcing) or 0 (permissive);
 * without it SELinux is disabled. Read as a file, so no SELinux tool is needed to know.
 */
public enum SelinuxRuntime {
    ENFORCING, PERMISSIVE, DISABLED;

    static final String ENFORCE = "/sys/fs/selinux/enforce";

    public static Probe probe() {
        return new Probe.Read(ENFORCE);
    }

    public static SelinuxRuntime of(ProbeResult enforce) {
        if (!enforce.ok()) return DISABLED;
        return enforce.text().strip().equals("0") ? PERMISSIVE : ENFORCING;
    }

    String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
