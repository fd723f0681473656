package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The first message of an invitation sent as startMessaging_ref.md and addMessaging_ref.md show it:
 * a {@code message} link holding a data URI ({@code _links.message.href} in JSON, {@code <link
 * rel="message" href>} in XML). The invitee sees it on its incoming invitation and, once connected,
 * as a message.
 */
class FirstMessageLinkScenarioTest {

  private static final String XML_NS = "http://schemas.microsoft.com/rtc/2012/03/ucwa";
  private static TestServer server;
  private static int endpoints;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UcwaClient available(String user) {
    return server.available(user, "first-message-" + (++endpoints));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The invitee's view: the invitation's message link, then the message once it accepted. */
  private static void assertInviteeSees(UcwaClient invitee, String dataUri) {
    JsonNode invitation = invitee.events().await("messagingInvitation", "started").embedded();
    assertThat(invitation.at("/_links/message/href").asText()).isEqualTo(dataUri);
    UcwaClient.Response accepted =
        invitee.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    JsonNode message = invitee.events().await("message", "completed").embedded();
    String rel = dataUri.startsWith("data:text/html") ? "htmlMessage" : "plainMessage";
    assertThat(message.at("/_links/" + rel + "/href").asText()).isEqualTo(dataUri);
    assertThat(message.get("direction").asText()).isEqualTo("Incoming");
  }

  @Test
  void startMessaging_takes_the_first_message_as_a_json_link_with_keys_in_any_case() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");

    UcwaClient.Response started =
        alice.postJson(
            alice.link("communication/startMessaging"),
            """
            {"operationId":"74cb7404e0a247d5a2d4eb0376a47dbf","to":"sip:bob@contoso.com",
             "importance":"Urgent","subject":"Skype for Business","threadId":"292e0aae",
             "_Links":{"Message":{"HREF":"data:text/plain;base64,%s"},"customContent":null}}"""
                .formatted(base64("Hello Bob, über alles")));

    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertInviteeSees(bob, "data:text/plain;charset=utf-8,Hello+Bob%2C+%C3%BCber+alles");
  }

  @Test
  void startMessaging_takes_the_first_message_as_an_xml_link() {
    UcwaClient carol = available("carol");
    UcwaClient dave = available("dave");

    UcwaClient.Response started =
        carol.post(
            carol.link("communication/startMessaging"),
            "application/xml",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <input xmlns="%s">
              <property name="operationId">74cb7404e0a247d5a2d4eb0376a47dbf</property>
              <property name="to">sip:dave@contoso.com</property>
              <property name="subject">Skype for Business</property>
              <link rel="message" href="data:text/html;charset=utf-8,%%3Cb%%3Ehi%%3C%%2Fb%%3E"/>
            </input>"""
                .formatted(XML_NS),
            Map.of());

    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertInviteeSees(dave, "data:text/html;charset=utf-8,%3Cb%3Ehi%3C%2Fb%3E");
  }

  @Test
  void addMessaging_takes_the_first_message_as_a_link_in_json_and_in_xml() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient.Response json =
        alice.postJson(
            declinedAddMessaging(alice, bob, "sip:bob@contoso.com"),
            "{\"_links\":{\"message\":{\"href\":\"data:text/plain;base64,"
                + base64("once more")
                + "\"}}}");
    assertThat(json.status()).as(json.body()).isEqualTo(201);
    assertInviteeSees(bob, "data:text/plain;charset=utf-8,once+more");

    UcwaClient carol = available("carol");
    UcwaClient dave = available("dave");
    UcwaClient.Response xml =
        carol.post(
            declinedAddMessaging(carol, dave, "sip:dave@contoso.com"),
            "application/xml",
            "<input xmlns=\""
                + XML_NS
                + "\"><property name=\"operationId\">again</property>"
                + "<link rel=\"message\" href=\"data:text/plain,and+again\"/></input>",
            Map.of());
    assertThat(xml.status()).as(xml.body()).isEqualTo(201);
    assertInviteeSees(dave, "data:text/plain;charset=utf-8,and+again");
  }

  @Test
  void a_message_link_that_is_not_a_text_data_uri_is_refused_and_invites_no_one() {
    UcwaClient carol = available("carol");
    UcwaClient dave = available("dave");
    String start = carol.link("communication/startMessaging");

    ErrorBody json =
        assertJsonError(
            carol.postJson(
                start,
                "{\"to\":\"sip:dave@contoso.com\","
                    + "\"_links\":{\"message\":{\"href\":\"https://example.com/m\"}}}"),
            400,
            "BadRequest",
            "ParameterValidationFailure");
    assertThat(json.parameters()).containsOnlyKeys("message");
    ErrorBody xml =
        assertXmlError(
            carol.post(
                start,
                "application/xml",
                "<input xmlns=\""
                    + XML_NS
                    + "\"><property name=\"to\">sip:dave@contoso.com</property>"
                    + "<link rel=\"message\" href=\"data:image/png;base64,AAAA\"/></input>",
                Map.of("Accept", "application/xml")),
            400,
            "BadRequest",
            "ParameterValidationFailure");
    assertThat(xml.parameters()).containsOnlyKeys("message");

    assertThat(dave.events().drain()).isEmpty();
    assertThat(carol.events().drain()).isEmpty();
  }

  /**
   * An invitation without a first message that the invitee declines; returns the inviter's
   * addMessaging link, which the conversation's messaging then offers.
   */
  private static String declinedAddMessaging(
      UcwaClient inviter, UcwaClient invitee, String inviteeUri) {
    inviter.postJson(
        inviter.link("communication/startMessaging"), "{\"to\":\"" + inviteeUri + "\"}");
    JsonNode invitation = invitee.events().await("messagingInvitation", "started").embedded();
    assertThat(invitation.path("_links").has("message")).isFalse();
    invitee.post(invitation.at("/_links/decline/href").asText(), null, "", Map.of());
    invitee.events().await("conversation", "deleted");
    return inviter
        .events()
        .await(
            e -> e.rel().equals("messaging") && e.embedded().path("_links").has("addMessaging"),
            Duration.ofSeconds(10))
        .embedded()
        .at("/_links/addMessaging/href")
        .asText();
  }
}
