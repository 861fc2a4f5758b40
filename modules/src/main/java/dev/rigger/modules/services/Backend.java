package dev.rigger.modules.services;

import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import java.util.List;

/** How one host starts, stops, enables and disables a service: the commands, never a shell. */
sealed interface Backend {

    String name();

    /** {@code action} is start, stop, restart or reload. */
    Step control(String service, String action);

    List<Step> enable(String service);

    List<Step> disable(String service);

    /** systemd, or anything answering as systemctl (the lab's daemonless replacement). */
    record Systemd() implements Backend {
        public String name() { return "systemd"; }

        public Step control(String service, String action) { return Step.Run.of("systemctl", action, service); }

        public List<Step> enable(String service) { return List.of(Step.Run.of("systemctl", "enable", service)); }

        public List<Step> disable(String service) { return List.of(Step.Run.of("systemctl", "disable", service)); }
    }

    /**
     * An init script in {@code /etc/init.d}, run through {@code service} when the host has it;
     * boot links made with Debian's {@code update-rc.d} or Red Hat's {@code chkconfig}.
     *
     * @param viaService whether {@code service} exists
     * @param linker     {@code update-rc.d}, {@code chkconfig}, or null when neither exists
     */
    record Sysv(boolean viaService, String linker) implements Backend {
        public String name() { return "sysv"; }

        public Step control(String service, String action) {
            return viaService ? Step.Run.of("service", service, action) : Step.Run.of("/etc/init.d/" + service, action);
        }

        public List<Step> enable(String service) {
            return switch (requireLinker()) {
                case "update-rc.d" -> List.of(Step.Run.of("update-rc.d", service, "defaults"), Step.Run.of("update-rc.d", service, "enable"));
                default -> List.of(Step.Run.of("chkconfig", "--add", service), Step.Run.of("chkconfig", service, "on"));
            };
        }

        public List<Step> disable(String service) {
            return switch (requireLinker()) {
                case "update-rc.d" -> List.of(Step.Run.of("update-rc.d", service, "disable"));
                default -> List.of(Step.Run.of("chkconfig", service, "off"));
            };
        }

        private String requireLinker() {
            if (linker == null) throw new ModuleException("cannot change boot links of an init script: the host has neither update-rc.d nor chkconfig");
            return linker;
        }
    }
}
