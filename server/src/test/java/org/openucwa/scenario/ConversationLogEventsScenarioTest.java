package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.Messaging;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * A client holding its event channel learns of its conversation history as it changes (decision
 * 0058): {@code conversationLog added} from communication when a conversation opens a log, {@code
 * conversationLog updated} when a message is logged, when the log is marked as read, and when a
 * logged conversation is resumed (its log is not added again). Each event comes once the change is
 * written, so the client reading the log on the event sees it.
 */
class ConversationLogEventsScenarioTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> transcripts(UcwaClient me, String logHref) {
    List<String> out = new ArrayList<>();
    for (JsonNode t :
        me.get(logHref + "/conversationLogTranscripts")
            .json()
            .at("/_embedded/conversationLogTranscript")) {
      out.add(t.at("/_embedded/messageTranscript/_links/plainMessage/href").asText());
    }
    return out;
  }

  private static String plain(String text) {
    return "data:text/plain;charset=utf-8," + text;
  }

  private static boolean logEvent(EventStream.Event e, String type) {
    return e.rel().equals("conversationLog") && e.type().equals(type);
  }

  /** The next conversationLog event of that type not consumed yet. */
  private static EventStream.Event awaitLogEvent(UcwaClient c, String type) {
    return checked(c.events().await(x -> logEvent(x, type), Duration.ofSeconds(15)));
  }

  /** The one conversationLog added event, even if waiting for a later event consumed it. */
  private static EventStream.Event added(UcwaClient c) {
    return c.events().all().stream()
        .filter(x -> logEvent(x, "added"))
        .findFirst()
        .map(ConversationLogEventsScenarioTest::checked)
        .orElseGet(() -> awaitLogEvent(c, "added"));
  }

  private static EventStream.Event checked(EventStream.Event e) {
    assertThat(e.sender()).isEqualTo("communication");
    assertThat(e.embedded().isMissingNode()).isTrue();
    return e;
  }

  @Test
  void a_new_log_is_added_and_each_change_of_it_is_an_update() {
    UcwaClient alice = server.available("alice", "log-events-a");
    UcwaClient bob = server.available("bob", "log-events-b");
    Messaging.invite(
        alice,
        "{\"to\":\"sip:bob@contoso.com\",\"subject\":\"Plans\","
            + "\"message\":\"data:text/plain,First\",\"operationId\":\"op-le\"}");
    String conversation = Messaging.accept(alice, bob);

    // both hear their new log, the one their conversationLogs links, readable on the event
    String aliceLog = added(alice).href();
    JsonNode aliceLogs = alice.get(alice.link("communication/conversationLogs")).json();
    assertThat(aliceLogs.at("/_links/conversationLog/0/href").asText()).isEqualTo(aliceLog);
    assertThat(alice.get(aliceLog).json().get("subject").asText()).isEqualTo("Plans");
    String bobLog = added(bob).href();
    assertThat(bob.get(bobLog).json().get("direction").asText()).isEqualTo("Incoming");
    bob.awaitJsonAt(bobLog + "/conversationLogTranscripts", t -> t.toString().contains("First"));

    // an application bob opens now hears only what changes from now on
    UcwaClient bobElsewhere = server.client("bob");
    bobElsewhere.createApplication("log-events-b2");
    String bobElsewhereLog =
        bobElsewhere.link("communication/conversationLogs")
            + bobLog.substring(bobLog.lastIndexOf('/'));

    String send = Messaging.messagingLink(alice, conversation, "sendMessage");
    assertThat(alice.post(send, "text/plain", "Second", Map.of()).status()).isEqualTo(201);
    EventStream.Event said = awaitLogEvent(bobElsewhere, "updated");
    assertThat(said.href()).isEqualTo(bobElsewhereLog);
    assertThat(transcripts(bobElsewhere, said.href()))
        .containsExactly(plain("Second"), plain("First"));

    assertThat(bob.post(bobLog + "/markAsRead", null, "", Map.of()).status()).isEqualTo(204);
    assertThat(awaitLogEvent(bobElsewhere, "updated").href()).isEqualTo(bobElsewhereLog);

    // alice ends the conversation and resumes it: the same log, updated, never added again
    Messaging.stop(alice, conversation);
    bob.events().await("conversation", "deleted");
    UcwaClient aliceElsewhere = server.client("alice");
    aliceElsewhere.createApplication("log-events-a2");
    String aliceElsewhereLog =
        aliceElsewhere.link("communication/conversationLogs")
            + aliceLog.substring(aliceLog.lastIndexOf('/'));
    UcwaClient.Response resumed =
        alice.postJson(
            aliceLog + "/continueMessaging",
            "{\"operationId\":\"op-le2\",\"message\":\"data:text/plain,Third\"}");
    assertThat(resumed.status()).isEqualTo(201);
    Messaging.accept(alice, bob);
    EventStream.Event update;
    do {
      update = awaitLogEvent(aliceElsewhere, "updated");
      assertThat(update.href()).isEqualTo(aliceElsewhereLog);
    } while (!transcripts(aliceElsewhere, aliceElsewhereLog).contains(plain("Third")));
    assertThat(aliceElsewhere.events().all()).noneMatch(e -> logEvent(e, "added"));
    assertThat(alice.events().all()).filteredOn(e -> logEvent(e, "added")).hasSize(1);
    assertThat(
            alice
                .get(alice.link("communication/conversationLogs"))
                .json()
                .at("/_links/conversationLog"))
        .hasSize(1);
  }
}
