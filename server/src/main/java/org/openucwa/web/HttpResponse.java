package org.openucwa.web;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP response as the API produces it: status, headers in order and the whole body. The server
 * adapter always sends the body with its Content-Length.
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

  public HttpResponse {
    headers = headers instanceof Frozen ? headers : new Frozen(new LinkedHashMap<>(headers));
    Objects.requireNonNull(body, "body");
  }

  public static HttpResponse of(int status, String contentType, byte[] body) {
    LinkedHashMap<String, String> h = new LinkedHashMap<>(8);
    if (contentType != null) {
      h.put("Content-Type", contentType);
    }
    return new HttpResponse(status, new Frozen(h), body);
  }

  public static HttpResponse empty(int status) {
    return new HttpResponse(status, Map.of(), new byte[0]);
  }

  public HttpResponse withHeader(String name, String value) {
    LinkedHashMap<String, String> h = new LinkedHashMap<>(headers.size() * 2 + 2);
    h.putAll(headers);
    h.put(name, value);
    return new HttpResponse(status, new Frozen(h), body);
  }

  /**
   * The headers of a response, read-only, made over a map no one else holds; a response built from
   * one takes it as it is instead of copying it again.
   */
  private static final class Frozen extends AbstractMap<String, String> {
    private final Map<String, String> map;

    Frozen(LinkedHashMap<String, String> map) {
      this.map = map;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public String get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super String> action) {
      map.forEach(action);
    }
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
