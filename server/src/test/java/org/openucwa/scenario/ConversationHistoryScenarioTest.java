package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The conversation history over HTTP (conversationLogs_ref.md and the pages it links): a
 * conversation between two users appears in both users' logs with its transcript, in JSON and XML,
 * and is still there after the server restarts on the same data folder.
 */
class ConversationHistoryScenarioTest {

  private static final Map<String, String> XML = Map.of("Accept", "application/xml");

  @TempDir Path data;

  /** The history is written behind the flow: wait (bounded) until it shows what we expect. */
  private static JsonNode awaitLogs(UcwaClient c, Predicate<JsonNode> ready) {
    return c.awaitJson("communication/conversationLogs", ready);
  }

  private static List<String> texts(UcwaClient c, JsonNode transcripts) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : transcripts.at("/_embedded/conversationLogTranscript")) {
      JsonNode links = t.at("/_embedded/messageTranscript/_links");
      out.add(
          links.has("plainMessage")
              ? links.at("/plainMessage/href").asText()
              : links.at("/htmlMessage/href").asText());
    }
    return out;
  }

  private static void talk(UcwaClient alice, UcwaClient bob) {
    assertThat(
            alice
                .postJson(
                    alice.link("communication/startMessaging"),
                    "{\"to\":\"sip:bob@contoso.com\",\"subject\":\"Quarterly plan\","
                        + "\"importance\":\"Normal\",\"operationId\":\"op-h\"}")
                .status())
        .isEqualTo(201);
    JsonNode invitation = bob.events().await("messagingInvitation", "started").embedded();
    assertThat(bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);
    String aliceConversation =
        alice.events().await("conversation", "updated").embedded().at("/_links/self/href").asText();
    alice.events().await("messagingInvitation", "completed");
    JsonNode messaging = alice.get(aliceConversation + "/messaging").json();
    assertThat(
            alice
                .post(
                    messaging.at("/_links/sendMessage/href").asText(),
                    "text/plain",
                    "Hello Bob",
                    Map.of())
                .status())
        .isEqualTo(201);
    alice.events().await("message", "completed");
    bob.events().await("message", "completed");
    String bobConversation =
        bob.events().all().stream()
            .filter(e -> e.rel().equals("conversation"))
            .findFirst()
            .orElseThrow()
            .href();
    JsonNode bobMessaging = bob.get(bobConversation + "/messaging").json();
    assertThat(
            bob.post(
                    bobMessaging.at("/_links/sendMessage/href").asText(),
                    "text/html",
                    "<b>fine</b>",
                    Map.of())
                .status())
        .isEqualTo(201);
    bob.events().await("message", "completed");
    alice.events().await("message", "completed");
    assertThat(
            alice
                .post(messaging.at("/_links/stopMessaging/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    alice.events().await("conversation", "deleted");
    bob.events().await("conversation", "deleted");
  }

  private static void assertLogged(UcwaClient me, String other, String otherName, String dir) {
    JsonNode logs = awaitLogs(me, l -> l.at("/_links/conversationLog").size() == 1);
    assertThat(logs.get("rel").asText()).isEqualTo("conversationLogs");
    assertThat(logs.at("/_links/self/href").asText()).endsWith("/communication/conversationLogs");
    JsonNode links = logs.at("/_links/conversationLog");
    assertThat(links.isArray()).isTrue();
    assertThat(links).hasSize(1);

    String logHref = links.get(0).at("/href").asText();
    JsonNode log = me.get(logHref).json();
    assertThat(log.get("rel").asText()).isEqualTo("conversationLog");
    assertThat(log.get("subject").asText()).isEqualTo("Quarterly plan");
    assertThat(log.get("type").asText()).isEqualTo("MessageLog");
    assertThat(log.get("status").asText()).isEqualTo("Archived");
    assertThat(log.get("direction").asText()).isEqualTo(dir);
    assertThat(log.get("importance").asText()).isEqualTo("Normal");
    assertThat(log.get("modalities").get(0).asText()).isEqualTo("Messaging");
    assertThat(log.get("threadId").asText()).isNotEmpty();
    assertThat(log.get("creationTime").asText()).matches("/Date\\(\\d+\\)/");
    assertThat(log.get("totalRecipientsCount").asInt()).isEqualTo(1);
    assertThat(log.get("previewMessage").asText()).isEqualTo("fine");
    JsonNode recipient = log.at("/_embedded/conversationLogRecipient/0");
    assertThat(recipient.get("sipUri").asText()).isEqualTo(other);
    assertThat(recipient.get("displayName").asText()).isEqualTo(otherName);
    assertThat(recipient.at("/_links/contact/href").asText())
        .endsWith("/people/" + other.substring(4));
    assertThat(me.get(recipient.at("/_links/self/href").asText()).json().get("sipUri").asText())
        .isEqualTo(other);
    assertThat(log.at("/_links/markAsRead/href").asText()).isEqualTo(logHref + "/markAsRead");

    JsonNode transcripts =
        me.get(log.at("/_links/conversationLogTranscripts/href").asText()).json();
    assertThat(transcripts.get("rel").asText()).isEqualTo("conversationLogTranscripts");
    assertThat(transcripts.at("/_links/nextConversationLogTranscripts").isMissingNode()).isTrue();
    assertThat(texts(me, transcripts))
        .containsExactly(
            "data:text/html;charset=utf-8,%3Cb%3Efine%3C%2Fb%3E",
            "data:text/plain;charset=utf-8,Hello+Bob");
    JsonNode newest = transcripts.at("/_embedded/conversationLogTranscript/0");
    assertThat(newest.get("timeStamp").asText()).matches("/Date\\(\\d+\\)/");
    boolean bobIsMe = other.equals("sip:alice@contoso.com");
    assertThat(newest.at("/_links/me").isMissingNode()).isEqualTo(!bobIsMe);
    assertThat(newest.at("/_links/contact").isMissingNode()).isEqualTo(bobIsMe);
    JsonNode one = me.get(newest.at("/_links/self/href").asText()).json();
    assertThat(one.get("rel").asText()).isEqualTo("conversationLogTranscript");
    assertThat(
            me.get(newest.at("/_embedded/messageTranscript/_links/self/href").asText())
                .json()
                .at("/_links/htmlMessage/href")
                .asText())
        .isEqualTo("data:text/html;charset=utf-8,%3Cb%3Efine%3C%2Fb%3E");

    String xmlLogs = me.get(me.link("communication/conversationLogs"), XML).body();
    assertThat(xmlLogs).contains("rel=\"conversationLogs\"");
    assertThat(xmlLogs).contains("<link rel=\"conversationLog\" href=\"" + logHref + "\"");
    String xmlLog = me.get(logHref, XML).body();
    assertThat(xmlLog).contains("<property name=\"subject\">Quarterly plan</property>");
    assertThat(xmlLog).contains("<property name=\"status\">Archived</property>");
    assertThat(xmlLog).contains("<property name=\"sipUri\">" + other + "</property>");
    String xmlTranscripts =
        me.get(log.at("/_links/conversationLogTranscripts/href").asText(), XML).body();
    assertThat(xmlTranscripts).contains("rel=\"conversationLogTranscripts\"");
    assertThat(xmlTranscripts).contains("rel=\"messageTranscript\"");
    assertThat(xmlTranscripts).contains("data:text/plain;charset=utf-8,Hello+Bob");

    assertThat(me.post(logHref + "/markAsRead", null, "", Map.of()).status()).isEqualTo(204);
  }

  @Test
  void a_conversation_is_in_both_users_logs_with_its_transcript_and_survives_a_restart() {
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.available("alice", "history-a");
      UcwaClient bob = before.available("bob", "history-b");
      assertThat(alice.application().at("/_embedded/communication/conversationHistory").asText())
          .isEqualTo("Enabled");
      assertThat(alice.get(alice.link("communication/conversationLogs")).json().has("_links"))
          .isTrue();
      talk(alice, bob);

      assertLogged(alice, "sip:bob@contoso.com", "Bob Test", "Outgoing");
      assertLogged(bob, "sip:alice@contoso.com", "Alice Test", "Incoming");
    }

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient alice = after.client("alice");
      alice.createApplication("history-a-after");
      UcwaClient bob = after.client("bob");
      bob.createApplication("history-b-after");

      assertLogged(alice, "sip:bob@contoso.com", "Bob Test", "Outgoing");
      assertLogged(bob, "sip:alice@contoso.com", "Alice Test", "Incoming");
    }
  }

  @Test
  void a_user_whose_policy_turns_history_off_has_no_conversation_logs() {
    List<User> users = new ArrayList<>();
    for (User u : TestServer.directory().users()) {
      users.add(
          u.uri().equals("sip:bob@contoso.com")
              ? new User(
                  u.uri(),
                  u.name(),
                  u.credential(),
                  u.title(),
                  u.department(),
                  u.company(),
                  u.office(),
                  u.workPhoneNumber(),
                  u.otherPhoneNumber(),
                  u.mobilePhoneNumber(),
                  u.homePhoneNumber(),
                  u.emailAddresses(),
                  u.contacts(),
                  u.photo(),
                  u.outOfOfficeNote(),
                  false,
                  u.seed(),
                  u.delegates(),
                  u.manager(),
                  u.home())
              : u);
    }
    try (TestServer server =
        TestServer.start(b -> b.directory(new Directory("contoso.com", users)))) {
      UcwaClient alice = server.available("alice", "off-a");
      UcwaClient bob = server.available("bob", "off-b");
      JsonNode communication = bob.get(bob.link("communication/self")).json();
      assertThat(communication.get("conversationHistory").asText()).isEqualTo("Disabled");
      assertThat(communication.at("/_links/conversationLogs").isMissingNode()).isTrue();
      String bobLogs =
          alice
              .link("communication/conversationLogs")
              .replace(
                  alice.application().at("/_links/self/href").asText(),
                  bob.application().at("/_links/self/href").asText());

      talk(alice, bob);

      awaitLogs(alice, l -> l.at("/_links/conversationLog").size() == 1);
      bob.events().drain();
      assertThat(bob.events().all()).noneMatch(e -> e.rel().equals("conversationLog"));
      UcwaClient.Response refused = bob.get(bobLogs);
      assertThat(refused.status()).isEqualTo(404);
      assertThat(refused.json().get("code").asText()).isEqualTo("NotFound");
    }
  }

  @Test
  void transcripts_beyond_the_first_page_are_behind_next_conversation_log_transcripts() {
    try (TestServer server = TestServer.start()) {
      UcwaClient alice = server.available("alice", "page-a");
      UcwaClient bob = server.available("bob", "page-b");
      alice.postJson(
          alice.link("communication/startMessaging"),
          "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"op-p\"}");
      JsonNode invitation = bob.events().await("messagingInvitation", "started").embedded();
      bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
      String conversation =
          alice
              .events()
              .await("conversation", "updated")
              .embedded()
              .at("/_links/self/href")
              .asText();
      alice.events().await("messagingInvitation", "completed");
      String send =
          alice.get(conversation + "/messaging").json().at("/_links/sendMessage/href").asText();
      for (int i = 1; i <= 51; i++) {
        assertThat(alice.post(send, "text/plain", "m" + i, Map.of()).status()).isEqualTo(201);
      }

      JsonNode logs = awaitLogs(bob, l -> l.at("/_links/conversationLog").size() == 1);
      String logHref = logs.at("/_links/conversationLog/0/href").asText();
      String transcriptsHref = logHref + "/conversationLogTranscripts";
      JsonNode first = bob.get(transcriptsHref).json();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
      while (first.at("/_links/nextConversationLogTranscripts").isMissingNode()
          && Instant.now().isBefore(deadline)) {
        first = bob.get(transcriptsHref).json();
      }

      assertThat(first.at("/_embedded/conversationLogTranscript")).hasSize(50);
      assertThat(texts(bob, first).get(0)).isEqualTo("data:text/plain;charset=utf-8,m51");
      String next = first.at("/_links/nextConversationLogTranscripts/href").asText();
      JsonNode second = bob.get(next).json();
      assertThat(second.get("rel").asText()).isEqualTo("nextConversationLogTranscripts");
      assertThat(second.at("/_links/self/href").asText()).isEqualTo(next);
      assertThat(texts(bob, second)).containsExactly("data:text/plain;charset=utf-8,m1");
      assertThat(second.at("/_links/nextConversationLogTranscripts").isMissingNode()).isTrue();
      UcwaClient.Response bad =
          bob.get(transcriptsHref + "/nextConversationLogTranscripts?offset=-1");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("subcode").asText()).isEqualTo("ParameterValidationFailure");
    }
  }
}
