package dev.rigger.engine.model;

import java.util.List;

/**
 * How a task loops: the lookup of a {@code with_<lookup>} loop (null for {@code loop:}) and what
 * {@code loop_control} sets.
 *
 * @param lookup   {@code items}, {@code dict}, ... for {@code with_<lookup>}; null for {@code loop:} and no loop
 * @param loopVar  the item's name ({@code item} unless {@code loop_var})
 * @param indexVar the name given the item's index from 0 ({@code index_var}), or null
 * @param extended whether {@code ansible_loop} is set ({@code extended})
 * @param allItems whether {@code ansible_loop.allitems} is set ({@code extended_allitems}, true unless false)
 */
public record LoopControl(String lookup, String loopVar, String indexVar, boolean extended, boolean allItems) {
    /**
     * The lookups a {@code with_} loop may name: exec's LoopLookups makes the items of the first ones,
     * the expression library's lookup plugins of the others (as Ansible, with_X is query('X', ...)).
     */
    public static final List<String> LOOKUPS = List.of("items", "list", "dict", "nested", "cartesian", "together",
            "subelements", "sequence", "indexed_items", "flattened",
            "env", "file", "template", "vars", "varnames", "first_found", "fileglob", "pipe");

    /**
     * The lookup {@code with_NAME} names, in the short form of {@link #LOOKUPS} (ansible.builtin.items
     * is items, community.general.flattened is flattened, as Ansible's plugin routing), or null.
     */
    public static String lookup(String name) {
        String n = name.replaceFirst("^ansible\\.(builtin|legacy)\\.", "");
        if (n.equals("community.general.flattened") || n.equals("community.general.cartesian")) n = n.substring("community.general.".length());
        return LOOKUPS.contains(n) ? n : null;
    }

    /** A plain {@code loop:} (or none) with the default item name. */
    public static final LoopControl PLAIN = new LoopControl(null, "item", null, false, true);
}
