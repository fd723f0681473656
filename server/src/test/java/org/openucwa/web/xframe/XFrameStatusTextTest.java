package org.openucwa.web.xframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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
  private static final String APPLICATIONS = "/ucwa/oauth/v1/applications";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TestServer server;
  private static NodeHarness node;
  private static byte[] page;
  private static String token;

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
    JsonNode grant =
        relay(
                request(
                    "POST",
                    "/WebTicket/oauthtoken",
                    Map.of(
                        "contentType",
                        "application/x-www-form-urlencoded;charset='utf-8'",
                        "data",
                        "grant_type=password&username=alice@contoso.com&password="
                            + TestServer.PASSWORD.replace("@", "%40"))))
            .get(0);
    assertThat(grant.get("status").asInt()).isEqualTo(200);
    assertThat(grant.get("statusText").asText()).isEqualTo("success");
    token = MAPPER.readTree(grant.get("responseText").asText()).get("access_token").asText();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A request as TransportLibrary.md's clientRequest posts it to the frame. */
  private static Map<String, Object> request(String type, String url, Map<String, Object> more) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("accepts", "application/json");
    request.put("type", type);
    request.put("url", url);
    request.putAll(more);
    request.put("messageId", Map.of("Id", type + " " + url));
    return request;
  }

  /** Posts the requests to the frame at once; the replies, in the order of the requests. */
  @SafeVarargs
  private static List<JsonNode> relay(Map<String, Object>... requests) throws Exception {
    List<NodeHarness.Message> messages = new ArrayList<>();
    for (Map<String, Object> request : requests) {
      messages.add(new NodeHarness.Message(APP, MAPPER.writeValueAsString(request)));
    }
    List<NodeHarness.Reply> replies = node.run(page, server.url(), messages).replies();
    assertThat(replies).hasSize(requests.length);
    JsonNode[] ordered = new JsonNode[requests.length];
    replies.forEach(reply -> ordered[reply.message()] = reply.json());
    return List.of(ordered);
  }

  private static Map<String, Object> bearer(Map<String, Object> more) {
    Map<String, Object> all = new LinkedHashMap<>(more);
    all.put("headers", Map.of("Authorization", "Bearer " + token));
    return all;
  }

  private static String header(JsonNode reply, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + ": ([^\r\n]*)")
            .matcher(reply.get("headers").asText());
    return m.find() ? m.group(1) : null;
  }

  private static Map<String, Object> createApplication(String endpointId) {
    return request(
        "POST",
        APPLICATIONS,
        bearer(
            Map.of(
                "contentType",
                "application/json",
                "data",
                "{\"UserAgent\":\"frame\",\"EndpointId\":\""
                    + endpointId
                    + "\",\"Culture\":\"en-US\"}")));
  }

  @Test
  void a_2xx_answer_reads_success_and_keeps_status_body_and_headers_in_json_and_xml()
      throws Exception {
    List<JsonNode> replies =
        relay(
            request("GET", "/", Map.of()),
            createApplication("json"),
            request(
                "POST",
                APPLICATIONS,
                bearer(
                    Map.of(
                        "accepts",
                        XML,
                        "contentType",
                        XML,
                        "data",
                        "<input xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">"
                            + "<property name=\"userAgent\">frame</property>"
                            + "<property name=\"endpointId\">xml</property>"
                            + "<property name=\"culture\">en-US</property></input>"))));
    JsonNode root = replies.get(0);
    JsonNode json = replies.get(1);
    JsonNode xml = replies.get(2);
    JsonNode deleted = relay(request("DELETE", header(xml, "Location"), bearer(Map.of()))).get(0);

    assertThat(root.get("status").asInt()).isEqualTo(200);
    assertThat(root.get("statusText").asText()).isEqualTo("success");
    assertThat(MAPPER.readTree(root.get("responseText").asText()).get("rel").asText())
        .isEqualTo("root");
    assertThat(json.get("status").asInt()).isEqualTo(201);
    assertThat(json.get("statusText").asText()).isEqualTo("success");
    assertThat(MAPPER.readTree(json.get("responseText").asText()).get("rel").asText())
        .isEqualTo("application");
    assertThat(header(json, "Location")).startsWith(APPLICATIONS + "/");
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
    JsonNode app = relay(createApplication("photo")).get(0);
    String photo =
        MAPPER
            .readTree(app.get("responseText").asText())
            .at("/_embedded/me/_links/photo/href")
            .asText();
    JsonNode first = relay(request("GET", photo, bearer(Map.of()))).get(0);
    String etag = header(first, "ETag");

    JsonNode again =
        relay(
                request(
                    "GET",
                    photo,
                    Map.of(
                        "headers",
                        Map.of("Authorization", "Bearer " + token, "If-None-Match", etag))))
            .get(0);

    assertThat(first.get("status").asInt()).isEqualTo(200);
    assertThat(first.get("statusText").asText()).isEqualTo("success");
    assertThat(etag).isNotBlank();
    assertThat(again.get("status").asInt()).isEqualTo(304);
    assertThat(again.get("statusText").asText()).isEqualTo("notmodified");
    assertThat(header(again, "ETag")).isEqualTo(etag);
  }

  @Test
  void an_error_reads_error_with_the_ucwa_error_body_in_json_and_xml() throws Exception {
    String gone = APPLICATIONS + "/123456789012/me";
    List<JsonNode> replies =
        relay(
            request("GET", "/Autodiscover/AutodiscoverService.svc/root/oauth/user", Map.of()),
            request("GET", gone, bearer(Map.of())),
            request("GET", gone, bearer(Map.of("accepts", XML))));
    JsonNode challenge = replies.get(0);
    JsonNode json = replies.get(1);
    JsonNode xml = replies.get(2);

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
