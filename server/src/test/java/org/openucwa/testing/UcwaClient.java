package org.openucwa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A UCWA client as a real one behaves: it starts at {@code GET /}, follows the user link, reads the
 * token URL from the 401 challenge, signs in, creates an application and from then on only follows
 * links it was given. Tests use it to say what a client sees; it asserts nothing itself, but keeps
 * every exchange it made so that a test can check properties of all responses. Confined to the
 * test's thread, but for requests a test sends from another thread while it waits (a held P-GET).
 */
public final class UcwaClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final HttpClient http;
  private String base;
  private String discovery;
  private final String username;
  private final String password;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private String token;
  private JsonNode application;
  private String scope;

  UcwaClient(String base, String username, String password) {
    this(HTTP, base, username, password);
  }

  UcwaClient(HttpClient http, String base, String username, String password) {
    this.http = http;
    this.base = base;
    this.discovery = base + "/";
    this.username = username;
    this.password = password;
  }

  /** A client of a server started some other way (a launched process). */
  public static UcwaClient of(String base, String username, String password) {
    return new UcwaClient(base, username, password);
  }

  /** An HTTP exchange's outcome, with the body parsed when it is JSON. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** One request this client sent and the response it got. */
  public record Call(String method, String uri, Response response) {}

  /** Asks for these scopes (space-separated) at sign-in instead of all of them. */
  public UcwaClient scope(String scopes) {
    this.scope = scopes;
    return this;
  }

  /** Discovery and sign-in: root, user (401), token, user again. Returns the user resource. */
  public JsonNode signIn() {
    return signIn(scope == null ? Map.of() : Map.of("scope", scope));
  }

  /**
   * Signs in with extra token request parameters (such as {@code scope}) besides the password
   * grant. Returns the user resource.
   */
  public JsonNode signIn(Map<String, String> tokenParameters) {
    for (int hops = 0; ; hops++) {
      JsonNode user = signInHere(tokenParameters);
      JsonNode redirect = user.at("/_links/redirect/href");
      if (redirect.isMissingNode()) {
        return user;
      }
      if (hops == 3) {
        throw new IllegalStateException("redirected too often: " + user);
      }
      // user_ref.md: the user is homed on another server; discover again there
      discovery = redirect.asText();
      base = java.net.URI.create(discovery).resolve("/").toString().replaceAll("/$", "");
      token = null;
    }
  }

  /** The base URL requests go to: the home server's, once a redirect was followed. */
  public String base() {
    return base;
  }

  private JsonNode signInHere(Map<String, String> tokenParameters) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("username", username);
    form.put("password", password);
    form.putAll(tokenParameters);
    Response t =
        post(tokenUrl(), "application/x-www-form-urlencoded;charset='utf-8'", form(form), Map.of());
    if (t.status() != 200) {
      throw new IllegalStateException("no token: " + t.status() + " " + t.body());
    }
    token = t.json().get("access_token").asText();
    return getAs(userHref(), token).json();
  }

  /**
   * Asks the token endpoint for an anonymous guest's token of one meeting (AuthenticationInUCWA.md,
   * the anonymous meeting grant), and keeps it when one is issued; the token endpoint's answer.
   */
  public Response signInAsGuest(String conferenceUri, String password) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "urn:microsoft.rtc:anonmeeting");
    form.put("ms_rtc_conferenceuri", conferenceUri);
    if (password != null) {
      form.put("password", password);
    }
    Response t =
        post(tokenUrl(), "application/x-www-form-urlencoded;charset='utf-8'", form(form), Map.of());
    if (t.status() == 200) {
      token = t.json().get("access_token").asText();
    }
    return t;
  }

  /**
   * A guest's application: the user resource's anonApplications link, POSTed with
   * anonApplications_ref.md's request.
   */
  public JsonNode createAnonApplication() {
    String href = getAs(userHref(), token).json().at("/_links/anonApplications/href").asText();
    if (href.isEmpty()) {
      throw new IllegalStateException("no anonApplications link for this token");
    }
    Response r = postJson(href, "{\"culture\":\"en-us\",\"userAgent\":\"ContosoApp/1.0\"}");
    if (r.status() != 201) {
      throw new IllegalStateException(
          "guest application not created: " + r.status() + " " + r.body());
    }
    application = r.json();
    return application;
  }

  /** The token URL, as the user resource's 401 challenge gives it to a client without a token. */
  public String tokenUrl() {
    Response challenge = getAs(userHref(), null);
    String header = challenge.header("WWW-Authenticate");
    if (header == null) {
      throw new IllegalStateException("no challenge: " + challenge.status());
    }
    return header.replaceAll(".*href=\"([^\"]+)\".*", "$1");
  }

  /** Signs in if needed and creates an application with this endpoint id. */
  public JsonNode createApplication(String endpointId) {
    Response r =
        postJson(
            applicationsHref(),
            "{\"UserAgent\":\"scenario-test\",\"EndpointId\":\""
                + endpointId
                + "\",\"Culture\":\"en-US\"}");
    if (r.status() != 201) {
      throw new IllegalStateException("application not created: " + r.status() + " " + r.body());
    }
    application = r.json();
    return application;
  }

  /** The applications link of the user resource; signs in first if needed. */
  public String applicationsHref() {
    JsonNode user = token == null ? signIn() : getAs(userHref(), token).json();
    return user.at("/_links/applications/href").asText();
  }

  /** The user link of the discovery root. */
  public String userHref() {
    return getAs(discovery, null).json().at("/_links/user/href").asText();
  }

  private EventStream events;

  /** The application's event channel, read from its first link on. */
  public EventStream events() {
    if (events == null) {
      events = new EventStream(this, link("events"));
    }
    return events;
  }

  /** makeMeAvailable for messaging, as an application that takes invitations does. */
  public void makeAvailable() {
    Response r = postJson(link("me/makeMeAvailable"), "{\"SupportedModalities\":[\"Messaging\"]}");
    if (r.status() != 204) {
      throw new IllegalStateException("makeMeAvailable: " + r.status() + " " + r.body());
    }
  }

  public String token() {
    return token;
  }

  /** Sends this bearer token from now on, whatever it is (a forged one, another user's). */
  public void useToken(String bearer) {
    token = bearer;
  }

  public JsonNode application() {
    return application;
  }

  /** Every request this client sent, in order, with its response. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** A link of the application, or of one of its embedded resources ("me/makeMeAvailable"). */
  public String link(String path) {
    String[] p = path.split("/");
    JsonNode node = p.length == 1 ? application : application.at("/_embedded/" + p[0]);
    String rel = p[p.length - 1];
    JsonNode href = node.at("/_links/" + rel + "/href");
    if (href.isMissingNode()) {
      throw new IllegalStateException("no link " + path + " in " + node);
    }
    return href.asText();
  }

  /**
   * GETs a link of the application ({@link #link}) until its JSON satisfies {@code ready}, for what
   * the server writes behind the flow (history, missed items); gives up after 15 s and returns the
   * last answer, for the caller's assertions to fail on.
   */
  public JsonNode awaitJson(String path, java.util.function.Predicate<JsonNode> ready) {
    return awaitJsonAt(link(path), ready);
  }

  /** As {@link #awaitJson}, for any resource the client has an href of. */
  public JsonNode awaitJsonAt(String href, java.util.function.Predicate<JsonNode> ready) {
    java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(15));
    while (true) {
      JsonNode answer = get(href).json();
      if (ready.test(answer) || java.time.Instant.now().isAfter(deadline)) {
        return answer;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return answer;
      }
    }
  }

  public Response get(String href) {
    return getAs(href, token);
  }

  public Response get(String href, Map<String, String> headers) {
    return send("GET", href, headers, null);
  }

  public Response postJson(String href, String json) {
    return post(href, "application/json", json, Map.of());
  }

  public Response post(String href, String contentType, String body, Map<String, String> h) {
    return send(
        "POST", href, withContentType(contentType, h), body.getBytes(StandardCharsets.UTF_8));
  }

  public Response put(String href, String contentType, String body, Map<String, String> h) {
    return send(
        "PUT", href, withContentType(contentType, h), body.getBytes(StandardCharsets.UTF_8));
  }

  public Response delete(String href) {
    return send("DELETE", href, Map.of(), null);
  }

  /** Any method, for the tests of unsupported ones. */
  public Response method(String method, String href) {
    return send(method, href, Map.of(), null);
  }

  /**
   * Any request, with the bearer token if there is one; a {@code null} body sends none. The body
   * goes with its Content-Length.
   */
  public Response send(String method, String href, Map<String, String> headers, byte[] body) {
    return exchange(
        method,
        href,
        headers,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** Like {@link #send} but streams the body in chunks, without announcing its length. */
  public Response sendChunked(
      String method, String href, Map<String, String> headers, byte[] body) {
    return exchange(
        method,
        href,
        headers,
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
  }

  /** Relative links are relative to the server's host, as Hypermedia.md says. */
  public String resolve(String href) {
    return href.startsWith("http") ? href : base + href;
  }

  /**
   * The href with one more query parameter ({@code "timeout=1"}), whether it has a query or not.
   */
  public static String withQuery(String href, String parameter) {
    return href + (href.contains("?") ? "&" : "?") + parameter;
  }

  /** An {@code application/x-www-form-urlencoded} body of these fields. */
  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private Response exchange(
      String method, String href, Map<String, String> headers, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(resolve(href))).timeout(Duration.ofSeconds(90));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::setHeader);
    return send(b.method(method, body));
  }

  private Response getAs(String url, String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(resolve(url)))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(90));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b.GET());
  }

  private static Map<String, String> withContentType(String contentType, Map<String, String> h) {
    Map<String, String> all = new LinkedHashMap<>();
    if (contentType != null) {
      all.put("Content-Type", contentType);
    }
    all.putAll(h);
    return all;
  }

  private Response send(HttpRequest.Builder b) {
    HttpRequest request = b.build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      Response response = new Response(r.statusCode(), r.headers(), r.body());
      calls.add(new Call(request.method(), request.uri().toString(), response));
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
