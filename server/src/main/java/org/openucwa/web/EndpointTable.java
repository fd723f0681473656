package org.openucwa.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Matches request paths against endpoint templates. Literal segments match case-insensitively, as
 * IIS paths do; {@code {name}} segments capture the (decoded) segment. Where several templates
 * match a path, the first in the list given wins. Immutable.
 *
 * <p>The templates are kept as a tree of segments (literals by lower-cased text, and one branch for
 * a variable), so that a request walks the few branches its segments allow instead of comparing
 * every template.
 */
public final class EndpointTable {

  /** An endpoint and the values of its template's variables. */
  public record Match(Endpoint endpoint, Map<String, String> params) {}

  private record Compiled(int order, Endpoint endpoint, String[] segments) {}

  /** The templates that continue past one segment; those that end at it. */
  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    Node variable;
    Compiled ends; // the first template in the list ending here

    Node next(String segment) {
      if (isVariable(segment)) {
        if (variable == null) {
          variable = new Node();
        }
        return variable;
      }
      return literals.computeIfAbsent(segment.toLowerCase(Locale.ROOT), k -> new Node());
    }
  }

  private final Node root = new Node();

  public EndpointTable(List<Endpoint> endpoints) {
    int order = 0;
    for (Endpoint e : endpoints) {
      String[] segments = split(e.template());
      Node n = root;
      for (String s : segments) {
        n = n.next(s);
      }
      if (n.ends == null) {
        n.ends = new Compiled(order, e, segments);
      }
      order++;
    }
  }

  public Optional<Match> match(String path) {
    String[] segs = split(path);
    Compiled c = find(root, segs, 0);
    if (c == null) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < segs.length; i++) {
      if (isVariable(c.segments[i])) {
        params.put(c.segments[i].substring(1, c.segments[i].length() - 1), decode(segs[i]));
      }
    }
    return Optional.of(new Match(c.endpoint, params));
  }

  /** The earliest template under {@code n} that matches {@code segs} from {@code i} on. */
  private static Compiled find(Node n, String[] segs, int i) {
    if (i == segs.length) {
      return n.ends;
    }
    Node literal = n.literals.isEmpty() ? null : n.literals.get(lower(segs[i]));
    Compiled a = literal == null ? null : find(literal, segs, i + 1);
    Compiled b = n.variable == null ? null : find(n.variable, segs, i + 1);
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a.order < b.order ? a : b;
  }

  private static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'A' && ch <= 'Z' || ch > 0x7f) {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }

  private static boolean isVariable(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  private static String[] split(String path) {
    int from = path.startsWith("/") ? 1 : 0;
    int to = path.endsWith("/") && path.length() > from ? path.length() - 1 : path.length();
    if (to <= from) {
      return new String[0];
    }
    List<String> out = new ArrayList<>(12);
    int start = from;
    for (int i = from; i < to; i++) {
      if (path.charAt(i) == '/') {
        out.add(path.substring(start, i));
        start = i + 1;
      }
    }
    out.add(path.substring(start, to));
    return out.toArray(new String[0]);
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
