package dev.rigger.engine.expr;

import static java.util.Map.entry;

import dev.rigger.engine.expr.ExpressionAnalyzer.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mvel2.compiler.AbstractParser;

/**
 * The compile-time rules that keep expressions away from the JVM: no statements, assignments,
 * object creation, function definitions or loops, no Java class names, and only an allow-list
 * of harmless methods on values. Runs on tokens before MVEL ever parses the source, because
 * MVEL may fold constant sub-expressions (and so run code) while compiling.
 */
final class ExpressionSandbox {

    /** Side-effect-free String, Collection, Map and Number methods. */
    static final Set<String> ALLOWED_METHODS = Set.of(
            "size", "isEmpty", "contains", "containsKey", "containsValue", "keySet", "values", "subList",
            "startsWith", "endsWith", "toUpperCase", "toLowerCase", "trim", "strip", "isBlank",
            "split", "substring", "replace", "replaceAll", "indexOf", "lastIndexOf", "length", "charAt",
            "concat", "matches", "equals", "equalsIgnoreCase", "compareTo", "toString",
            "intValue", "longValue", "doubleValue");

    private static final Set<String> LITERALS = Set.of("true", "false", "null", "nil", "empty");
    private static final Set<String> OPERATOR_WORDS = Set.of("contains", "in", "and", "or", "strsim", "soundslike");

    /** MVEL words that would make an expression a program; each with the reason it is refused. */
    private static final Map<String, String> FORBIDDEN_WORDS = Map.ofEntries(
            entry("new", "creating objects ('new') is not allowed"),
            entry("import", "'import' is not allowed: expressions cannot reach Java classes"),
            entry("import_static", "'import_static' is not allowed: expressions cannot reach Java classes"),
            entry("def", "defining functions ('def') is not allowed"),
            entry("function", "defining functions ('function') is not allowed"),
            entry("for", "loops ('for') are not allowed"),
            entry("foreach", "loops ('foreach') are not allowed"),
            entry("while", "loops ('while') are not allowed"),
            entry("do", "loops ('do') are not allowed"),
            entry("until", "loops ('until') are not allowed"),
            entry("if", "'if' statements are not allowed; use cond ? a : b"),
            entry("else", "'else' is not allowed; use cond ? a : b"),
            entry("switch", "'switch' is not allowed; use cond ? a : b"),
            entry("return", "'return' is not allowed: an expression is its value"),
            entry("var", "declaring variables ('var') is not allowed"),
            entry("with", "'with' blocks are not allowed"),
            entry("assert", "'assert' is not allowed; use failed_when"),
            entry("stacklang", "'stacklang' is not allowed"),
            entry("this", "'this' is not available; name a variable"),
            entry("is", "type tests ('is') are not supported"),
            entry("instanceof", "type tests ('instanceof') are not supported"),
            entry("convertable_to", "type tests ('convertable_to') are not supported"),
            entry("isdef", "'isdef' is not supported; test with vars.containsKey('name')"));

    /** Member names that lead from a value to classes, class loaders or processes. */
    private static final Set<String> JVM_MEMBERS = Set.of(
            "class", "getClass", "forName", "invoke", "getMethod", "getMethods", "loadClass", "exec",
            "classLoader", "getClassLoader", "newInstance", "getConstructor", "getConstructors",
            "getField", "getFields", "getRuntime", "runtime", "exit", "halt", "module", "getModule");

    /** Package roots that would start a fully qualified class name. */
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net");

    private ExpressionSandbox() {}

    static boolean isReservedWord(String name) {
        return LITERALS.contains(name) || OPERATOR_WORDS.contains(name) || FORBIDDEN_WORDS.containsKey(name);
    }

    /** A name MVEL resolves to a class without any import (System, Runtime, Math...). */
    static boolean isJavaClassName(String name) {
        return AbstractParser.CLASS_LITERALS.containsKey(name);
    }

    static boolean isPackageRoot(String name) {
        return PACKAGE_ROOTS.contains(name);
    }

    static boolean reachesJvm(String name) {
        return JVM_MEMBERS.contains(name) || name.startsWith("getDeclared") || name.startsWith("declared");
    }

    /** @throws SourceError at the first token that breaks a rule */
    static void check(List<Token> tokens, Role[] roles) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
            switch (roles[i]) {
                case NONE -> { if (t.kind() == Token.Kind.OP) checkOperator(t); }
                case WORD -> {
                    String why = FORBIDDEN_WORDS.get(t.text());
                    if (why != null) throw new SourceError(why, t.offset());
                }
                case MEMBER -> checkMember(t, call);
                case ELEMENT -> checkElement(t, call);
                case ROOT -> {
                    if (reachesJvm(t.text())) throw javaReach(t);
                    if (call) throw new SourceError("function calls are not allowed: '" + t.text()
                            + "(...)'; call methods on values, e.g. x.size()", t.offset());
                }
            }
        }
    }

    private static void checkMember(Token t, boolean call) {
        if (reachesJvm(t.text())) throw javaReach(t);
        if (call && !ALLOWED_METHODS.contains(t.text())) {
            throw new SourceError("method '" + t.text() + "()' is not allowed; allowed methods: "
                    + String.join(", ", new TreeSet<>(ALLOWED_METHODS)), t.offset());
        }
    }

    /** Element names resolve against each element, but MVEL would also resolve class names there. */
    private static void checkElement(Token t, boolean call) {
        String name = t.text();
        if (reachesJvm(name) || isJavaClassName(name) || isPackageRoot(name)
                || Character.isUpperCase(name.charAt(0))) {
            throw javaReach(t);
        }
        if (call && !ALLOWED_METHODS.contains(name)) checkMember(t, true);
    }

    static SourceError javaReach(Token t) {
        return new SourceError("expressions cannot reach Java classes: '" + t.text() + "'", t.offset());
    }

    private static void checkOperator(Token t) {
        String op = t.text();
        String why = switch (op) {
            case "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=" ->
                    "assignment ('" + op + "') is not allowed; use '==' to compare";
            case "++", "--" -> "'" + op + "' changes a variable and is not allowed";
            case "{", "}" -> "blocks and '{...}' arrays are not allowed; use [a, b] for a list";
            case ";" -> "only one expression is allowed (no ';')";
            case "@" -> "'@' macros and interceptors are not allowed";
            case ".?" -> "null-safe '.?' is not supported; test first with m.containsKey('key')";
            case "|" -> "filters ('|') are not supported; call methods on the value instead, e.g. x.toUpperCase()";
            case "$", "#", "::", "->", "<<<" -> "'" + op + "' is not allowed in expressions";
            default -> null;
        };
        if (why != null) throw new SourceError(why, t.offset());
    }
}
