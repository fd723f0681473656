package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * The conditional PUT of communication (PayloadFormat.md, "Required and optional parameters"): the
 * resource carries an ETag and a randomly named property to send back; a PUT without If-Match, with
 * a stale one or without that property is refused and changes nothing.
 */
class CommunicationPutScenarioTest {

  private static final String PUT_ME = "please pass this in a PUT request";

  private TestServer server;
  private UcwaClient alice;
  private String communication;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("communicating");
    communication = alice.link("communication/self");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void communicationHasAnETagAndARandomlyNamedPropertyToPassBack() {
    Response r = alice.get(communication);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("ETag")).isNotBlank();
    assertThat(r.json().path("etag").asText()).isEqualTo(unquoted(r.header("ETag")));
    String key = putKey(r.json());
    assertThat(UUID.fromString(key)).isNotNull();
  }

  @Test
  void aPutWithoutIfMatchIsPreconditionRequired() {
    Response before = alice.get(communication);

    assertJsonError(
        alice.put(communication, "application/json", changed(before).toString(), Map.of()),
        428,
        "PreconditionRequired",
        "PreconditionRequired");
    assertXmlError(
        alice.put(
            communication,
            "application/json",
            changed(before).toString(),
            Map.of("Accept", "application/xml")),
        428,
        "PreconditionRequired",
        "PreconditionRequired");

    assertUnchanged(before);
  }

  @Test
  void aPutWithAStaleETagIsPreconditionFailed() {
    Response before = alice.get(communication);
    String stale = before.header("ETag");
    assertThat(
            alice
                .put(
                    communication,
                    "application/json",
                    changed(before).toString(),
                    Map.of("If-Match", stale))
                .status())
        .isEqualTo(204);
    Response current = alice.get(communication);

    ObjectNode again = changed(before);
    again.put("phoneNumber", "tel:+15550199");
    assertJsonError(
        alice.put(communication, "application/json", again.toString(), Map.of("If-Match", stale)),
        412,
        "PreconditionFailed",
        "PreconditionFailed");
    assertXmlError(
        alice.put(
            communication,
            "application/json",
            again.toString(),
            Map.of("If-Match", "\"" + stale + "\"", "Accept", "application/xml")),
        412,
        "PreconditionFailed",
        "PreconditionFailed");

    assertUnchanged(current);
  }

  @Test
  void aPutWithoutTheRandomPropertyFailsValidation() {
    Response before = alice.get(communication);
    ObjectNode body = changed(before);
    String key = putKey(before.json());
    body.remove(key);

    ErrorBody e =
        assertJsonError(
            alice.put(
                communication,
                "application/json",
                body.toString(),
                Map.of("If-Match", before.header("ETag"))),
            400,
            "BadRequest",
            "ParameterValidationFailure");

    assertThat(e.parameters()).containsOnlyKeys(key);
    assertUnchanged(before);
  }

  @Test
  void aCorrectPutAnswers204AndChangesTheResourceAndItsETag() {
    Response before = alice.get(communication);

    Response r =
        alice.put(
            communication,
            "application/json",
            changed(before).toString(),
            Map.of("If-Match", before.header("ETag")));

    assertThat(r.status()).as(r.body()).isEqualTo(204);
    Response after = alice.get(communication);
    assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
    assertThat(after.json().path("phoneNumber").asText()).isEqualTo("tel:+15550100");
    assertThat(putKey(after.json())).isEqualTo(putKey(before.json()));
  }

  @Test
  void aPutMayAskForAModalityNotServedAndCommunicationOffersOnlyWhatIsServed() {
    Response before = alice.get(communication);
    ObjectNode video = changed(before);
    video.putArray("supportedModalities").add("Video").add("Messaging");

    Response r =
        alice.put(
            communication,
            "application/json",
            video.toString(),
            Map.of("If-Match", before.header("ETag")));

    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(alice.get(communication).json().path("supportedModalities"))
        .extracting(JsonNode::asText)
        .containsExactly("Messaging");
  }

  @Test
  void theXmlRepresentationCanBeSentBackWhole() {
    Response before = alice.get(communication, Map.of("Accept", "application/xml"));
    assertThat(before.body()).contains(">" + PUT_ME + "</property>");

    Response r =
        alice.put(
            communication,
            "application/xml",
            before
                .body()
                .replace(
                    "<property name=\"publishEndpointLocation\">False</property>",
                    "<property name=\"publishEndpointLocation\">True</property>"),
            Map.of("If-Match", before.header("ETag")));

    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(alice.get(communication).json().path("publishEndpointLocation").asBoolean())
        .isTrue();
  }

  private void assertUnchanged(Response before) {
    Response now = alice.get(communication);
    assertThat(now.header("ETag")).isEqualTo(before.header("ETag"));
    assertThat(now.json()).isEqualTo(before.json());
  }

  /** The resource as read, with the phone number changed, ready to be sent back. */
  private static ObjectNode changed(Response read) {
    ObjectNode body = read.json().deepCopy();
    body.put("phoneNumber", "tel:+15550100");
    return body;
  }

  private static String putKey(JsonNode resource) {
    Optional<String> key =
        resource.properties().stream()
            .filter(e -> e.getValue().asText().equals(PUT_ME))
            .map(Map.Entry::getKey)
            .findFirst();
    assertThat(key).as("the property to pass back in %s", resource).isPresent();
    return key.get();
  }

  private static String unquoted(String etag) {
    return etag.replace("\"", "");
  }
}
