package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.events.ChannelSettings;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * A client that stops reading its event channel while large messages keep coming: once what waits
 * for it passes the byte bound (512 KiB here), its application expires as an unpolled one does,
 * instead of buffering without end. Its sender is not affected.
 */
class UnreadEventsScenarioTest {

  private TestServer server;

  @BeforeEach
  void start() {
    ChannelSettings f = TestServer.fastChannel();
    server =
        TestServer.start(
            b ->
                b.channel(
                    new ChannelSettings(
                        f.defaultTimeout(),
                        f.minTimeout(),
                        f.maxTimeout(),
                        f.defaultMedium(),
                        f.defaultLow(),
                        f.minAggregation(),
                        f.maxAggregation(),
                        f.queueCapacity(),
                        512 << 10)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private UcwaClient available(String user) {
    return server.available(user, user + "-unread");
  }

  @Test
  void anApplicationThatStopsReadingWhileLargeMessagesArriveExpires() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    alice.postJson(
        alice.link("communication/startMessaging"),
        "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"big\"}");
    JsonNode invitation = bob.events().await("messagingInvitation", "started").embedded();
    bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    JsonNode conversation = alice.events().await("conversation", "updated").embedded();
    String sendMessage =
        alice
            .get(conversation.at("/_links/self/href").asText() + "/messaging")
            .json()
            .at("/_links/sendMessage/href")
            .asText();
    String bobSelf = bob.link("self");

    String text = "x".repeat(30_000);
    int sent = 0;
    // Once bob's application expires he leaves the conversation, and alice can send no more.
    while (sent < 40 && alice.post(sendMessage, "text/plain", text, Map.of()).status() == 201) {
      sent++;
      alice.events().drain();
    }
    UcwaClient.Response bobsApplication = bob.get(bobSelf);

    assertThat(sent).as("messages sent before bob's application expired").isBetween(10, 39);
    assertThat(bobsApplication.status()).isEqualTo(404);
    assertThat(bobsApplication.body()).contains("InactiveApplicationExpired");
    assertThat(server.applicationIds("bob")).isEmpty();
    assertThat(alice.get(alice.link("self")).status()).isEqualTo(200);
  }
}
