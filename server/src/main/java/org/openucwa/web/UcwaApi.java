package org.openucwa.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openucwa.auth.Principal;
import org.openucwa.auth.ScopeTable;
import org.openucwa.auth.TokenService;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.resource.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole HTTP API as one function from request to response, independent of the server library:
 * matches the endpoint, checks the method, the token and its scopes, runs the handler and renders
 * its reply in the negotiated format. Every failure becomes a UCWA error body in the requested
 * format; anything unexpected becomes 500 ServiceFailure, logged once with a correlation id that
 * the body repeats. Thread-safe; each call runs on the caller's thread.
 */
public final class UcwaApi {

  private static final Logger LOG = LoggerFactory.getLogger(UcwaApi.class);
  private static final String GRANT_TYPES =
      "urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password";

  private final EndpointTable table;
  private final Negotiation negotiation;
  private final TokenService tokens;
  private final ScopeTable scopes;
  private final BaseUrl baseUrl;
  private final RequestObserver observer;
  private final AllowedHosts hosts;
  private final GuestGate guests;

  /** Where clients reach this server: a configured public URL, or the request's Host. */
  @FunctionalInterface
  public interface BaseUrl {
    String of(HttpRequest request);
  }

  public UcwaApi(
      List<Endpoint> endpoints,
      Negotiation negotiation,
      TokenService tokens,
      ScopeTable scopes,
      BaseUrl baseUrl,
      AllowedHosts hosts) {
    this(endpoints, negotiation, tokens, scopes, baseUrl, hosts, RequestObserver.none());
  }

  public UcwaApi(
      List<Endpoint> endpoints,
      Negotiation negotiation,
      TokenService tokens,
      ScopeTable scopes,
      BaseUrl baseUrl,
      AllowedHosts hosts,
      RequestObserver observer) {
    this(endpoints, negotiation, tokens, scopes, baseUrl, hosts, observer, GuestGate.CLOSED);
  }

  public UcwaApi(
      List<Endpoint> endpoints,
      Negotiation negotiation,
      TokenService tokens,
      ScopeTable scopes,
      BaseUrl baseUrl,
      AllowedHosts hosts,
      RequestObserver observer,
      GuestGate guests) {
    this.guests = guests;
    this.hosts = hosts;
    this.table = new EndpointTable(endpoints);
    this.negotiation = negotiation;
    this.tokens = tokens;
    this.scopes = scopes;
    this.baseUrl = baseUrl;
    this.observer = observer;
  }

  /** What the observer hears of a request besides the request and response. */
  private static final class Seen {
    String template = RequestObserver.UNMATCHED;
    Optional<Principal> principal = Optional.empty();
  }

  public HttpResponse handle(HttpRequest request) {
    long start = System.nanoTime();
    Seen seen = new Seen();
    HttpResponse response = respond(request, seen);
    observer.answered(request, seen.template, seen.principal, response, System.nanoTime() - start);
    return response;
  }

  private HttpResponse respond(HttpRequest request, Seen seen) {
    Negotiation.Choice choice = negotiation.forAccept(request.header("accept"));
    try {
      if (!hosts.allows(request.header("host"))) {
        throw UcwaException.badRequest(
            Subcode.BadRequest, "This server does not answer for the host the request names.");
      }
      EndpointTable.Match match =
          table
              .match(request.path())
              .orElseThrow(
                  () ->
                      UcwaException.notFound(
                          Subcode.ResourceNotFound,
                          "There is no resource at " + request.path() + "."));
      Endpoint endpoint = match.endpoint();
      seen.template = endpoint.template();
      String method = request.method().toUpperCase(Locale.ROOT);
      Endpoint.Handler handler = endpoint.handlers().get(method);
      if (handler == null && method.equals("HEAD")) {
        // HEAD runs the GET and the server adapter sends its headers only (RFC 9110, 9.3.2).
        handler = endpoint.handlers().get("GET");
      }
      if (handler == null) {
        String allowed = String.join(", ", allowed(endpoint));
        UcwaException e =
            new UcwaException(
                ErrorCode.MethodNotAllowed,
                Subcode.MethodNotAllowed,
                method + " is not supported on this resource; it supports " + allowed + ".");
        return error(e.status(), e.reason(), choice).withHeader("Allow", allowed); // RFC 9110
      }
      Optional<Principal> principal = Optional.empty();
      if (endpoint.authenticated()) {
        principal = authenticate(request, endpoint);
        seen.principal = principal;
        if (principal.isEmpty()) {
          return challenge(request);
        }
        guests.check(principal.get(), endpoint.rel());
        if (!principal.get().holdsAnyOf(scopes.requiredFor(endpoint.rel()))) {
          throw UcwaException.forbidden(
              "The token holds none of the scopes the " + endpoint.rel() + " resource requires.");
        }
      }
      Exchange exchange =
          new Exchange(request, match.params(), principal, negotiation, baseUrl.of(request));
      return render(handler.handle(exchange), choice);
    } catch (UcwaException e) {
      return error(e.status(), e.reason(), choice);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(
          503,
          Reason.of(ErrorCode.ServiceUnavailable.wire(), null, "The server is shutting down."),
          choice);
    } catch (Exception e) {
      String id = UUID.randomUUID().toString();
      LOG.error("Unexpected failure [{}] on {} {}", id, request.method(), request.path(), e);
      return error(
          500,
          Reason.of(
              ErrorCode.ServiceFailure.wire(),
              null,
              "Internal server error; correlation id " + id + "."),
          choice);
    }
  }

