package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * The input a POST accepts (PayloadFormat.md, "Input formats"): JSON with keys in any case, unknown
 * and null fields ignored and the trailing comma of CreateAnApplication.md's own sample, the XML
 * {@code <input>} of the reference's XML requests, and a form body.
 */
class InputScenarioTest {

  private TestServer server;
  private UcwaClient alice;
  private String applications;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
    applications = alice.applicationsHref();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"userAgent", "UserAgent", "USERAGENT", "useragent"})
  void jsonKeysAreMatchedWhateverTheirCase(String key) {
    Response r =
        alice.postJson(
            applications, "{\"" + key + "\":\"cased\",\"ENDPOINTID\":\"e\",\"Culture\":\"en-US\"}");

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("userAgent").asText()).isEqualTo("cased");
    assertThat(r.json().path("endpointId").asText()).isEqualTo("e");
  }

  @Test
  void unknownAndNullFieldsAreIgnored() {
    Response r =
        alice.postJson(
            applications,
            """
        {"userAgent":"tolerant","endpointId":"e","culture":"en-US","instanceId":null,
         "favouriteColour":"blue","nested":{"a":[1,2]},"list":[null,"x"],"_links":{}}""");

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().has("favouriteColour")).isFalse();
    assertThat(r.json().has("instanceId")).isFalse();
  }

  @Test
  void theTrailingCommaOfTheReferenceSampleIsAccepted() {
    Response r =
        alice.postJson(
            applications,
            """
        {
        "UserAgent":"UCWA Samples",
        "EndpointId":"a917c6f4-976c-4cf3-847d-cdfffa28ccdf",
        "Culture":"en-US",
        }
        """);

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("userAgent").asText()).isEqualTo("UCWA Samples");
  }

  @Test
  void anXmlInputBodyIsAccepted() {
    Response r =
        alice.post(
            applications,
            "application/xml",
            """
        <?xml version="1.0" encoding="utf-8"?>
        <input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
          <property name="culture">en-US</property>
          <property name="endpointId">xml-endpoint</property>
          <property name="userAgent">XmlClient/1.0</property>
        </input>
        """,
            Map.of("Accept", "application/xml"));

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.header("Content-Type")).startsWith("application/xml");
    assertThat(r.header("Location")).isNotBlank();
    assertThat(r.body())
        .contains("<resource xmlns=\"" + ErrorBody.UCWA_NS + "\" rel=\"application\"")
        .contains("<property name=\"userAgent\">XmlClient/1.0</property>");
  }

  @Test
  void aFormBodyIsAccepted() {
    Response r =
        alice.post(
            applications,
            "application/x-www-form-urlencoded",
            UcwaClient.form(
                Map.of("userAgent", "Form Client", "endpointId", "form", "culture", "en-US")),
            Map.of());

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode app = r.json();
    assertThat(app.path("userAgent").asText()).isEqualTo("Form Client");
  }

  @Test
  void aFieldOfExactlyTheMaximumLengthIsAccepted() {
    Response r =
        alice.postJson(
            applications,
            "{\"userAgent\":\""
                + "a".repeat(100)
                + "\",\"endpointId\":\"e\",\"culture\":\"en-US\"}");

    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }
}
