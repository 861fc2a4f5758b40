package dev.rigger.engine.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws an {@link ExecutionGraph} as a self-contained SVG an operator can open in a browser: one
 * lane per host with its tasks top to bottom in run order, dashed boxes for handlers, edges that
 * cross lanes (registered results, {@code needs}) in red. No Graphviz needed: the layout is the
 * graph's own order.
 */
public final class SvgWriter {
    private static final int LANE = 280;
    private static final int ROW = 56;
    private static final int BOX_W = 240;
    private static final int BOX_H = 36;
    private static final int TOP = 70;

    private SvgWriter() { }

    public static String svg(ExecutionGraph g) {
        List<String> hosts = g.hosts();
        int rows = hosts.stream().mapToInt(h -> g.nodes(h).size()).max().orElse(0);
        int width = Math.max(LANE, hosts.size() * LANE + 20);
        int height = TOP + rows * ROW + 40;
        Map<TaskNode, int[]> at = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
          .append("\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"12\">\n")
          .append("<defs><marker id=\"a\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\">")
          .append("<path d=\"M0,0 L8,4 L0,8 z\" fill=\"context-stroke\"/></marker></defs>\n");
        for (int i = 0; i < hosts.size(); i++) lane(sb, g, hosts.get(i), 10 + i * LANE, height, at);
        for (ExecutionGraph.Edge e : g.edges()) edge(sb, e, at);
        return sb.append("</svg>\n").toString();
    }

    /** The SVG in a page with a legend, for {@code --format html}. */
    public static String html(ExecutionGraph g) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>rigger graph</title></head><body>\n"
                + "<p style=\"font-family:sans-serif\">One lane per host, tasks in run order. "
                + "<span style=\"color:#c00\">Red</span>: waits for another host's task (registered result, needs, a serial batch, run_once). Blue: a block's rescue and always, a handler's notify. "
                + "Dashed: handler, runs when notified.</p>\n" + svg(g) + "</body></html>\n";
    }

    private static void lane(StringBuilder sb, ExecutionGraph g, String host, int x, int height, Map<TaskNode, int[]> at) {
        sb.append("<rect x=\"").append(x).append("\" y=\"10\" width=\"").append(LANE - 20).append("\" height=\"").append(height - 20)
          .append("\" fill=\"#f4f6f8\" stroke=\"#ccd\"/>\n");
        sb.append("<text x=\"").append(x + 10).append("\" y=\"38\" font-weight=\"bold\" font-size=\"14\">").append(esc(host)).append("</text>\n");
        List<TaskNode> nodes = g.nodes(host);
        for (int r = 0; r < nodes.size(); r++) {
            TaskNode n = nodes.get(r);
            int bx = x + 10;
            int by = TOP + r * ROW;
            at.put(n, new int[] {bx, by});
            sb.append("<g><title>").append(esc(n.label())).append("</title><rect x=\"").append(bx).append("\" y=\"").append(by)
              .append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"#fff\" stroke=\"#345\"")
              .append(n.handler() ? " stroke-dasharray=\"5,3\"" : "").append("/>");
            sb.append("<text x=\"").append(bx + 8).append("\" y=\"").append(by + 22).append("\">").append(esc(shorten(n.task().name())))
              .append("</text></g>\n");
        }
    }

    private static void edge(StringBuilder sb, ExecutionGraph.Edge e, Map<TaskNode, int[]> at) {
        int[] a = at.get(e.from());
        int[] b = at.get(e.to());
        if (a == null || b == null) return;
        boolean cross = !e.from().host().equals(e.to().host());
        String color = cross ? "#c00" : e.kind() == ExecutionGraph.EdgeKind.ORDER ? "#889" : "#36c";
        int x1 = a[0] + (cross ? BOX_W : BOX_W / 2);
        int y1 = a[1] + (cross ? BOX_H / 2 : BOX_H);
        int x2 = b[0] + (cross ? 0 : BOX_W / 2);
        int y2 = b[1] + (cross ? BOX_H / 2 : 0);
        if (cross && b[0] < a[0]) {
            x1 = a[0];
            x2 = b[0] + BOX_W;
        }
        int mx = (x1 + x2) / 2;
        sb.append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(mx).append(',').append(y1).append(' ')
          .append(mx).append(',').append(y2).append(' ').append(x2).append(',').append(y2).append("\" fill=\"none\" stroke=\"").append(color)
          .append("\" stroke-width=\"").append(cross ? 2 : 1).append('"')
          .append(e.kind() == ExecutionGraph.EdgeKind.NOTIFY ? " stroke-dasharray=\"4,3\"" : "")
          .append(" marker-end=\"url(#a)\"><title>").append(e.kind().name().toLowerCase()).append("</title></path>\n");
    }

    private static String shorten(String s) {
        return s.length() > 34 ? s.substring(0, 33) + "…" : s;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
