package org.openucwa.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the API sees it, independent of the server library: method, raw path and
 * query, headers (names case-insensitive) and the whole body. Batch parts become requests of this
 * type too, so that a batched request runs through exactly the same code as a direct one.
 *
 * @param clientAddress the address of the peer that sent it, empty when unknown
 */
public record HttpRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body,
    String clientAddress) {

  public HttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rawQuery, "rawQuery");
    Map<String, List<String>> h = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> h.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    h.replaceAll((k, v) -> List.copyOf(v));
    headers = Collections.unmodifiableMap(h);
    body = body == null ? new byte[0] : body;
    clientAddress = clientAddress == null ? "" : clientAddress;
  }

  /** A request from an unknown peer. */
  public HttpRequest(
      String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    this(method, path, rawQuery, headers, body, "");
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** The query parameters, decoded, in order; a name given twice keeps its last value. */
  public Map<String, String> query() {
    Map<String, String> q = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return q;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(decode(k), decode(v));
    }
    return q;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
