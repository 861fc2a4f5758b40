package dev.rigger.engine.expr.lib;

import java.util.Map;
import java.util.Set;

/**
 * The filters, tests, global functions and methods of Rigger's Jinja2, with Ansible 2.14's
 * semantics. The interpreter looks names up here; every family registers in {@link #standard()}.
 * Only values of the model of {@link dev.rigger.engine.expr.eval.Py} go in and come out, and
 * nothing here reaches a Java method of a value by name.
 */
public final class Library {
    private static final Library STANDARD = build();
    private static final Set<String> ACCEPTS_UNDEFINED = Set.of("default", "d", "mandatory", "defined", "undefined");

    private final Map<String, Filter> filters;
    private final Map<String, Test> tests;
    private final Map<String, Function> functions;

    private Library(Registry r) {
        this.filters = Map.copyOf(r.filters);
        this.tests = Map.copyOf(r.tests);
        this.functions = Map.copyOf(r.functions);
    }

    private static Library build() {
        Registry r = new Registry();
        TypeFilters.register(r);
        StringFilters.register(r);
        RegexFilters.register(r);
        ListFilters.register(r);
        SetFilters.register(r);
        DictFilters.register(r);
        SerializationFilters.register(r);
        VersionCompare.register(r);
        CoreTests.register(r);
        Globals.register(r);
        return new Library(r);
    }

    /** The shared, immutable library. */
    public static Library standard() {
        return STANDARD;
    }

    public Filter filter(String name) {
        return filters.get(name);
    }

    public Test test(String name) {
        return tests.get(name);
    }

    public Function function(String name) {
        return functions.get(name);
    }

    /** True for the filters and tests that take an undefined input instead of failing on it. */
    public boolean acceptsUndefined(String filterOrTestName) {
        return ACCEPTS_UNDEFINED.contains(filterOrTestName);
    }

    public Set<String> filterNames() {
        return filters.keySet();
    }

    public Set<String> testNames() {
        return tests.keySet();
    }

    public Set<String> functionNames() {
        return functions.keySet();
    }

    /**
     * Python-like method call on a value: {@code 'a,b'.split(',')}, {@code d.get('k', 1)},
     * {@code d.items()}. Only an allow-list of ours; anything else fails as Python's
     * AttributeError does ({@code 'str' object has no attribute 'getClass'}).
     */
    public Object callMethod(Object receiver, String name, Args args, Context ctx) {
        return Methods.call(receiver, name, args, ctx);
    }

    public boolean hasMethod(Object receiver, String name) {
        return Methods.has(receiver, name);
    }
}
