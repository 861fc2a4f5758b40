package dev.rigger.engine.compile;

/** Renders an {@link ExecutionGraph} as Graphviz DOT: a lane per host, cross-host edges in red. */
public final class DotWriter {
    private DotWriter() { }

    public static String dot(ExecutionGraph g) {
        StringBuilder sb = new StringBuilder("digraph rigger {\n  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        int lane = 0;
        for (String host : g.hosts()) {
            sb.append("  subgraph \"cluster_").append(lane++).append("\" {\n    label=").append(q(host)).append(";\n");
            for (TaskNode n : g.nodes(host)) {
                sb.append("    ").append(id(n)).append(" [label=").append(q(n.task().name()))
                  .append(n.handler() ? ", style=dashed" : "").append("];\n");
            }
            sb.append("  }\n");
        }
        for (ExecutionGraph.Edge e : g.edges()) {
            sb.append("  ").append(id(e.from())).append(" -> ").append(id(e.to()));
            boolean cross = !e.from().host().equals(e.to().host());
            switch (e.kind()) {
                case ORDER -> { }
                case NOTIFY -> sb.append(" [style=dashed, label=\"notify\"]");
                default -> sb.append(" [label=").append(q(e.kind().name().toLowerCase()))
                        .append(cross ? ", color=red, penwidth=2" : ", color=blue").append("]");
            }
            sb.append(";\n");
        }
        return sb.append("}\n").toString();
    }

    private static String id(TaskNode n) {
        return q(n.host() + "#" + n.index());
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
