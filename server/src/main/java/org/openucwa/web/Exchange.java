package org.openucwa.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.auth.Principal;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.format.Format;
import org.openucwa.resource.Input;

/**
 * One request on its way through a handler: the request, its path variables, the caller (for
 * endpoints that need a token) and the request parameters, read on first use from the body in
 * whatever format its Content-Type names, with query parameters filling in what the body lacks.
 * Confined to the thread handling the request.
 */
public final class Exchange {

  private final HttpRequest request;
  private final Map<String, String> params;
  private final Optional<Principal> principal;
  private final Negotiation negotiation;
  private final String baseUrl;
  private Input input;

  Exchange(
      HttpRequest request,
      Map<String, String> params,
      Optional<Principal> principal,
      Negotiation negotiation,
      String baseUrl) {
    this.request = request;
    this.params = params;
    this.principal = principal;
    this.negotiation = negotiation;
    this.baseUrl = baseUrl;
  }

  public HttpRequest request() {
    return request;
  }

  /** A path variable of the endpoint's template. */
  public String param(String name) {
    return params.get(name);
  }

  /** The caller; endpoints that need a token always have one. */
  public Principal principal() {
    return principal.orElseThrow(() -> new IllegalStateException("no principal"));
  }

  /** The absolute URL of a path on this server, as clients reach it. */
  public String absolute(String path) {
    return baseUrl + path;
  }

  /**
   * The request parameters: the body (JSON, XML or form) with query parameters filling in.
   *
   * @throws UcwaException 415 for a body of another media type, 400 for a malformed one
   */
  public Input input() {
    if (input == null) {
      input = bodyInput().orElse(Input.of(request.query()));
    }
    return input;
  }

  private Input bodyInput() {
    byte[] body = request.body();
    if (body.length == 0) {
      return Input.empty();
    }
    String mediaType = request.header("content-type").map(Negotiation::mediaTypeOf).orElse("");
    if (mediaType.equals(Negotiation.FORM)) {
      return Input.of(parseForm(new String(body, StandardCharsets.UTF_8)));
    }
    Format format =
        negotiation
            .forContentType(mediaType)
            .orElseThrow(
                () ->
                    new UcwaException(
                        ErrorCode.UnsupportedMediaType,
                        Subcode.UnsupportedMediaType,
                        "The content type '"
                            + mediaType
                            + "' is not supported; send JSON or XML."));
    try {
      return format.read(body);
    } catch (Format.MalformedInputException e) {
      throw UcwaException.badRequest(
          Subcode.DeserializationFailure, "The request body could not be read: " + e.getMessage());
    }
  }

  /** Parses {@code a=1&b=2&b=3}: a repeated name becomes a list. */
  public static Map<String, Object> parseForm(String text) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = decode(eq < 0 ? "" : pair.substring(eq + 1));
      Object prior = out.get(k);
      if (prior == null) {
        out.put(k, v);
      } else {
        List<String> list = new ArrayList<>();
        if (prior instanceof List<?> l) {
          l.forEach(x -> list.add((String) x));
        } else {
          list.add((String) prior);
        }
        list.add(v);
        out.put(k, list);
      }
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw UcwaException.badRequest(
          Subcode.DeserializationFailure, "The form body is not properly URL-encoded.");
    }
  }
}
