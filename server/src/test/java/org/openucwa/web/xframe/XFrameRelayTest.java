package org.openucwa.web.xframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.web.xframe.RecordingUcwaStub.ROOT_PATH;
import static org.openucwa.web.xframe.RecordingUcwaStub.TOKEN_PATH;
import static org.openucwa.web.xframe.RecordingUcwaStub.USER_PATH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.web.xframe.NodeHarness.Message;
import org.openucwa.web.xframe.NodeHarness.Reply;
import org.openucwa.web.xframe.NodeHarness.Result;

/**
 * The XFrame page's own script, run under Node.js, relaying postMessage requests over real HTTP and
 * posting the responses back as a browser client receives them.
 */
class XFrameRelayTest {

  private static final String APP = "https://app.fabrikam.com";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static NodeHarness node;
  private static RecordingUcwaStub target;

  @BeforeAll
  static void findNodeAndStartTarget() throws Exception {
    Optional<NodeHarness> found = NodeHarness.find();
    Assumptions.assumeTrue(found.isPresent(), "node is not installed");
    node = found.get();
    // The one place that chooses the server the page belongs to and relays to.
    target = RecordingUcwaStub.start();
  }

  @AfterAll
  static void stopTarget() {
    if (target != null) {
      target.close();
    }
  }

  @BeforeEach
  void forgetEarlierRequests() {
    target.forget();
  }

  private static String baseUrl() {
    return target.baseUrl();
  }

  @Test
  void aMessageFromAnAllowedOriginIsAnsweredWithStatusBodyCanonicalHeadersAndItsMessageId()
      throws Exception {
    Map<String, Object> request = request("get", USER_PATH);
    request.put("messageId", Map.of("Id", 7, "callback", "onUser"));

    Reply reply = single(relay(APP, MAPPER.writeValueAsString(request)));

    assertThat(reply.targetOrigin()).isEqualTo(APP);
    assertThat(reply.dataType()).isEqualTo("string");
    JsonNode answer = reply.json();
    assertThat(answer.get("status").asInt()).isEqualTo(401);
    assertThat(answer.get("statusText").asText()).isEqualTo("error");
    assertThat(answer.get("responseText").asText()).isEqualTo("<h1>401 - Unauthorized</h1>");
    String headers = answer.get("headers").asText();
    assertThat(headers)
        .contains("WWW-Authenticate: " + target.challenge() + "\r\n")
        .contains("Content-Type: text/html\r\n")
        .contains("Content-Length: 27\r\n")
        .endsWith("\r\n")
        .doesNotContain("www-authenticate", "content-type");
    assertThat(headers.split("\r\n")).allMatch(line -> line.matches("[A-Z][\\w-]*: .*"));
    assertThat(answer.get("messageId"))
        .isEqualTo(MAPPER.readTree("{\"Id\":7,\"callback\":\"onUser\"}"));

    RecordingUcwaStub.Received received = single(target.received());
    assertThat(received.method()).isEqualTo("GET");
    assertThat(received.pathAndQuery()).isEqualTo(USER_PATH);
    assertThat(received.header("Accept")).contains("application/json");
    assertThat(received.header("X-Ms-Origin")).contains(APP);
    assertThat(received.header("X-Requested-With")).contains("XMLHttpRequest");
  }

  @Test
  void aDiscoveryRequestGetsTheJsonBodyAndUcwaSpelledHeaders() throws Exception {
    JsonNode answer =
        single(relay(APP, MAPPER.writeValueAsString(request("GET", ROOT_PATH)))).json();

    assertThat(answer.get("status").asInt()).isEqualTo(200);
    assertThat(answer.get("statusText").asText()).isEqualTo("success");
    assertThat(
            MAPPER.readTree(answer.get("responseText").asText()).at("/_links/user/href").asText())
        .isEqualTo(baseUrl() + USER_PATH);
    assertThat(answer.get("headers").asText())
        .contains("Content-Type: application/json\r\n")
        .contains("ETag: \"3140562359\"\r\n")
        .contains("X-MS-RequiresMinResourceVersion: 2\r\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example",
        "https://app.fabrikam.com.evil.example",
        "http://app.fabrikam.com",
        "null",
        ""
      })
  void aMessageFromAnotherOriginGetsNoReplyAndReachesNoServer(String origin) throws Exception {
    Result result =
        run(
            new XFramePage(List.of(APP)),
            List.of(new Message(origin, MAPPER.writeValueAsString(request("GET", ROOT_PATH)))));

    assertThat(result.listeners()).isEqualTo(1);
    assertThat(result.replies()).isEmpty();
    assertThat(target.received()).isEmpty();
  }

  @Test
  void aRequestWrappedAsTheReferenceSampleSendsItIsRelayed() throws Exception {
    Map<String, Object> request = request("get", ROOT_PATH);
    request.put("xhrFields", Map.of("withCredentials", true));
    request.put("messageId", Map.of("Id", 1));

    JsonNode answer =
        single(relay(APP, MAPPER.writeValueAsString(Map.of("request", request)))).json();

    assertThat(answer.get("status").asInt()).isEqualTo(200);
    assertThat(answer.at("/messageId/Id").asInt()).isEqualTo(1);
    assertThat(single(target.received()).pathAndQuery()).isEqualTo(ROOT_PATH);
  }

