package org.openucwa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A UCWA client as a real one behaves: it starts at {@code GET /}, follows the user link, reads
 * the token URL from the 401 challenge, signs in, creates an application and from then on only
 * follows links it was given. Tests use it to say what a client sees; it asserts nothing itself.
 */
public final class UcwaClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String username;
  private final String password;
  private String token;
  private JsonNode application;
  private String scope;

  UcwaClient(String base, String username, String password) {
    this.base = base;
    this.username = username;
    this.password = password;
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

  /** Asks for these scopes (space-separated) at sign-in instead of all of them. */
  public UcwaClient scope(String scopes) {
    this.scope = scopes;
    return this;
  }

  /** Discovery and sign-in: root, user (401), token, user again. Returns the user resource. */
  public JsonNode signIn() {
    JsonNode root = getAs(base + "/", null).json();
    String userHref = root.at("/_links/user/href").asText();
    Response challenge = getAs(userHref, null);
    String header = challenge.header("WWW-Authenticate");
    String tokenUrl = header.replaceAll(".*href=\"([^\"]+)\".*", "$1");
    Response t = send(HttpRequest.newBuilder(URI.create(tokenUrl))
        .header("Content-Type", "application/x-www-form-urlencoded;charset='utf-8'")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username="
            + enc(username) + "&password=" + enc(password)
            + (scope == null ? "" : "&scope=" + enc(scope)))));
    token = t.json().get("access_token").asText();
    return getAs(userHref, token).json();
  }

  /** Signs in if needed and creates an application with this endpoint id. */
  public JsonNode createApplication(String endpointId) {
    JsonNode user = token == null ? signIn() : getAs(userHref(), token).json();
    Response r = postJson(user.at("/_links/applications/href").asText(),
        "{\"UserAgent\":\"scenario-test\",\"EndpointId\":\"" + endpointId
            + "\",\"Culture\":\"en-US\"}");
    if (r.status() != 201) {
      throw new IllegalStateException("application not created: " + r.status() + " " + r.body());
    }
    application = r.json();
    return application;
  }

  private String userHref() {
    return getAs(base + "/", null).json().at("/_links/user/href").asText();
  }

  public String token() {
    return token;
  }

  public JsonNode application() {
    return application;
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

  public Response get(String href) {
    return getAs(href, token);
  }

  public Response get(String href, Map<String, String> headers) {
    HttpRequest.Builder b = request(href);
    headers.forEach(b::header);
    return send(b.GET());
  }

  public Response postJson(String href, String json) {
    return send(request(href).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response post(String href, String contentType, String body, Map<String, String> h) {
    HttpRequest.Builder b = request(href);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    h.forEach(b::header);
    return send(b.POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response put(String href, String contentType, String body, Map<String, String> h) {
    HttpRequest.Builder b = request(href).header("Content-Type", contentType);
    h.forEach(b::header);
    return send(b.PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response delete(String href) {
    return send(request(href).DELETE());
  }

  /** Any method, for the tests of unsupported ones. */
  public Response method(String method, String href) {
    return send(request(href).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String href) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(resolve(href)))
        .timeout(Duration.ofSeconds(90));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Response getAs(String url, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(resolve(url)))
        .header("Accept", "application/json").timeout(Duration.ofSeconds(90));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b.GET());
  }

  /** Relative links are relative to the server's host, as Hypermedia.md says. */
  public String resolve(String href) {
    return href.startsWith("http") ? href : base + href;
  }

  private static Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
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
