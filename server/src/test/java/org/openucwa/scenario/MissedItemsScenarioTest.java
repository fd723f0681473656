package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.wire.WireAssert;

/**
 * Missed items over HTTP (missedItems_ref.md, markAsRead_ref.md): an invitation that reached bob
 * while he had no application, or that timed out while he did not answer, is a missed conversation:
 * counted by missedItems, listed among his conversationLogs with status Missed and the invitation's
 * message in its transcript, cleared by markAsRead, announced by missedItems {@code updated}
 * events, and still there after a restart on the same data folder.
 */
class MissedItemsScenarioTest {

  private static final Map<String, String> XML = Map.of("Accept", "application/xml");

  @TempDir Path data;

  /** The history is written behind the flow: wait (bounded) until it shows what we expect. */
  private static JsonNode awaitMissed(UcwaClient c, Predicate<JsonNode> ready) {
    return c.awaitJson("communication/missedItems", ready);
  }

  private static String appId(UcwaClient c) {
    String self = c.application().at("/_links/self/href").asText();
    return self.substring(self.lastIndexOf('/') + 1);
  }

  private static void invite(UcwaClient alice, String subject, String message) {
    assertThat(
            alice
                .postJson(
                    alice.link("communication/startMessaging"),
                    "{\"to\":\"sip:bob@contoso.com\",\"subject\":\""
                        + subject
                        + "\",\"message\":\""
                        + message
                        + "\",\"operationId\":\"op-m\"}")
                .status())
        .isEqualTo(201);
  }

  /** bob's one missed log: Missed, incoming, from alice, with the invitation's message. */
  private static String assertMissedLog(UcwaClient bob, String subject, String messageHref) {
    JsonNode logs = bob.get(bob.link("communication/conversationLogs")).json();
    assertThat(logs.at("/_links/conversationLog")).hasSize(1);
    String logHref = logs.at("/_links/conversationLog/0/href").asText();
    JsonNode log = bob.get(logHref).json();
    assertThat(log.get("status").asText()).isEqualTo("Missed");
    assertThat(log.get("direction").asText()).isEqualTo("Incoming");
    assertThat(log.get("subject").asText()).isEqualTo(subject);
    assertThat(log.at("/_embedded/conversationLogRecipient/0/sipUri").asText())
        .isEqualTo("sip:alice@contoso.com");
    JsonNode transcripts =
        bob.get(log.at("/_links/conversationLogTranscripts/href").asText()).json();
    JsonNode first = transcripts.at("/_embedded/conversationLogTranscript/0");
    assertThat(first.at("/_embedded/messageTranscript/_links/plainMessage/href").asText())
        .isEqualTo(messageHref);
    assertThat(first.at("/_links/contact/title").asText()).isEqualTo("Alice Test");
    return logHref;
  }

  @Test
  void an_invitation_to_a_user_without_an_application_is_a_missed_item_after_a_restart_too() {
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.available("alice", "missed-a");
      invite(alice, "Lunch?", "data:text/plain,Are+you+free");
      JsonNode completed = alice.events().await("messagingInvitation", "completed").body();
      assertThat(completed.at("/status").asText()).isEqualTo("Failure");
    }

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient bob = after.client("bob");
      bob.createApplication("missed-b");
      JsonNode communication = bob.get(bob.link("communication/self")).json();
      assertThat(communication.at("/_links/missedItems/href").asText())
          .endsWith("/communication/missedItems");

      JsonNode missed = awaitMissed(bob, m -> m.get("unreadMissedConversationsCount").asInt() == 1);
      WireAssert wire = WireAssert.wire().with("app", appId(bob));
      wire.assertMatchesJsonFile(
          "missedItems", bob.get(bob.link("communication/missedItems")).body());
      wire.assertMatchesXmlFile(
          "missedItems", bob.get(bob.link("communication/missedItems"), XML).body());
      assertThat(missed.get("missedConversationsCount").asInt()).isEqualTo(1);
      String logHref = assertMissedLog(bob, "Lunch?", "data:text/plain;charset=utf-8,Are+you+free");
      assertThat(bob.get(logHref, XML).body())
          .contains("<property name=\"status\">Missed</property>");

      assertThat(bob.post(logHref + "/markAsRead", null, "", Map.of()).status()).isEqualTo(204);
      EventStream.Event updated = bob.events().await("missedItems", "updated");
      assertThat(updated.sender()).isEqualTo("communication");
      JsonNode cleared = bob.get(bob.link("communication/missedItems")).json();
      assertThat(cleared.get("unreadMissedConversationsCount").asInt()).isZero();
      assertThat(cleared.get("missedConversationsCount").asInt()).isEqualTo(1);
      assertThat(cleared.get("conversationLogsCount").asInt()).isEqualTo(1);
    }
  }

  @Test
  void an_invitation_that_times_out_while_the_invitee_is_away_is_missed_and_announced() {
    try (TestServer server = TestServer.start(b -> b.invitationTimeout(Duration.ofSeconds(2)))) {
      UcwaClient alice = server.available("alice", "timeout-a");
      UcwaClient bob = server.available("bob", "timeout-b");
      assertThat(awaitMissed(bob, m -> true).get("unreadMissedConversationsCount").asInt())
          .isZero();

      invite(alice, "Still there?", "data:text/plain,Ping");
      bob.events().await("messagingInvitation", "started");
      alice.events().await("messagingInvitation", "completed");

      EventStream.Event updated = bob.events().await("missedItems", "updated");
      assertThat(updated.sender()).isEqualTo("communication");
      assertThat(updated.href()).endsWith("/communication/missedItems");
      JsonNode missed = bob.get(updated.href()).json();
      assertThat(missed.get("unreadMissedConversationsCount").asInt()).isEqualTo(1);
      String logHref = assertMissedLog(bob, "Still there?", "data:text/plain;charset=utf-8,Ping");

      // alice's own log keeps her message too, as an error transcript: it never reached bob
      JsonNode aliceLogs = alice.get(alice.link("communication/conversationLogs")).json();
      String aliceLog = aliceLogs.at("/_links/conversationLog/0/href").asText();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
      JsonNode mine = alice.get(aliceLog + "/conversationLogTranscripts").json();
      while (mine.at("/_embedded/conversationLogTranscript").isEmpty()
          && Instant.now().isBefore(deadline)) {
        mine = alice.get(aliceLog + "/conversationLogTranscripts").json();
      }
      JsonNode sent = mine.at("/_embedded/conversationLogTranscript/0");
      assertThat(sent.at("/_links/me").isMissingNode()).isFalse();
      assertThat(sent.at("/_embedded/messageTranscript/_links/plainMessage/href").asText())
          .isEqualTo("data:text/plain;charset=utf-8,Ping");
      assertThat(sent.at("/_embedded/errorTranscript/reason").asText())
          .isEqualTo("TranscriptionFailed");

      assertThat(bob.post(logHref + "/markAsRead", null, "", Map.of()).status()).isEqualTo(204);
      JsonNode cleared =
          awaitMissed(bob, m -> m.get("unreadMissedConversationsCount").asInt() == 0);
      assertThat(cleared.get("unreadMissedConversationsCount").asInt()).isZero();
    }
  }
}
