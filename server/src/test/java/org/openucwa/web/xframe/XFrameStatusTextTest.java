package org.openucwa.web.xframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;

/**
 * The XFrame's reply as the reference's library reads it: TransportLibrary.md and
 * AuthenticationLibrary.md test {@code statusText === "success"}, MimeLibrary.md shows {@code
 * statusText: "success"}: jQuery's text status, not the HTTP reason phrase. Relayed by the page the
 * server serves at {@code /xframe} to the real server, in JSON and in XML, keeping status, body and
 * header lines.
 */
class XFrameStatusTextTest {

  private static final String APP = "https://app.fabrikam.com";
  private static final String XML = "application/vnd.microsoft.com.ucwa+xml";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TestServer server;
  private static NodeHarness node;
  private static byte[] page;

  @BeforeAll
  static void start() throws Exception {
    node = NodeHarness.find().orElse(null);
    assumeTrue(node != null, "node is not installed");
    server = TestServer.start(b -> b.allowedOrigins(List.of(APP)));
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "/xframe")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    page = r.body();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Posts one request to the frame, as TransportLibrary.md's clientRequest does; its reply. */
  private static JsonNode relay(String type, String url, Map<String, Object> more)
      throws Exception {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("accepts", "application/json");
    request.put("type", type);
    request.put("url", url);
    request.putAll(more);
    request.put("messageId", Map.of("Id", type + " " + url));
    List<NodeHarness.Reply> replies =
        node.run(
                page,
                server.url(),
                List.of(new NodeHarness.Message(APP, MAPPER.writeValueAsString(request))))
            .replies();
    assertThat(replies).hasSize(1);
    return replies.get(0).json();
  }

  private static Map<String, Object> bearer(String token) {
    return Map.of("headers", Map.of("Authorization", "Bearer " + token));
  }

  private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> all = new LinkedHashMap<>(a);
    all.putAll(b);
    return all;
  }

  private static String header(JsonNode reply, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + ": ([^\r\n]*)")
            .matcher(reply.get("headers").asText());
    return m.find() ? m.group(1) : null;
  }

  private static String signIn() throws Exception {
    JsonNode token =
        relay(
            "POST",
            "/WebTicket/oauthtoken",
            Map.of(
                "contentType",
                "application/x-www-form-urlencoded;charset='utf-8'",
                "data",
                "grant_type=password&username=alice@contoso.com&password="
                    + TestServer.PASSWORD.replace("@", "%40")));
    assertThat(token.get("status").asInt()).isEqualTo(200);
    assertThat(token.get("statusText").asText()).isEqualTo("success");
    return MAPPER.readTree(token.get("responseText").asText()).get("access_token").asText();
  }

  @Test
  void a_2xx_answer_reads_success_and_keeps_status_body_and_headers_in_json_and_xml()
      throws Exception {
    JsonNode root = relay("GET", "/", Map.of());
    assertThat(root.get("status").asInt()).isEqualTo(200);
    assertThat(root.get("statusText").asText()).isEqualTo("success");
    String userHref =
        MAPPER.readTree(root.get("responseText").asText()).at("/_links/user/href").asText();
    String token = signIn();
    String applications =
        MAPPER
            .readTree(relay("GET", userHref, bearer(token)).get("responseText").asText())
            .at("/_links/applications/href")
            .asText();

    JsonNode json =
        relay(
            "POST",
            applications,
            with(
                bearer(token),
                Map.of(
                    "contentType",
                    "application/json",
                    "data",
                    "{\"UserAgent\":\"frame\",\"EndpointId\":\"j\",\"Culture\":\"en-US\"}")));
    JsonNode xml =
        relay(
            "POST",
            applications,
            with(
                bearer(token),
                Map.of(
                    "accepts",
                    XML,
                    "contentType",
                    XML,
                    "data",
                    "<input xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">"
                        + "<property name=\"userAgent\">frame</property>"
                        + "<property name=\"endpointId\">x</property>"
                        + "<property name=\"culture\">en-US</property></input>")));
    JsonNode deleted = relay("DELETE", header(xml, "Location"), bearer(token));

    assertThat(json.get("status").asInt()).isEqualTo(201);
    assertThat(json.get("statusText").asText()).isEqualTo("success");
    assertThat(MAPPER.readTree(json.get("responseText").asText()).get("rel").asText())
        .isEqualTo("application");
    assertThat(header(json, "Location")).startsWith("/ucwa/oauth/v1/applications/");
    assertThat(header(json, "Content-Type")).startsWith("application/json");
    assertThat(xml.get("status").asInt()).isEqualTo(201);
    assertThat(xml.get("statusText").asText()).isEqualTo("success");
    assertThat(xml.get("responseText").asText()).contains("rel=\"application\"");
    assertThat(header(xml, "Content-Type")).startsWith(XML);
    assertThat(deleted.get("status").asInt()).isEqualTo(204);
    assertThat(deleted.get("statusText").asText()).isEqualTo("success");
    assertThat(deleted.get("messageId").get("Id").asText()).startsWith("DELETE ");
  }

  @Test
  void a_304_reads_notmodified() throws Exception {
    String token = signIn();
    JsonNode app =
        relay(
            "POST",
            "/ucwa/oauth/v1/applications",
            with(
                bearer(token),
                Map.of(
                    "contentType",
                    "application/json",
                    "data",
                    "{\"UserAgent\":\"frame\",\"EndpointId\":\"p\",\"Culture\":\"en-US\"}")));
    String photo =
        MAPPER
            .readTree(app.get("responseText").asText())
            .at("/_embedded/me/_links/photo/href")
            .asText();
    JsonNode first = relay("GET", photo, bearer(token));
    String etag = header(first, "ETag");

    JsonNode again =
        relay(
            "GET",
            photo,
            Map.of("headers", Map.of("Authorization", "Bearer " + token, "If-None-Match", etag)));

    assertThat(first.get("statusText").asText()).isEqualTo("success");
    assertThat(etag).isNotBlank();
    assertThat(again.get("status").asInt()).isEqualTo(304);
    assertThat(again.get("statusText").asText()).isEqualTo("notmodified");
    assertThat(header(again, "ETag")).isEqualTo(etag);
  }

  @Test
  void an_error_reads_error_with_the_ucwa_error_body_in_json_and_xml() throws Exception {
    JsonNode root = relay("GET", "/", Map.of());
    String userHref =
        MAPPER.readTree(root.get("responseText").asText()).at("/_links/user/href").asText();

    JsonNode challenge = relay("GET", userHref, Map.of());
    String token = signIn();
    String gone = "/ucwa/oauth/v1/applications/123456789012/me";
    JsonNode json = relay("GET", gone, bearer(token));
    JsonNode xml = relay("GET", gone, with(bearer(token), Map.of("accepts", XML)));

    assertThat(challenge.get("status").asInt()).isEqualTo(401);
    assertThat(challenge.get("statusText").asText()).isEqualTo("error");
    assertThat(header(challenge, "WWW-Authenticate")).startsWith("MsRtcOAuth href=");
    assertThat(json.get("status").asInt()).isEqualTo(404);
    assertThat(json.get("statusText").asText()).isEqualTo("error");
    assertThat(MAPPER.readTree(json.get("responseText").asText()).get("code").asText())
        .isEqualTo("NotFound");
    assertThat(xml.get("status").asInt()).isEqualTo(404);
    assertThat(xml.get("statusText").asText()).isEqualTo("error");
    assertThat(xml.get("responseText").asText()).contains("<code>NotFound</code>");
  }
}
