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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;

/**
 * The XFrame page as the real server serves it, relaying to the real server: the discovery flow a
 * browser client runs through the frame, and the origin check.
 */
class XFrameOnServerTest {

  private static final String APP = "https://app.fabrikam.com";
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
                HttpRequest.newBuilder(
                        URI.create(server.url() + "/Autodiscover/XFrame/XFrame.html"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    page = r.body();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Map<String, Object> request(
      String type, String url, String contentType, String data) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("accepts", "application/json");
    r.put("type", type);
    r.put("url", url);
    if (contentType != null) {
      r.put("contentType", contentType);
      r.put("data", data);
    }
    r.put("messageId", Map.of("Id", type + " " + url));
    return r;
  }

  private static List<NodeHarness.Reply> relay(String origin, Map<String, Object> request)
      throws Exception {
    return node.run(
            page,
            server.url(),
            List.of(new NodeHarness.Message(origin, MAPPER.writeValueAsString(request))))
        .replies();
  }

  @Test
  void a_browser_client_discovers_is_challenged_and_signs_in_through_the_frame() throws Exception {
    JsonNode root = relay(APP, request("GET", "/", null, null)).get(0).json();
    assertThat(root.get("status").asInt()).isEqualTo(200);
    String userHref =
        MAPPER.readTree(root.get("responseText").asText()).at("/_links/user/href").asText();

    JsonNode challenge = relay(APP, request("GET", userHref, null, null)).get(0).json();
    assertThat(challenge.get("status").asInt()).isEqualTo(401);
    assertThat(challenge.get("headers").asText())
        .contains("WWW-Authenticate: MsRtcOAuth href=\"" + server.url() + "/WebTicket/oauthtoken\"")
        .contains("Content-Type: text/html; charset=utf-8\r\n");
    assertThat(challenge.get("messageId").get("Id").asText()).isEqualTo("GET " + userHref);

    JsonNode token =
        relay(
                APP,
                request(
                    "POST",
                    "/WebTicket/oauthtoken",
                    "application/x-www-form-urlencoded;charset='utf-8'",
                    "grant_type=password&username=alice@contoso.com&password="
                        + TestServer.PASSWORD.replace("@", "%40")))
            .get(0)
            .json();
    assertThat(token.get("status").asInt()).isEqualTo(200);
    assertThat(MAPPER.readTree(token.get("responseText").asText()).get("token_type").asText())
        .isEqualTo("Bearer");
  }

  @Test
  void a_message_from_an_origin_that_is_not_allowed_gets_no_answer() throws Exception {
    assertThat(relay("https://evil.example", request("GET", "/", null, null))).isEmpty();
  }
}
