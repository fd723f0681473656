package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * makeMeAvailable and reportMyActivity (makeMeAvailable_ref.md, reportMyActivity_ref.md): once per
 * application, for any modality the page lists (the application then offers those this server
 * serves: Messaging), with valid enumeration values; activity only after. A refused request leaves
 * me and communication as they were.
 */
class MakeMeAvailableScenarioTest {

  private static final String AVAILABLE =
      """
      {"signInAs":"Online","supportedModalities":["Messaging"],
       "supportedMessageFormats":["Plain","Html"]}""";

  private TestServer server;
  private UcwaClient alice;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("available");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void makeMeAvailableAnswers204AndSwapsTheLinkOfMe() {
    Response r = alice.postJson(alice.link("me/makeMeAvailable"), AVAILABLE);

    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    JsonNode me = alice.get(alice.link("me/self")).json();
    assertThat(me.path("_links").has("makeMeAvailable")).isFalse();
    assertThat(me.path("_links").has("reportMyActivity")).isTrue();
    JsonNode communication = alice.get(alice.link("communication/self")).json();
    assertThat(communication.path("supportedModalities"))
        .extracting(JsonNode::asText)
        .containsExactly("Messaging");
  }

  @Test
  void theReferenceXmlRequestIsAccepted() {
    Response r =
        alice.post(
            alice.link("me/makeMeAvailable"),
            "application/xml",
            """
        <?xml version="1.0" encoding="utf-8"?>
        <input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
          <property name="audioPreference">PhoneAudio</property>
          <property name="phoneNumber">4255552222</property>
          <property name="signInAs">BeRightBack</property>
          <propertyList name="supportedMessageFormats">
            <item>Plain</item>
            <item>Html</item>
          </propertyList>
          <propertyList name="supportedModalities">
            <item>PhoneAudio</item>
            <item>Messaging</item>
          </propertyList>
        </input>""",
            Map.of());

    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  @Test
  void makeMeAvailableTwiceIsAConflict() {
    String makeMeAvailable = alice.link("me/makeMeAvailable");
    alice.postJson(makeMeAvailable, AVAILABLE);
    String etag = alice.get(alice.link("communication/self")).header("ETag");

    assertJsonError(
        alice.postJson(makeMeAvailable, "{\"supportedModalities\":[\"PhoneAudio\"]}"),
        409,
        "Conflict",
        "AlreadyExists");
    assertXmlError(
        alice.post(
            makeMeAvailable, "application/json", AVAILABLE, Map.of("Accept", "application/xml")),
        409,
        "Conflict",
        "AlreadyExists");

    Response communication = alice.get(alice.link("communication/self"));
    assertThat(communication.header("ETag")).isEqualTo(etag);
    assertThat(communication.json().path("supportedModalities"))
        .extracting(JsonNode::asText)
        .containsExactly("Messaging");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Audio",
        "Video",
        "PanoramicVideo",
        "ApplicationSharing",
        "DataCollaboration",
        "PhoneAudio"
      })
  void everyModalityThePageListsIsAcceptedAndOnlyMessagingIsOffered(String modality) {
    Response r =
        alice.postJson(
            alice.link("me/makeMeAvailable"),
            "{\"supportedModalities\":[\"" + modality + "\",\"Messaging\"]}");

    assertThat(r.status()).as(r.body()).isEqualTo(204);
    JsonNode me = alice.get(alice.link("me/self")).json();
    assertThat(me.path("_links").has("makeMeAvailable")).isFalse();
    assertThat(me.path("_links").has("presence")).isTrue();
    assertThat(alice.get(alice.link("communication/self")).json().path("supportedModalities"))
        .extracting(JsonNode::asText)
        .containsExactly("Messaging");
  }

  @Test
  void everyModalityAtOnceInXmlMakesTheApplicationAvailableForMessaging() {
    Response r =
        alice.post(
            alice.link("me/makeMeAvailable"),
            "application/xml",
            """
        <?xml version="1.0" encoding="utf-8"?>
        <input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
          <property name="signInAs">Online</property>
          <propertyList name="supportedModalities">
            <item>Audio</item><item>Video</item><item>PhoneAudio</item>
            <item>ApplicationSharing</item><item>Messaging</item>
            <item>DataCollaboration</item><item>PanoramicVideo</item>
          </propertyList>
        </input>""",
            Map.of("Accept", "application/xml"));

    assertThat(r.status()).as(r.body()).isEqualTo(204);
    String communication =
        alice.get(alice.link("communication/self"), Map.of("Accept", "application/xml")).body();
    assertThat(communication.replaceAll("\\s", ""))
        .contains(
            "<propertyListname=\"supportedModalities\"><item>Messaging</item></propertyList>");
    JsonNode presence =
        alice
            .get(alice.get(alice.link("me/self")).json().at("/_links/presence/href").asText())
            .json();
    assertThat(presence.get("availability").asText()).isEqualTo("Online");
  }

