package dev.rigger.engine.expr;

/**
 * A read of another host's variables: {@code hostvars[<indexSource>].<attribute>}.
 *
 * @param indexSource expression source of the bracket contents, e.g. {@code 'k8s-master'} or {@code groups['master'][0]}
 * @param attribute   the first property read after it (from {@code .name} or {@code ['name']}); {@code null}
 *                    when the expression reads the host's variables as a whole or by a computed key
 */
public record HostvarsRef(String indexSource, String attribute) {}
