package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.Messaging;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * conversationLog_ref.md's DELETE over HTTP: 204, the log gone from the owner's conversationLogs
 * with its transcripts and recipients, the counts of missedItems lowered, {@code conversationLog
 * deleted} and {@code missedItems updated} to the owner's applications (decision 0065); 404 with
 * the UCWA error body, in JSON and XML, for a log the user does not have (another user's included).
 * The delete is written in order with the history's queued writes: the rest of a conversation whose
 * log was deleted does not bring it back, a log whose creation is still queued is deleted, and a
 * deleted log stays deleted after a restart.
 */
class ConversationLogDeleteScenarioTest {

  private static final Map<String, String> XML = Map.of("Accept", "application/xml");
  private static final Map<String, String> JSON = Map.of("Accept", "application/json");
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path data;

  private static List<String> logs(UcwaClient me) {
    List<String> out = new ArrayList<>();
    for (JsonNode l :
        me.get(me.link("communication/conversationLogs")).json().at("/_links/conversationLog")) {
      out.add(l.at("/href").asText());
    }
    return out;
  }

  /** Waits (bounded) until the user's conversationLogs links {@code count} logs. */
  private static List<String> awaitLogs(UcwaClient me, int count) {
    me.awaitJson(
        "communication/conversationLogs", l -> l.at("/_links/conversationLog").size() == count);
    List<String> logs = logs(me);
    assertThat(logs).hasSize(count);
    return logs;
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

  private static JsonNode missedItems(UcwaClient me) {
    return me.get(me.link("communication/missedItems")).json();
  }

  /**
   * {@code inviter} invites {@code invitee} (a test user's name) with a first message, who accepts;
   * answers the inviter's conversation.
   */
  private static String talk(
      UcwaClient inviter, UcwaClient invitee, String name, String first, String op) {
    Messaging.invite(
        inviter,
        "{\"to\":\""
            + "sip:"
            + name
            + "@contoso.com"
            + "\",\"subject\":\"Plans\",\"message\":\"data:text/plain,"
            + first
            + "\",\"operationId\":\""
            + op
            + "\"}");
    String conversation = Messaging.accept(inviter, invitee);
    invitee.events().await("message", "completed");
    return conversation;
  }

  private static void say(UcwaClient from, UcwaClient to, String conversation, String text) {
    String send = Messaging.messagingLink(from, conversation, "sendMessage");
    assertThat(from.post(send, "text/plain", text, Map.of()).status()).isEqualTo(201);
    to.events().await("message", "completed");
  }

  /** Ends the conversation on both sides. */
  private static void end(UcwaClient by, UcwaClient other, String conversation) {
    Messaging.stop(by, conversation);
    other.events().await("conversation", "deleted");
  }

  /**
   * A DELETE of a log nobody has: answered once everything queued before it is written, so it tells
   * the test that the history has caught up with what happened before it.
   */
  private static void historyWritten(UcwaClient me) {
    assertThat(me.delete(me.link("communication/conversationLogs") + "/0000").status())
        .isEqualTo(404);
  }

  private static boolean logEvent(EventStream.Event e, String type, String href) {
    return e.rel().equals("conversationLog") && e.type().equals(type) && e.href().equals(href);
  }

  @Test
  void a_deleted_log_is_gone_with_its_transcripts_for_its_owner_only_even_after_a_restart() {
    String bobsLog;
    String carolsLog;
    try (TestServer server = TestServer.startIn(data)) {
      UcwaClient alice = server.available("alice", "delete-a");
      UcwaClient bob = server.available("bob", "delete-b");
      UcwaClient carol = server.available("carol", "delete-c");
      end(alice, bob, talk(alice, bob, "bob", "Hello", "op-d1"));
      end(carol, bob, talk(carol, bob, "bob", "Hi", "op-d2"));
      List<String> before = awaitLogs(bob, 2);
      String alicesLog = awaitLogs(alice, 1).get(0);
      carolsLog = awaitLogs(carol, 1).get(0);
      // bob's log of his conversation with alice (the older one) has the same id as alice's
      bobsLog = before.get(1);
      String id = bobsLog.substring(bobsLog.lastIndexOf('/'));
      assertThat(alicesLog).endsWith(id);
      bob.awaitJsonAt(bobsLog + "/conversationLogTranscripts", t -> t.toString().contains("Hello"));
      assertThat(missedItems(bob).get("conversationLogsCount").asInt()).isEqualTo(2);
      UcwaClient bobElsewhere = server.client("bob");
      bobElsewhere.createApplication("delete-b2");
      String bobElsewhereLog = bobElsewhere.link("communication/conversationLogs") + id;
      bob.events().drain();

      UcwaClient.Response deleted = bob.send("DELETE", bobsLog, XML, null);

      assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
      assertThat(deleted.body()).isEmpty();
      assertThat(deleted.header("Content-Length")).isEqualTo("0");
      assertThat(logs(bob)).containsExactly(before.get(0));
      assertJsonError(bob.get(bobsLog), 404, "NotFound", "ResourceNotFound");
      assertJsonError(
          bob.get(bobsLog + "/conversationLogTranscripts"), 404, "NotFound", "ResourceNotFound");
      JsonNode counts = missedItems(bob);
      assertThat(counts.get("conversationLogsCount").asInt()).isEqualTo(1);
      // each of bob's applications hears it, from communication, with its own href
      for (UcwaClient c : List.of(bob, bobElsewhere)) {
        String href = c == bob ? bobsLog : bobElsewhereLog;
        EventStream.Event e = c.events().await(x -> logEvent(x, "deleted", href), WAIT);
        assertThat(e.sender()).isEqualTo("communication");
        assertThat(e.embedded().isMissingNode()).isTrue();
        c.events().await("missedItems", "updated");
      }
      // alice's log of the same conversation is hers: untouched
      assertThat(transcripts(alice, alicesLog)).containsExactly(plain("Hello"));

      // again: no such log, in the format asked for
      assertXmlError(bob.send("DELETE", bobsLog, XML, null), 404, "NotFound", "ResourceNotFound");
      assertJsonError(bob.send("DELETE", bobsLog, JSON, null), 404, "NotFound", "ResourceNotFound");
      // carol's log is not alice's to delete, nor to learn of
      String carolsId = carolsLog.substring(carolsLog.lastIndexOf('/'));
      String asAlice = alice.link("communication/conversationLogs") + carolsId;
      assertJsonError(
          alice.send("DELETE", asAlice, JSON, null), 404, "NotFound", "ResourceNotFound");
      assertXmlError(alice.send("DELETE", asAlice, XML, null), 404, "NotFound", "ResourceNotFound");
      assertThat(carol.get(carolsLog).status()).isEqualTo(200);
      assertThat(logs(bob)).containsExactly(before.get(0));
      assertThat(before.get(0)).endsWith(carolsId);
    }

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient bob = after.client("bob");
      bob.createApplication("delete-b-after");
      UcwaClient carol = after.client("carol");
      carol.createApplication("delete-c-after");
      String id = bobsLog.substring(bobsLog.lastIndexOf('/'));
      String carolsId = carolsLog.substring(carolsLog.lastIndexOf('/'));

      assertThat(logs(bob)).hasSize(1).allSatisfy(l -> assertThat(l).endsWith(carolsId));
      assertJsonError(
          bob.get(bob.link("communication/conversationLogs") + id),
          404,
          "NotFound",
          "ResourceNotFound");
      assertThat(missedItems(bob).get("conversationLogsCount").asInt()).isEqualTo(1);
      assertThat(logs(carol)).hasSize(1);
    }
  }

  @Test
  void the_rest_of_a_conversation_whose_log_was_deleted_does_not_bring_it_back() {
    try (TestServer server = TestServer.start()) {
      UcwaClient alice = server.available("alice", "after-a");
      UcwaClient bob = server.available("bob", "after-b");
      String conversation = talk(alice, bob, "bob", "Before", "op-a1");
      String bobsLog = awaitLogs(bob, 1).get(0);
      bob.awaitJsonAt(
          bobsLog + "/conversationLogTranscripts", t -> t.toString().contains("Before"));
      String alicesLog = awaitLogs(alice, 1).get(0);

      assertThat(bob.delete(bobsLog).status()).isEqualTo(204);
      // the conversation goes on after bob deleted its log, and ends
      say(alice, bob, conversation, "After");
      say(alice, bob, conversation, "Later");
      end(alice, bob, conversation);
      historyWritten(bob);

      assertThat(logs(bob)).isEmpty();
      assertJsonError(bob.get(bobsLog), 404, "NotFound", "ResourceNotFound");
      assertThat(missedItems(bob).get("conversationLogsCount").asInt()).isZero();
      bob.events().drain();
      List<EventStream.Event> events = bob.events().all();
      int deleted =
          events.indexOf(
              events.stream()
                  .filter(e -> logEvent(e, "deleted", bobsLog))
                  .findFirst()
                  .orElseThrow());
      assertThat(events.subList(deleted + 1, events.size()))
          .noneMatch(e -> logEvent(e, "added", bobsLog) || logEvent(e, "updated", bobsLog));
      // alice's log has it all
      alice.awaitJsonAt(
          alicesLog + "/conversationLogTranscripts", t -> t.toString().contains("Later"));
      assertThat(transcripts(alice, alicesLog))
          .containsExactly(plain("Later"), plain("After"), plain("Before"));

      // alice resumes the thread: bob's log of it starts anew, with only what comes now
      assertThat(
              alice
                  .postJson(
                      alicesLog + "/continueMessaging",
                      "{\"operationId\":\"op-a2\",\"message\":\"data:text/plain,Again\"}")
                  .status())
          .isEqualTo(201);
      String resumed = Messaging.accept(alice, bob);
      bob.events().await("message", "completed");
      bob.events().await(x -> logEvent(x, "added", bobsLog), WAIT);
      assertThat(bob.get(bobsLog).status()).isEqualTo(200);
      assertThat(transcripts(bob, bobsLog)).containsExactly(plain("Again"));
      end(alice, bob, resumed);
    }
  }

  @Test
  void a_log_whose_creation_is_still_queued_is_deleted_and_stays_deleted() {
    try (TestServer server = TestServer.start()) {
      UcwaClient alice = server.available("alice", "queued-a");
      UcwaClient bob = server.available("bob", "queued-b");
      end(alice, bob, talk(alice, bob, "bob", "One", "op-q1"));
      String bobsLog = awaitLogs(bob, 1).get(0);
      String alicesLog = awaitLogs(alice, 1).get(0);
      assertThat(bob.delete(bobsLog).status()).isEqualTo(204);
      bob.events().await(x -> logEvent(x, "deleted", bobsLog), WAIT);

      // alice resumes the thread: bob's new log of it is queued when his invitation arrives, and
      // bob deletes it at once (by the href he knows), before the history's writer would write it
      assertThat(
              alice
                  .postJson(
                      alicesLog + "/continueMessaging",
                      "{\"operationId\":\"op-q2\",\"message\":\"data:text/plain,Two\"}")
                  .status())
          .isEqualTo(201);
      JsonNode invitation = bob.events().await("messagingInvitation", "started").embedded();
      UcwaClient.Response deleted = bob.delete(bobsLog);

      assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
      assertThat(
              bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of()).status())
          .isEqualTo(204);
      String conversation =
          alice
              .events()
              .await("conversation", "updated")
              .embedded()
              .at("/_links/self/href")
              .asText();
      alice.events().await("messagingInvitation", "completed");
      bob.events().await("message", "completed");
      say(alice, bob, conversation, "Three");
      end(alice, bob, conversation);
      historyWritten(bob);
      assertThat(logs(bob)).isEmpty();
      assertJsonError(bob.get(bobsLog), 404, "NotFound", "ResourceNotFound");
      assertThat(missedItems(bob).get("conversationLogsCount").asInt()).isZero();
      assertThat(transcripts(alice, alicesLog)).contains(plain("Three"), plain("Two"));
    }
  }
}