  @Test
  void anApplicationAvailableOnlyForModalitiesNotServedTakesNoInvitation() {
    Response r =
        alice.postJson(
            alice.link("me/makeMeAvailable"), "{\"supportedModalities\":[\"Audio\",\"Video\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(alice.get(alice.link("communication/self")).json().path("supportedModalities"))
        .isEmpty();
    assertThat(alice.get(alice.link("me/self")).json().path("_links").has("presence")).isTrue();

    UcwaClient bob = server.client("bob");
    bob.createApplication("caller");
    bob.makeAvailable();
    bob.postJson(bob.link("communication/startMessaging"), "{\"to\":\"sip:alice@contoso.com\"}");

    var done = bob.events().await("messagingInvitation", "completed");
    assertThat(done.body().get("status").asText()).isEqualTo("Failure");
  }

  @Test
  void aRefusedMakeMeAvailableReportsNoEventAndASuccessfulOneDoes() {
    String events = UcwaClient.withQuery(alice.link("events"), "timeout=1");
    alice.postJson(alice.link("me/makeMeAvailable"), "{\"supportedModalities\":[\"Telepathy\"]}");
    alice.postJson(alice.link("me/makeMeAvailable"), "{\"signInAs\":\"Sleepy\"}");

    JsonNode quiet = alice.get(events).json();
    assertThat(quiet.path("sender").findValues("events")).as(quiet.toString()).isEmpty();

    alice.postJson(alice.link("me/makeMeAvailable"), AVAILABLE);
    JsonNode next =
        alice.get(UcwaClient.withQuery(quiet.at("/_links/next/href").asText(), "timeout=1")).json();
    assertThat(next.path("sender").findValuesAsText("rel")).contains("me", "communication");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      signInAs                | {"signInAs":"Sleepy"}
      supportedModalities     | {"supportedModalities":["Messaging","Telepathy"]}
      supportedMessageFormats | {"supportedMessageFormats":["Markdown"]}
      audioPreference         | {"audioPreference":"Carrier pigeon"}
      """)
  void anInvalidEnumerationValueFailsValidationNamingTheParameter(String name, String body) {
    Snapshot before = snapshot();

    ErrorBody e =
        assertJsonError(
            alice.postJson(alice.link("me/makeMeAvailable"), body),
            400,
            "BadRequest",
            "ParameterValidationFailure");

    assertThat(e.parameters()).containsOnlyKeys(name);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void anInvalidEnumerationValueIsNamedInXmlToo() {
    ErrorBody e =
        assertXmlError(
            alice.post(
                alice.link("me/makeMeAvailable"),
                "application/json",
                "{\"signInAs\":\"Sleepy\"}",
                Map.of("Accept", "application/xml")),
            400,
            "BadRequest",
            "ParameterValidationFailure");

    assertThat(e.parameters()).containsOnlyKeys("signInAs");
  }

  @Test
  void anInvalidValueWithAControlCharacterStillGetsAWellFormedXmlError() {
    ErrorBody e =
        assertXmlError(
            alice.post(
                alice.link("me/makeMeAvailable"),
                "application/json",
                "{\"signInAs\":\"On\\u0001line\"}",
                Map.of("Accept", "application/xml")),
            400,
            "BadRequest",
            "ParameterValidationFailure");

    assertThat(e.parameters()).containsOnlyKeys("signInAs");
  }

  @Test
  void reportMyActivityBeforeMakeMeAvailableIsAConflictAndAfterItSucceeds() {
    // Until makeMeAvailable, me offers no reportMyActivity link; a client that builds the URL
    // from me's self link (as the reference's samples show it) is refused, not ignored.
    String reportMyActivity = alice.link("me/self") + "/reportMyActivity";
    Snapshot before = snapshot();

    assertJsonError(
        alice.post(reportMyActivity, null, "", Map.of()),
        409,
        "Conflict",
        "MakeMeAvailableRequired");
    assertXmlError(
        alice.post(reportMyActivity, null, "", Map.of("Accept", "application/xml")),
        409,
        "Conflict",
        "MakeMeAvailableRequired");
    assertThat(snapshot()).isEqualTo(before);

    alice.postJson(alice.link("me/makeMeAvailable"), AVAILABLE);
    String linked =
        alice.get(alice.link("me/self")).json().at("/_links/reportMyActivity/href").asText();

    assertThat(linked).isEqualTo(reportMyActivity);
    Response r = alice.post(linked, null, "", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  /** What a client can see of the state makeMeAvailable changes. */
  private record Snapshot(JsonNode me, String communicationEtag, JsonNode communication) {}

  private Snapshot snapshot() {
    Response communication = alice.get(alice.link("communication/self"));
    return new Snapshot(
        alice.get(alice.link("me/self")).json(),
        communication.header("ETag"),
        communication.json());
  }
}