  /** The methods of an endpoint, HEAD wherever GET is, sorted. */
  private static List<String> allowed(Endpoint endpoint) {
    java.util.TreeSet<String> methods = new java.util.TreeSet<>(endpoint.methods());
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    return List.copyOf(methods);
  }

  /** An error response in the format the request asked for; used by the server adapter too. */
  public HttpResponse error(UcwaException e, Optional<String> accept) {
    return error(e.status(), e.reason(), negotiation.forAccept(accept));
  }

  /** The cookie a created application carries, so that photos load in {@code <img>} tags. */
  public static final String PHOTO_COOKIE = "cwt_ucwa";

  private static final Set<String> COOKIE_RELS = Set.of("photo", "contactPhoto");

  /**
   * The caller of a request: its bearer token, or, for a GET of a photo only, the application's
   * {@value #PHOTO_COOKIE} cookie (a browser loading an image sends no Authorization header).
   */
  private Optional<Principal> authenticate(HttpRequest request, Endpoint endpoint) {
    Optional<String> bearer =
        request
            .header("authorization")
            .map(String::trim)
            .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(h -> h.substring(7).trim());
    if (bearer.isEmpty()
        && (request.method().equalsIgnoreCase("GET") || request.method().equalsIgnoreCase("HEAD"))
        && COOKIE_RELS.contains(endpoint.rel())) {
      bearer = cookie(request, PHOTO_COOKIE);
    }
    return bearer.flatMap(tokens::verify).flatMap(guests::valid);
  }

  private static Optional<String> cookie(HttpRequest request, String name) {
    for (String pair : request.header("cookie").orElse("").split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
        return Optional.of(pair.substring(eq + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** 401 with the MsRtcOAuth challenge that tells the client where to get a token. */
  private HttpResponse challenge(HttpRequest request) {
    String tokenUrl = baseUrl.of(request) + Paths.TOKEN;
    byte[] body =
        ("<html><body><h1>401 - Unauthorized</h1><p>Access is denied due to invalid"
                + " credentials.</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    return HttpResponse.of(401, "text/html; charset=utf-8", body)
        .withHeader(
            "WWW-Authenticate",
            "MsRtcOAuth href=\"" + tokenUrl + "\",grant_type=\"" + GRANT_TYPES + "\"")
        .withHeader("Cache-Control", "no-cache");
  }

  private HttpResponse render(Reply reply, Negotiation.Choice choice) {
    return switch (reply) {
      case Reply.Ok ok -> {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", choice.contentType());
        h.put("Cache-Control", "no-cache");
        h.putAll(ok.headers());
        yield new HttpResponse(200, h, choice.format().write(ok.resource()));
      }
      case Reply.Created c -> {
        Map<String, String> h = new LinkedHashMap<>();
        byte[] body = new byte[0];
        if (c.resource().isPresent()) {
          h.put("Content-Type", choice.contentType());
          body = choice.format().write(c.resource().get());
        }
        h.put("Location", c.location());
        h.put("Cache-Control", "no-cache");
        h.putAll(c.headers());
        yield new HttpResponse(201, h, body);
      }
      case Reply.NoContent n -> HttpResponse.empty(204);
      case Reply.Events ev -> noCache(200, choice, choice.format().write(ev.document()));
      case Reply.Raw raw -> raw.response();
    };
  }

  private HttpResponse error(int status, Reason reason, Negotiation.Choice choice) {
    return noCache(status, choice, choice.format().write(reason));
  }

  private static HttpResponse noCache(int status, Negotiation.Choice choice, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>(4);
    h.put("Content-Type", choice.contentType());
    h.put("Cache-Control", "no-cache");
    return new HttpResponse(status, h, body);
  }
}
