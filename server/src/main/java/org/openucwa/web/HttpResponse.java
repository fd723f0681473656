package org.openucwa.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response as the API produces it: status, headers in order and the whole body. The server
 * adapter always sends the body with its Content-Length.
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

  public HttpResponse {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    Objects.requireNonNull(body, "body");
  }

  public static HttpResponse of(int status, String contentType, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    if (contentType != null) {
      h.put("Content-Type", contentType);
    }
    return new HttpResponse(status, h, body);
  }

  public static HttpResponse empty(int status) {
    return new HttpResponse(status, Map.of(), new byte[0]);
  }

  public HttpResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpResponse(status, h, body);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