  @Test
  void aRequestPostedAsAnObjectRatherThanAStringIsRelayed() throws Exception {
    JsonNode answer = single(relay(APP, Map.of("request", request("GET", ROOT_PATH)))).json();

    assertThat(answer.get("status").asInt()).isEqualTo(200);
  }

  @Test
  void aPostSendsItsContentTypeBodyHeadersAndNoCache() throws Exception {
    Map<String, Object> request = request("post", TOKEN_PATH);
    request.put("contentType", "application/x-www-form-urlencoded;charset='utf-8'");
    request.put("data", "grant_type=password&username=lenea@contoso.com&password=pass@word1");
    request.put("cache", false);
    request.put("headers", Map.of("X-Custom", "abc", "X-Ms-Origin", "https://spoofed.example"));

    JsonNode answer = single(relay(APP, MAPPER.writeValueAsString(request))).json();

    assertThat(answer.get("status").asInt()).isEqualTo(200);
    assertThat(MAPPER.readTree(answer.get("responseText").asText()).get("access_token").asText())
        .isEqualTo("cwt=AAEB");
    assertThat(answer.get("headers").asText()).contains("Cache-Control: no-store\r\n");
    RecordingUcwaStub.Received received = single(target.received());
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.header("Content-Type"))
        .contains("application/x-www-form-urlencoded;charset='utf-8'");
    assertThat(received.body())
        .isEqualTo("grant_type=password&username=lenea@contoso.com&password=pass@word1");
    assertThat(received.header("Cache-Control")).contains("no-cache");
    assertThat(received.header("X-Custom")).contains("abc");
    assertThat(received.header("X-Ms-Origin")).contains(APP);
  }

  @Test
  void objectDataIsSentFormEncodedWhenProcessDataIsTrue() throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("grant_type", "password");
    data.put("username", "lene a@contoso.com");
    Map<String, Object> request = request("POST", TOKEN_PATH);
    request.put("processData", true);
    request.put("data", data);

    single(relay(APP, MAPPER.writeValueAsString(request)));

    RecordingUcwaStub.Received received = single(target.received());
    assertThat(received.body()).isEqualTo("grant_type=password&username=lene+a%40contoso.com");
    assertThat(received.header("Content-Type"))
        .contains("application/x-www-form-urlencoded; charset=UTF-8");
  }

  @Test
  void anAbsoluteUrlOnThePagesOwnOriginIsRelayed() throws Exception {
    JsonNode answer =
        single(relay(APP, MAPPER.writeValueAsString(request("GET", baseUrl() + ROOT_PATH)))).json();

    assertThat(answer.get("status").asInt()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/steal",
        "//evil.example/steal",
        "{base}.evil.example/steal",
        "{base}@evil.example/steal",
        "http://localhost:1/steal"
      })
  void aUrlOnAnotherOriginIsRefusedAsAForbiddenTarget(String url) throws Exception {
    Map<String, Object> request = request("GET", url.replace("{base}", baseUrl()));
    request.put("messageId", "m1");

    JsonNode answer = single(relay(APP, MAPPER.writeValueAsString(request))).json();

    assertThat(answer.get("status").asInt()).isZero();
    assertThat(answer.get("statusText").asText()).isEqualTo("error");
    assertThat(answer.get("responseText").asText()).isEqualTo("Forbidden target");
    assertThat(answer.get("messageId").asText()).isEqualTo("m1");
    assertThat(target.received()).isEmpty();
  }

  @Test
  void theWildcardAllowsAnyOriginAndAnswersToThatOrigin() throws Exception {
    String origin = "https://anything.example:8443";
    Result result =
        run(
            new XFramePage(List.of("*")),
            List.of(new Message(origin, MAPPER.writeValueAsString(request("GET", ROOT_PATH)))));

    Reply reply = single(result.replies());
    assertThat(reply.targetOrigin()).isEqualTo(origin);
    assertThat(reply.json().get("status").asInt()).isEqualTo(200);
  }

  @Test
  void aServerThatCannotBeReachedGivesStatusZeroAndError() throws Exception {
    String closedOrigin;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedOrigin = "http://127.0.0.1:" + socket.getLocalPort();
    }
    Map<String, Object> request = request("GET", ROOT_PATH);
    request.put("messageId", 3);

    Result result =
        node.run(
            new XFramePage(List.of(APP)),
            closedOrigin,
            List.of(new Message(APP, MAPPER.writeValueAsString(request))));

    JsonNode answer = single(result.replies()).json();
    assertThat(answer.get("status").asInt()).isZero();
    assertThat(answer.get("statusText").asText()).isEqualTo("error");
    assertThat(answer.get("messageId").asInt()).isEqualTo(3);
  }

  @Test
  void aHostileOriginStringStaysAStringInsideThePageScript() throws Exception {
    String hostile = "</script><script>alert(1)</script>\"];\u2028x='\\";
    Result result = run(new XFramePage(List.of(APP, hostile)), List.of());

    assertThat(result.listeners()).isEqualTo(1);
    assertThat(result.allowedOrigins()).containsExactly(APP, hostile);
  }

  private static Map<String, Object> request(String type, String url) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("accepts", "application/json");
    request.put("type", type);
    request.put("url", url);
    return request;
  }

  private static List<Reply> relay(String origin, Object data) throws Exception {
    return run(new XFramePage(List.of(APP)), List.of(new Message(origin, data))).replies();
  }

  private static Result run(XFramePage page, List<Message> messages) throws Exception {
    return node.run(page, baseUrl(), messages);
  }

  private static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
