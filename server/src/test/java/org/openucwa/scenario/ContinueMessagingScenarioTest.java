package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.Messaging;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The first message of a messaging invitation in both users' transcripts, and continueMessaging
 * (continueMessaging_ref.md) over HTTP: a logged two-party conversation is resumed by a new
 * messaging invitation to its other party on the same thread, in JSON and in XML, so both users'
 * logs go on, with the new invitation's message in them.
 */
class ContinueMessagingScenarioTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The transcripts of the user's one log with {@code other}, newest first, as data URIs. */
  private static List<String> transcripts(UcwaClient me, String logHref) {
    JsonNode page = me.get(logHref + "/conversationLogTranscripts").json();
    List<String> out = new ArrayList<>();
    for (JsonNode t : page.at("/_embedded/conversationLogTranscript")) {
      JsonNode links = t.at("/_embedded/messageTranscript/_links");
      out.add(
          links.has("plainMessage")
              ? links.at("/plainMessage/href").asText()
              : links.at("/htmlMessage/href").asText());
    }
    return out;
  }

  /** Waits (bounded) until the log holds {@code count} transcripts: they are written behind. */
  private static void awaitTranscripts(UcwaClient me, String logHref, int count) {
    me.awaitJsonAt(
        logHref + "/conversationLogTranscripts",
        t -> t.at("/_embedded/conversationLogTranscript").size() == count);
  }

  private static String onlyLog(UcwaClient me) {
    JsonNode logs =
        me.awaitJson(
            "communication/conversationLogs", l -> l.at("/_links/conversationLog").size() == 1);
    assertThat(logs.at("/_links/conversationLog")).hasSize(1);
    return logs.at("/_links/conversationLog/0/href").asText();
  }

  /** bob accepts the invitation he was sent, then alice ends the conversation. */
  private static JsonNode acceptAndEnd(UcwaClient alice, UcwaClient bob) {
    String conversation = Messaging.accept(alice, bob);
    JsonNode invitation = bob.events().last("messagingInvitation", "started").embedded();
    bob.events().await("message", "completed");
    Messaging.stop(alice, conversation);
    bob.events().await("conversation", "deleted");
    alice.events().drain();
    bob.events().drain();
    return invitation;
  }

  @Test
  void the_first_message_is_in_both_transcripts_and_continue_messaging_resumes_the_thread() {
    UcwaClient alice = server.available("alice", "continue-a");
    UcwaClient bob = server.available("bob", "continue-b");
    assertThat(
            alice
                .postJson(
                    alice.link("communication/startMessaging"),
                    "{\"to\":\"sip:bob@contoso.com\",\"subject\":\"Budget\","
                        + "\"message\":\"data:text/plain,First+words\"}")
                .status())
        .isEqualTo(201);
    JsonNode first = acceptAndEnd(alice, bob);
    String threadId = first.get("threadId").asText();

    String aliceLog = onlyLog(alice);
    String bobLog = onlyLog(bob);
    String firstWords = "data:text/plain;charset=utf-8,First+words";
    awaitTranscripts(alice, aliceLog, 1);
    awaitTranscripts(bob, bobLog, 1);
    assertThat(transcripts(alice, aliceLog)).containsExactly(firstWords);
    assertThat(transcripts(bob, bobLog)).containsExactly(firstWords);

    // alice resumes her logged conversation in JSON, with an HTML message as a data-URI link
    JsonNode log = alice.get(aliceLog).json();
    assertThat(log.get("threadId").asText()).isEqualTo(threadId);
    String resume = log.at("/_links/continueMessaging/href").asText();
    assertThat(resume).isEqualTo(aliceLog + "/continueMessaging");
    UcwaClient.Response created =
        alice.postJson(
            resume,
            "{\"operationId\":\"op-continue\",\"_links\":{\"message\":{\"href\":"
                + "\"data:text/html;charset=utf-8,%3Cb%3EAgain%3C%2Fb%3E\"}}}");
    assertThat(created.status()).isEqualTo(201);
    String location = created.header("Location");
    assertThat(location).contains("/communication/messagingInvitations/");
    JsonNode outgoing = alice.get(location).json();
    assertThat(outgoing.get("threadId").asText()).isEqualTo(threadId);
    assertThat(outgoing.get("subject").asText()).isEqualTo("Budget");
    assertThat(outgoing.get("operationId").asText()).isEqualTo("op-continue");
    assertThat(outgoing.get("to").asText()).isEqualTo("sip:bob@contoso.com");

    JsonNode second = acceptAndEnd(alice, bob);
    assertThat(second.get("threadId").asText()).isEqualTo(threadId);
    assertThat(second.at("/_links/from/title").asText()).isEqualTo("Alice Test");
    String again = "data:text/html;charset=utf-8,%3Cb%3EAgain%3C%2Fb%3E";
    awaitTranscripts(bob, bobLog, 2);
    awaitTranscripts(alice, aliceLog, 2);
    // the same log on both sides, the resumed conversation's message newest
    assertThat(onlyLog(alice)).isEqualTo(aliceLog);
    assertThat(onlyLog(bob)).isEqualTo(bobLog);
    assertThat(transcripts(alice, aliceLog)).containsExactly(again, firstWords);
    assertThat(transcripts(bob, bobLog)).containsExactly(again, firstWords);

    // bob resumes it in XML, without a message
    UcwaClient.Response xml =
        bob.post(
            bobLog + "/continueMessaging",
            "application/xml",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><input"
                + " xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"><property"
                + " name=\"operationId\">op-xml</property></input>",
            Map.of("Accept", "application/xml"));
    assertThat(xml.status()).isEqualTo(201);
    JsonNode toAlice = alice.events().await("messagingInvitation", "started").embedded();
    assertThat(toAlice.get("threadId").asText()).isEqualTo(threadId);
    assertThat(toAlice.at("/_links/from/title").asText()).isEqualTo("Bob Test");
  }

  @Test
  void continue_messaging_of_a_log_that_does_not_exist_is_not_found() {
    UcwaClient carol = server.available("carol", "continue-c");
    UcwaClient.Response r =
        carol.postJson(
            carol.link("communication/conversationLogs") + "/nosuchlog/continueMessaging", "{}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("subcode").asText()).isEqualTo("ResourceNotFound");
  }
}
