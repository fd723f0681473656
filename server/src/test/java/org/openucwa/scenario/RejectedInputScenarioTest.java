package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * Input the server refuses (GenericSynchronousErrors.md): malformed JSON or XML, XML that declares
 * a DTD or entities, bodies over the size limit or of another media type, and parameters that fail
 * validation. Every refusal is a UCWA error in the requested format, and none creates an
 * application.
 */
class RejectedInputScenarioTest {

  private static final String XML_INPUT =
      """
      <input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
        <property name="culture">en-US</property>
        <property name="endpointId">xml</property>
        <property name="userAgent">%s</property>
      </input>""";

  private TestServer server;
  private UcwaClient alice;
  private String applications;

  @BeforeEach
  void start() {
    server = TestServer.start(b -> b.maxBodyBytes(2048));
    alice = server.client("alice");
    applications = alice.applicationsHref();
  }

  @AfterEach
  void stop() {
    assertThat(server.applicationIds("alice")).as("applications created").isEmpty();
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"userAgent\":",
        "not json",
        "[\"userAgent\"]",
        "{\"userAgent\":\"a\"} {}",
        "{'userAgent':'single quotes'}",
        "{\"userAgent\":\"a\",,}"
      })
  void malformedJsonIsADeserializationFailure(String body) {
    assertJsonError(
        alice.postJson(applications, body), 400, "BadRequest", "DeserializationFailure");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<input><property name=\"userAgent\">",
        "<input>",
        "not xml",
        "<input></output>",
        "<other xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"/>"
      })
  void malformedXmlIsADeserializationFailure(String body) {
    assertJsonError(
        alice.post(applications, "application/xml", body, Map.of()),
        400,
        "BadRequest",
        "DeserializationFailure");
    assertXmlError(
        alice.post(applications, "application/xml", body, Map.of("Accept", "application/xml")),
        400,
        "BadRequest",
        "DeserializationFailure");
  }

  @Test
  void xmlWithADtdIsRefused() {
    Response r =
        alice.post(
            applications,
            "application/xml",
            "<!DOCTYPE input [<!ELEMENT input ANY>]>\n" + XML_INPUT.formatted("dtd"),
            Map.of("Accept", "application/xml"));

    assertXmlError(r, 400, "BadRequest", "DeserializationFailure");
  }

  @Test
  void anExternalEntityIsNeverExpandedIntoAnyResponse() throws IOException {
    String passwd = Files.readAllLines(Path.of("/etc/passwd")).get(0);
    String xxe =
        "<!DOCTYPE input [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + XML_INPUT.formatted("&xxe;");

    assertJsonError(
        alice.post(applications, "application/xml", xxe, Map.of()),
        400,
        "BadRequest",
        "DeserializationFailure");
    assertXmlError(
        alice.post(applications, "application/xml", xxe, Map.of("Accept", "application/xml")),
        400,
        "BadRequest",
        "DeserializationFailure");

    for (UcwaClient.Call call : alice.calls()) {
      assertThat(call.response().body()).doesNotContain(passwd);
    }
  }

  @Test
  void anExternalDtdIsNeverFetched() throws IOException {
    AtomicInteger fetches = new AtomicInteger();
    HttpServer evil =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    evil.createContext(
        "/",
        exchange -> {
          fetches.incrementAndGet();
          byte[] dtd = "<!ENTITY leak 'fetched'>".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, dtd.length);
          exchange.getResponseBody().write(dtd);
          exchange.close();
        });
    evil.start();
    try {
      String url = "http://127.0.0.1:" + evil.getAddress().getPort() + "/evil.dtd";
      String body = "<!DOCTYPE input SYSTEM \"" + url + "\">\n" + XML_INPUT.formatted("&leak;");
      String parameterEntity =
          "<!DOCTYPE input [<!ENTITY % remote SYSTEM \""
              + url
              + "\"> %remote;]>\n"
              + XML_INPUT.formatted("&leak;");

      assertJsonError(
          alice.post(applications, "application/xml", body, Map.of()),
          400,
          "BadRequest",
          "DeserializationFailure");
      assertJsonError(
          alice.post(applications, "application/xml", parameterEntity, Map.of()),
          400,
          "BadRequest",
          "DeserializationFailure");
    } finally {
      evil.stop(0);
    }
    assertThat(fetches).hasValue(0);
  }

  @Test
  void aBillionLaughsIsRefused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE input [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      String ref = ("&lol" + (i - 1) + ";").repeat(10);
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(ref).append("\">");
    }
    dtd.append("]>\n");

    Response r =
        alice.post(applications, "application/xml", dtd + XML_INPUT.formatted("&lol9;"), Map.of());

    assertJsonError(r, 400, "BadRequest", "DeserializationFailure");
    assertThat(r.body()).doesNotContain("lollol");
  }

  @Test
  void aBodyOverTheLimitIsEntityTooLarge() {
    String big =
        "{\"userAgent\":\"" + "a".repeat(4096) + "\",\"endpointId\":\"big\",\"culture\":\"en-US\"}";
    byte[] bytes = big.getBytes(StandardCharsets.UTF_8);

    assertJsonError(
        alice.send("POST", applications, Map.of("Content-Type", "application/json"), bytes),
        413,
        "EntityTooLarge",
        "EntityTooLarge");
    assertXmlError(
        alice.send(
            "POST",
            applications,
            Map.of("Content-Type", "application/json", "Accept", "application/xml"),
            bytes),
        413,
        "EntityTooLarge",
        "EntityTooLarge");
    assertJsonError(
        alice.sendChunked("POST", applications, Map.of("Content-Type", "application/json"), bytes),
        413,
        "EntityTooLarge",
        "EntityTooLarge");

    assertThat(alice.get(alice.userHref()).status()).as("the server still answers").isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(ints = {64 * 1024, 1024 * 1024})
  void aBodyFarOverTheLimitIsEntityTooLargeToo(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'a');

    assertJsonError(
        alice.send("POST", applications, Map.of("Content-Type", "application/json"), bytes),
        413,
        "EntityTooLarge",
        "EntityTooLarge");
    assertJsonError(
        alice.sendChunked("POST", applications, Map.of("Content-Type", "application/json"), bytes),
        413,
        "EntityTooLarge",
        "EntityTooLarge");
  }

  /**
   * Over a raw socket, the way a client that sends its whole body before reading does: a chunked
   * body of 1 MiB, far over the limit, is read to its end, so the client reads its 413 rather than
   * a connection reset while it still sends, and the connection serves the next request.
   */
  @Test
  void aChunkedBodyFarOverTheLimitIsReadToItsEndThenRefusedAndTheConnectionServesOn()
      throws IOException {
    String path = URI.create(alice.resolve(applications)).getRawPath();
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + alice.token()
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, (byte) 'a');
      for (int i = 0; i < 128; i++) {
        out.write("2000\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.write(
          "0\r\n\r\nGET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();

      String refused = responseHead(in);
      in.readNBytes(contentLength(refused));
      String next = responseHead(in);

      assertThat(refused)
          .startsWith("HTTP/1.1 413")
          .doesNotContainIgnoringCase("connection: close");
      assertThat(next).startsWith("HTTP/1.1 200");
    }
  }

  private static String responseHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      assertThat(c).as("a response, read so far: " + head).isNotNegative();
      head.append((char) c);
    }
    return head.toString();
  }

  private static int contentLength(String head) {
    Matcher m = Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void aBodyOfAnotherMediaTypeIsUnsupported() {
    String body = "userAgent=plain&endpointId=plain&culture=en-US";

    assertJsonError(
        alice.post(applications, "text/plain", body, Map.of()),
        415,
        "UnsupportedMediaType",
        "UnsupportedMediaType");
    assertXmlError(
        alice.post(applications, "text/plain", body, Map.of("Accept", "application/xml")),
        415,
        "UnsupportedMediaType",
        "UnsupportedMediaType");
    assertJsonError(
        alice.post(applications, null, body, Map.of()),
        415,
        "UnsupportedMediaType",
        "UnsupportedMediaType");
  }

  @Test
  void aFieldOverOneHundredCharactersFailsValidationNamingIt() {
    String tooLong = "a".repeat(101);

    ErrorBody json =
        assertJsonError(
            alice.postJson(
                applications,
                "{\"userAgent\":\""
                    + tooLong
                    + "\",\"endpointId\":\"long\",\"culture\":\"en-US\"}"),
            400,
            "BadRequest",
            "ParameterValidationFailure");
    ErrorBody xml =
        assertXmlError(
            alice.post(
                applications,
                "application/xml",
                XML_INPUT.formatted(tooLong),
                Map.of("Accept", "application/xml")),
            400,
            "BadRequest",
            "ParameterValidationFailure");

    assertThat(json.parameters()).containsOnlyKeys("userAgent");
    assertThat(xml.parameters()).containsOnlyKeys("userAgent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"c\\u0001tl", "lone \\uD800 surrogate", "be\\u0007ll", "\\uFFFE"})
  void textThatXmlCannotCarryFailsValidationNamingTheField(String escaped) {
    ErrorBody e =
        assertJsonError(
            alice.postJson(
                applications,
                "{\"userAgent\":\"" + escaped + "\",\"endpointId\":\"ctl\",\"culture\":\"en-US\"}"),
            400,
            "BadRequest",
            "ParameterValidationFailure");

    assertThat(e.parameters()).containsOnlyKeys("userAgent");
  }

  @Test
  void aControlCharacterByReferenceInXml11FailsValidationToo() {
    Response r =
        alice.post(
            applications,
            "application/xml",
            "<?xml version=\"1.1\"?>" + XML_INPUT.formatted("x&#x1;x"),
            Map.of("Accept", "application/xml"));

    ErrorBody e = assertXmlError(r, 400, "BadRequest", "ParameterValidationFailure");
    assertThat(e.parameters()).containsOnlyKeys("userAgent");
  }

  @Test
  void tabsAndLineBreaksAreOrdinaryText() {
    Response r =
        alice.postJson(
            applications,
            "{\"userAgent\":\"a\\tb\\r\\nc\",\"endpointId\":\"ws\",\"culture\":\"en-US\"}");

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    alice.delete(r.header("Location"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"userAgent", "endpointId", "culture"})
  void aMissingRequiredFieldFailsValidationNamingIt(String missing) {
    Map<String, String> fields =
        new LinkedHashMap<>(Map.of("userAgent", "ua", "endpointId", "e", "culture", "en-US"));
    fields.remove(missing);
    String json = new ObjectMapper().valueToTree(fields).toString();

    ErrorBody e =
        assertJsonError(
            alice.postJson(applications, json), 400, "BadRequest", "ParameterValidationFailure");

    assertThat(e.parameters()).containsOnlyKeys(missing);
  }

  @Test
  void everyMissingRequiredFieldIsNamedInTheOneError() {
    ErrorBody json =
        assertJsonError(
            alice.postJson(applications, "{\"instanceId\":\"i\"}"),
            400,
            "BadRequest",
            "ParameterValidationFailure");
    ErrorBody xml =
        assertXmlError(
            alice.post(
                applications,
                "application/xml",
                "<input xmlns=\"" + ErrorBody.UCWA_NS + "\"/>",
                Map.of("Accept", "application/xml")),
            400,
            "BadRequest",
            "ParameterValidationFailure");

    assertThat(json.parameters()).containsOnlyKeys("userAgent", "endpointId", "culture");
    assertThat(xml.parameters()).containsOnlyKeys("userAgent", "endpointId", "culture");
  }

  @Test
  void anEmptyRequiredFieldFailsValidationNamingIt() {
    ErrorBody e =
        assertJsonError(
            alice.postJson(
                applications, "{\"userAgent\":\"ua\",\"endpointId\":\"  \",\"culture\":\"en-US\"}"),
            400,
            "BadRequest",
            "ParameterValidationFailure");

    assertThat(e.parameters()).containsOnlyKeys("endpointId");
  }
}
