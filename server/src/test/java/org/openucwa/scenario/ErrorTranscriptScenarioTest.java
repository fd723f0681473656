package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.Meetings;
import org.openucwa.testing.Messaging;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * A message its sender could not deliver stays in the sender's conversation history as an error
 * transcript (errorTranscript_ref.md, ErrorTranscriptReason_ref.md): its messageTranscript with the
 * text, and an errorTranscript whose reason is TranscriptionFailed, in JSON and XML. Two ways a
 * message fails: sent with sendMessage into a meeting nobody else is in, and carried by a messaging
 * invitation the invitee declines.
 */
class ErrorTranscriptScenarioTest {

  private static final Map<String, String> XML = Map.of("Accept", "application/xml");

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The user's one log of that type, once written. */
  private static String onlyLog(UcwaClient c, String type) {
    JsonNode logs =
        c.awaitJson(
            "communication/conversationLogs", l -> l.at("/_links/conversationLog").size() == 1);
    String href = logs.at("/_links/conversationLog/0/href").asText();
    assertThat(c.get(href).json().get("type").asText()).isEqualTo(type);
    return href;
  }

  /** The newest transcript of the log, once it holds {@code text}. */
  private static JsonNode newestTranscript(UcwaClient c, String logHref, String text) {
    JsonNode page =
        c.awaitJsonAt(logHref + "/conversationLogTranscripts", t -> t.toString().contains(text));
    return page.at("/_embedded/conversationLogTranscript/0");
  }

  /** The transcript is the owner's message {@code data}, kept with its error transcript. */
  private static void assertErrorTranscript(UcwaClient c, JsonNode transcript, String data) {
    assertThat(transcript.at("/_links/me").isMissingNode()).isFalse();
    assertThat(transcript.at("/_embedded/messageTranscript/_links/plainMessage/href").asText())
        .isEqualTo(data);
    JsonNode error = transcript.at("/_embedded/errorTranscript");
    assertThat(error.get("rel").asText()).isEqualTo("errorTranscript");
    assertThat(error.get("reason").asText()).isEqualTo("TranscriptionFailed");
    String self = error.at("/_links/self/href").asText();
    assertThat(self).isEqualTo(transcript.at("/_links/self/href").asText() + "/errorTranscript");
    JsonNode read = c.get(self).json();
    assertThat(read.get("rel").asText()).isEqualTo("errorTranscript");
    assertThat(read.get("reason").asText()).isEqualTo("TranscriptionFailed");
    String xml = c.get(self, XML).body();
    assertThat(xml).contains("rel=\"errorTranscript\"");
    assertThat(xml).contains("<property name=\"reason\">TranscriptionFailed</property>");
  }

  @Test
  void a_message_sent_into_a_meeting_nobody_else_is_in_fails_and_is_an_error_transcript() {
    UcwaClient alice = server.available("alice", "error-transcript-a");
    JsonNode meeting = Meetings.schedule(alice, "{\"subject\":\"Alone\"}");
    JsonNode conversation = Meetings.joined(alice, meeting.path("onlineMeetingUri").asText());
    String send =
        alice
            .get(conversation.at("/_links/messaging/href").asText())
            .json()
            .at("/_links/sendMessage/href")
            .asText();
    assertThat(alice.post(send, "text/plain", "Anyone here?", Map.of()).status()).isEqualTo(201);
    EventStream.Event failed = alice.events().await("message", "completed");
    assertThat(failed.body().get("status").asText()).isEqualTo("Failure");

    String log = onlyLog(alice, "ConferenceLog");
    String data = "data:text/plain;charset=utf-8,Anyone+here%3F";
    assertErrorTranscript(alice, newestTranscript(alice, log, "Anyone"), data);
    String xml = alice.get(log + "/conversationLogTranscripts", XML).body();
    assertThat(xml).contains("<resource rel=\"errorTranscript\"");
    assertThat(xml).contains("<property name=\"reason\">TranscriptionFailed</property>");
  }

  @Test
  void the_message_of_a_declined_invitation_is_an_error_transcript_of_its_sender_only() {
    UcwaClient bob = server.available("bob", "error-transcript-b");
    UcwaClient carol = server.available("carol", "error-transcript-c");
    Messaging.invite(
        bob,
        "{\"to\":\"sip:carol@contoso.com\",\"message\":\"data:text/plain,Coffee\","
            + "\"operationId\":\"op-e\"}");
    JsonNode invitation = carol.events().await("messagingInvitation", "started").embedded();
    assertThat(
            carol.post(invitation.at("/_links/decline/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);
    assertThat(bob.events().await("messagingInvitation", "completed").body().get("status").asText())
        .isEqualTo("Failure");

    String data = "data:text/plain;charset=utf-8,Coffee";
    assertErrorTranscript(bob, newestTranscript(bob, onlyLog(bob, "MessageLog"), "Coffee"), data);
    JsonNode carols = newestTranscript(carol, onlyLog(carol, "MessageLog"), "Coffee");
    assertThat(carols.at("/_embedded/messageTranscript/_links/plainMessage/href").asText())
        .isEqualTo(data);
    assertThat(carols.at("/_embedded/errorTranscript").isMissingNode()).isTrue();
    assertThat(carols.at("/_links/contact/title").asText()).isEqualTo("Bob Test");
  }
}
