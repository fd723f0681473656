package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucwa.meeting.AudioConferenceProvider;
import org.openucwa.meeting.DialInRegion;
import org.openucwa.meeting.MeetingCustomization;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.wire.WireAssert;

/**
 * phoneDialInInformation and dialInRegion over real HTTP, from the dial-in regions the server is
 * configured with: linked from the onlineMeetings hub and from a scheduled meeting's onlineMeeting,
 * compared in JSON and XML with the reference samples; without regions, neither is linked.
 */
class DialInScenarioTest {

  private static final List<DialInRegion> REGIONS =
      List.of(
          DialInRegion.parse("Redmond=tel:+14255550001=en-US fr-FR"),
          DialInRegion.parse("Paris=tel:+33155550001=fr-FR"));

  private static void assertServes(UcwaClient c, String href, String file) {
    WireAssert wire =
        WireAssert.wire()
            .with("app", c.application().get("id").asText())
            .with("host", c.resolve(""));
    wire.assertJson(
        expected(file + ".json", c), c.get(href, Map.of("Accept", "application/json")).body());
    wire.assertXml(
        expected(file + ".xml", c), c.get(href, Map.of("Accept", "application/xml")).body());
  }

  /** An expected file with {host} inside longer values replaced. */
  private static String expected(String file, UcwaClient reader) {
    try (InputStream in = DialInScenarioTest.class.getResourceAsStream("/expected/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{host}/", reader.resolve("") + "/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theConfiguredRegionsAreThePhoneDialInInformationOfTheUsersMeetings() {
    try (TestServer server = TestServer.start(b -> b.dialInRegions(REGIONS))) {
      UcwaClient alice = server.client("alice");
      alice.createApplication("dial-in");
      alice.makeAvailable();
      String href = alice.link("onlineMeetings/phoneDialInInformation");

      assertServes(alice, href, "phoneDialInInformation");
      JsonNode info = alice.get(href).json();
      JsonNode assigned = alice.get(alice.link("onlineMeetings/myAssignedOnlineMeeting")).json();
      assertThat(info.path("conferenceId")).isEqualTo(assigned.path("conferenceId"));
      String first = info.at("/_embedded/dialInRegion/0/_links/self/href").asText();
      assertServes(alice, first, "dialInRegion");
      assertJsonError(alice.get(href + "/3"), 404, "NotFound", "ResourceNotFound");
      assertJsonError(alice.get(href + "/x"), 404, "NotFound", "ResourceNotFound");

      JsonNode meeting =
          alice
              .postJson(alice.link("onlineMeetings/myOnlineMeetings"), "{\"subject\":\"Dial\"}")
              .json();
      alice.events().drain();
      alice.postJson(
          alice.link("communication/joinOnlineMeeting"),
          "{\"onlineMeetingUri\":\"" + meeting.path("onlineMeetingUri").asText() + "\"}");
      JsonNode conversation =
          alice
              .events()
              .await(
                  e ->
                      e.rel().equals("conversation")
                          && e.embedded().path("state").asText().equals("Conferenced"),
                  Duration.ofSeconds(10))
              .embedded();
      JsonNode online = alice.get(conversation.at("/_links/onlineMeeting/href").asText()).json();
      assertThat(online.at("/_links/phoneDialInInformation/href").asText()).isEqualTo(href);
      assertThat(online.path("conferenceId")).isEqualTo(meeting.path("conferenceId"));
    }
  }

  @Test
  void anAudioConferenceProvidersNumbersAndPassCodeAreShownAndItsDialInPageListsThem() {
    MeetingCustomization provider =
        new MeetingCustomization(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(
                new AudioConferenceProvider(
                    "tel:+14255550002", List.of("tel:+18005550001"), Optional.of("4711"))));
    try (TestServer server =
        TestServer.start(
            b -> b.dialInRegions(REGIONS.subList(0, 1)).meetingCustomization(provider))) {
      UcwaClient alice = server.client("alice");
      alice.createApplication("dial-in-provider");
      String href = alice.link("onlineMeetings/phoneDialInInformation");

      assertServes(alice, href, "phoneDialInInformation-provider");
      JsonNode info = alice.get(href).json();
      assertThat(info.path("internalDirectoryUri")).isEqualTo(info.path("externalDirectoryUri"));
      UcwaClient.Response page =
          alice.get(info.path("externalDirectoryUri").asText(), Map.of("Accept", "text/html"));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.body())
          .contains("Redmond", "+14255550001", "en-US, fr-FR")
          .contains("+14255550002", "+18005550001", "4711")
          .doesNotContain("tel:");
    }
  }

  @Test
  void withoutConfiguredRegionsNothingLinksDialInInformation() {
    try (TestServer server = TestServer.start()) {
      UcwaClient alice = server.client("alice");
      JsonNode app = alice.createApplication("no-dial-in");

      assertThat(app.at("/_embedded/onlineMeetings/_links/phoneDialInInformation").isMissingNode())
          .isTrue();
      String hub = app.at("/_embedded/onlineMeetings/_links/self/href").asText();
      assertJsonError(
          alice.get(hub + "/phoneDialInInformation"), 404, "NotFound", "ResourceNotFound");
      assertThat(alice.get(alice.resolve("/dialin")).status()).isEqualTo(404);
    }
  }
}
