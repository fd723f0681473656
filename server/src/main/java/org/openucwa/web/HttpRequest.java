package org.openucwa.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    headers = headers instanceof Headers ? headers : Headers.of(headers);
    body = body == null ? new byte[0] : body;
    clientAddress = clientAddress == null ? "" : clientAddress;
  }

  /** A request from an unknown peer. */
  public HttpRequest(
      String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    this(method, path, rawQuery, headers, body, "");
  }

  /** The same request with another body; its headers are not normalized again. */
  public HttpRequest withBody(byte[] content) {
    return new HttpRequest(method, path, rawQuery, headers, content);
  }

  /** Headers by lower-case name, in order, read-only; made once per request. */
  private static final class Headers extends AbstractMap<String, List<String>> {
    private final Map<String, List<String>> byName;

    private Headers(Map<String, List<String>> byName) {
      this.byName = Collections.unmodifiableMap(byName);
    }

    static Headers of(Map<String, List<String>> given) {
      Map<String, List<String>> h = new LinkedHashMap<>(given.size() * 2);
      given.forEach(
          (k, v) ->
              h.merge(
                  k.toLowerCase(Locale.ROOT),
                  List.copyOf(v),
                  (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                  }));
      return new Headers(h);
    }

    @Override
    public List<String> get(Object name) {
      return byName.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
      return byName.containsKey(name);
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
      return byName.entrySet();
    }
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
