package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.Messaging;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * conversationLogs' {@code limit} query parameter (conversationLogs_ref.md): bob, signed in but not
 * available, misses two invitations from alice; his conversationLogs links the newest {@code limit}
 * of them, and a limit that is not a whole number of 1 or more is refused with
 * ParameterValidationFailure, changing nothing.
 */
class ConversationLogsLimitScenarioTest {

  private static List<String> subjects(UcwaClient c, JsonNode logs) {
    return logs.findValues("href").stream()
        .map(JsonNode::asText)
        .filter(h -> !h.endsWith("/conversationLogs") && !h.contains("?"))
        .map(h -> c.get(h).json().get("subject").asText())
        .toList();
  }

  @Test
  void the_limit_keeps_the_newest_logs_and_a_bad_one_is_refused() {
    try (TestServer server = TestServer.start()) {
      UcwaClient alice = server.available("alice", "limit-a");
      UcwaClient bob = server.client("bob");
      bob.createApplication("limit-b");
      for (String subject : List.of("First", "Second")) {
        Messaging.invite(
            alice,
            "{\"to\":\"sip:bob@contoso.com\",\"subject\":\""
                + subject
                + "\",\"operationId\":\"x\"}");
        alice.events().await("messagingInvitation", "completed");
      }
      String logs = bob.link("communication/conversationLogs");
      bob.awaitJson(
          "communication/conversationLogs", l -> l.at("/_links/conversationLog").size() == 2);

      assertThat(subjects(bob, bob.get(logs).json())).containsExactly("Second", "First");
      JsonNode one = bob.get(logs + "?limit=1").json();
      assertThat(one.at("/_links/conversationLog").isArray()).isTrue();
      assertThat(subjects(bob, one)).containsExactly("Second");
      assertThat(subjects(bob, bob.get(logs + "?limit=5").json()))
          .containsExactly("Second", "First");

      assertJsonError(bob.get(logs + "?limit=0"), 400, "BadRequest", "ParameterValidationFailure");
      assertXmlError(
          bob.get(logs + "?limit=many", Map.of("Accept", "application/xml")),
          400,
          "BadRequest",
          "ParameterValidationFailure");
      assertThat(subjects(bob, bob.get(logs).json())).containsExactly("Second", "First");
    }
  }
}
