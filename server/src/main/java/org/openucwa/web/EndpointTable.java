package org.openucwa.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches request paths against endpoint templates. Literal segments match case-insensitively, as
 * IIS paths do; {@code {name}} segments capture the (decoded) segment. Immutable.
 */
public final class EndpointTable {

  /** An endpoint and the values of its template's variables. */
  public record Match(Endpoint endpoint, Map<String, String> params) {}

  private record Compiled(Endpoint endpoint, String[] segments) {}

  private final List<Compiled> compiled = new ArrayList<>();

  public EndpointTable(List<Endpoint> endpoints) {
    for (Endpoint e : endpoints) {
      compiled.add(new Compiled(e, split(e.template())));
    }
  }

  public Optional<Match> match(String path) {
    String[] segs = split(path);
    for (Compiled c : compiled) {
      if (c.segments.length == segs.length && literalsMatch(c.segments, segs)) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segs.length; i++) {
          if (isVariable(c.segments[i])) {
            params.put(c.segments[i].substring(1, c.segments[i].length() - 1), decode(segs[i]));
          }
        }
        return Optional.of(new Match(c.endpoint, params));
      }
    }
    return Optional.empty();
  }

  private static boolean literalsMatch(String[] template, String[] segs) {
    for (int i = 0; i < segs.length; i++) {
      if (!isVariable(template[i]) && !template[i].equalsIgnoreCase(segs[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVariable(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
