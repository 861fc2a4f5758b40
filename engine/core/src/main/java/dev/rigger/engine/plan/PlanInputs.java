package dev.rigger.engine.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a plan was made from: every file whose content shapes it (playbooks and what they
 * import, vars files, the inventory with its group_vars/host_vars, and the files/ and
 * templates/ folders beside the playbooks), each with its SHA-256. A plan is applied only to
 * the same inputs.
 */
public final class PlanInputs {
    private PlanInputs() { }

    public static Map<String, String> digest(Path inventory, Collection<Path> yamlRead) {
        TreeSet<Path> files = new TreeSet<>();
        files.add(inventory.toAbsolutePath().normalize());
        Path invDir = inventory.toAbsolutePath().getParent();
        files.addAll(under(invDir.resolve("group_vars")));
        files.addAll(under(invDir.resolve("host_vars")));
        for (Path p : yamlRead) {
            files.add(p.toAbsolutePath().normalize());
            files.addAll(under(p.toAbsolutePath().getParent().resolve("files")));
            files.addAll(under(p.toAbsolutePath().getParent().resolve("templates")));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Path f : files) out.put(f.toString(), sha256(f));
        return out;
    }

    /** The inputs that differ between a plan and now: changed, missing or new files. */
    public static List<String> changes(Map<String, String> planned, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        planned.forEach((f, h) -> {
            if (!now.containsKey(f)) out.add(f + " is gone");
            else if (!now.get(f).equals(h)) out.add(f + " changed");
        });
        now.keySet().stream().filter(f -> !planned.containsKey(f)).forEach(f -> out.add(f + " is new"));
        return out;
    }

    private static List<Path> under(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException e) {
            return "unreadable";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
