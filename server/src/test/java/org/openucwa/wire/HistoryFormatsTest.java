package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The events of the conversation history, heard over HTTP after a real exchange and compared in
 * JSON and XML with the expected files (taken from missedItems_ref.md's event sample; each file's
 * note says what was added). bob has an application but has not made himself available when alice
 * invites him: his missed conversation is logged, and he hears the new log and his missed items
 * change; then he marks the log as read and hears both change again; then he deletes it and hears
 * it deleted and his missed items change.
 */
class HistoryFormatsTest {

  private static TestServer server;
  private static final Recordings recorded = new Recordings();

  @BeforeAll
  static void exchange() {
    server = TestServer.start();
    UcwaClient alice = server.client("alice");
    alice.createApplication("wire-history-alice");
    alice.makeAvailable();
    UcwaClient bob = server.client("bob");
    bob.createApplication("wire-history-bob");
    EventPhases events = new EventPhases(bob);

    UcwaClient.Response invited =
        alice.postJson(
            alice.link("communication/startMessaging"),
            "{\"to\":\"sip:bob@contoso.com\",\"subject\":\"Lunch?\","
                + "\"message\":\"data:text/plain,Are+you+free\",\"operationId\":\"op-h\"}");
    assertThat(invited.status()).isEqualTo(201);
    EventPhases.Phase added = events.readUntil("missedItems", "updated");
    recorded.phase("events-conversationLog-added", added, bob);

    String log = added.event("conversationLog", "added").at("/link/href").asText();
    assertThat(bob.post(log + "/markAsRead", null, "", Map.of()).status()).isEqualTo(204);
    recorded.phase(
        "events-conversationLog-updated", events.readUntil("missedItems", "updated"), bob);

    assertThat(bob.delete(log).status()).isEqualTo(204);
    recorded.phase(
        "events-conversationLog-deleted", events.readUntil("missedItems", "updated"), bob);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_new_conversation_log_is_heard_with_the_missed_items_it_changes(WireFormat wire) {
    recorded.assertPhase("events-conversationLog-added", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_log_marked_as_read_is_heard_updated_with_the_missed_items(WireFormat wire) {
    recorded.assertPhase("events-conversationLog-updated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_deleted_log_is_heard_deleted_with_the_missed_items(WireFormat wire) {
    recorded.assertPhase("events-conversationLog-deleted", wire);
  }
}
