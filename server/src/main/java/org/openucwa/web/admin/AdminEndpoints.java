package org.openucwa.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openucwa.audit.InvitationLog;
import org.openucwa.audit.InvitationQuery;
import org.openucwa.audit.InvitationRecord;
import org.openucwa.error.UcwaException;
import org.openucwa.web.Endpoint;
import org.openucwa.web.HttpRequest;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Reply;
import org.openucwa.writes.WriteBehind;

/**
 * The operator's API, beside UCWA: {@code GET /admin/invitations} (the invitation record, JSON,
 * newest first, paged with {@code limit} and {@code offset} and a {@code next} link) and {@code GET
 * /admin/store} (the write-behind queue's counters). On the main port it answers only a request
 * carrying the {@code --admin-token} as its bearer token, and is off (404) without that flag. On
 * the management port ({@link #onManagementPort}) the token is asked for only when that port is not
 * bound to loopback (and the API is off there without it). With {@code --invitation-record off} the
 * record is not kept and {@code /admin/invitations} answers 404. Thread-safe.
 */
public final class AdminEndpoints {

  public static final String INVITATIONS = "/admin/invitations";
  public static final String STORE = "/admin/store";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<String> token;
  private final Optional<InvitationLog> log;
  private final Supplier<WriteBehind.Stats> writes;

  public AdminEndpoints(
      Optional<String> token, Optional<InvitationLog> log, Supplier<WriteBehind.Stats> writes) {
    this.token = token;
    this.log = log;
    this.writes = writes;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            INVITATIONS,
            "admin",
            false,
            Map.of("GET", x -> guarded(x.request(), this::invitations))),
        new Endpoint(STORE, "admin", false, Map.of("GET", x -> guarded(x.request(), this::store))));
  }

  /**
   * The answer of the management port to {@code request}; empty for a path that is not this API's.
   *
   * @param tokenRequired whether the port is reachable from elsewhere than this machine
   */
  public Optional<HttpResponse> onManagementPort(HttpRequest request, boolean tokenRequired) {
    String path = request.path();
    if (!path.equals(INVITATIONS) && !path.equals(STORE)) {
      return Optional.empty();
    }
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return Optional.of(
          jsonResponse(405, error("MethodNotAllowed", "GET only.")).withHeader("Allow", "GET"));
    }
    Handler h = path.equals(INVITATIONS) ? this::invitations : this::store;
    try {
      return Optional.of(
          tokenRequired ? guarded(request, h).response() : h.handle(request).response());
    } catch (UcwaException e) {
      ObjectNode body = error(e.reason().code(), e.reason().message().orElse(""));
      e.reason().subcode().ifPresent(sub -> body.put("subcode", sub));
      return Optional.of(jsonResponse(e.status(), body));
    }
  }

  @FunctionalInterface
  private interface Handler {
    Reply.Raw handle(HttpRequest request);
  }

  private Reply.Raw guarded(HttpRequest request, Handler h) {
    if (token.isEmpty()) {
      return json(
          404, error("NotFound", "The admin API is off: start the server with --admin-token."));
    }
    Optional<String> given =
        request
            .header("authorization")
            .map(String::trim)
            .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(v -> v.substring(7).trim());
    if (given.isEmpty()
        || !MessageDigest.isEqual(
            given.get().getBytes(StandardCharsets.UTF_8),
            token.get().getBytes(StandardCharsets.UTF_8))) {
      return new Reply.Raw(
          jsonResponse(401, error("Unauthorized", "The admin token is missing or wrong."))
              .withHeader("WWW-Authenticate", "Bearer realm=\"ucwa-admin\""));
    }
    return h.handle(request);
  }

  private Reply.Raw invitations(HttpRequest request) {
    if (log.isEmpty()) {
      return json(
          404,
          error(
              "NotFound",
              "The invitation record is off: the server was started with --invitation-record"
                  + " off."));
    }
    Map<String, String> q = request.query();
    int limit = number(q, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = number(q, "offset", 0, 0, Integer.MAX_VALUE);
    List<InvitationRecord> found =
        log.get()
            .find(
                new InvitationQuery(
                    text(q, "user").map(AdminEndpoints::sipUri),
                    text(q, "outcome"),
                    time(q, "since"),
                    time(q, "until"),
                    limit + 1,
                    offset));
    boolean more = found.size() > limit;
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("invitations");
    for (InvitationRecord r : found.subList(0, Math.min(limit, found.size()))) {
      list.add(InvitationJson.of(r));
    }
    if (more) {
      Map<String, String> next = new LinkedHashMap<>(q);
      next.put("offset", String.valueOf(offset + limit));
      next.put("limit", String.valueOf(limit));
      List<String> pairs = new ArrayList<>();
      next.forEach(
          (k, v) ->
              pairs.add(
                  URLEncoder.encode(k, StandardCharsets.UTF_8)
                      + "="
                      + URLEncoder.encode(v, StandardCharsets.UTF_8)));
      body.put("next", INVITATIONS + "?" + String.join("&", pairs));
    }
    return json(200, body);
  }

  private Reply.Raw store(HttpRequest request) {
    WriteBehind.Stats s = writes.get();
    ObjectNode body = JSON.createObjectNode();
    body.put("pending", s.pending());
    body.put("written", s.written());
    body.put("failedAttempts", s.failedAttempts());
    body.put("refused", s.refused());
    return json(200, body);
  }

  private static String sipUri(String user) {
    String u = user.trim().toLowerCase(Locale.ROOT);
    return u.startsWith("sip:") ? u : "sip:" + u;
  }

  private static Optional<String> text(Map<String, String> q, String name) {
    return Optional.ofNullable(q.get(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static int number(Map<String, String> q, String name, int dflt, int min, int max) {
    Optional<String> v = text(q, name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw UcwaException.invalidParameter(
        name, "a whole number from " + min + " to " + max + " was expected.");
  }

  /** An ISO-8601 instant ({@code 2026-12-01T10:00:00Z}) or a UTC day ({@code 2026-12-01}). */
  private static Optional<Instant> time(Map<String, String> q, String name) {
    Optional<String> v = text(q, name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v.get()));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDate.parse(v.get()).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException e2) {
        throw UcwaException.invalidParameter(
            name, "an instant such as 2026-12-01T10:00:00Z or a day such as 2026-12-01.");
      }
    }
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("code", code);
    e.put("message", message);
    return e;
  }

  private static Reply.Raw json(int status, ObjectNode body) {
    return new Reply.Raw(jsonResponse(status, body));
  }

  private static HttpResponse jsonResponse(int status, ObjectNode body) {
    try {
      return HttpResponse.of(
              status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body))
          .withHeader("Cache-Control", "no-cache");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
