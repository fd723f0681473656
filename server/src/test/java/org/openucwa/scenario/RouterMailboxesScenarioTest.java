package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.Messaging;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * A long-running node keeps no signal queue for users who have gone: after alice and bob talk and
 * sign out, the router holds none; when they sign in again, their signals are delivered as before,
 * and once they sign out again none is left.
 */
class RouterMailboxesScenarioTest {

  /** The router's queues, once it has handled what it was given (bounded wait). */
  private static int settledMailboxes(TestServer server) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (server.server().routerMailboxes() > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    return server.server().routerMailboxes();
  }

  /** alice invites bob with a message, bob accepts and hears it, alice ends the conversation. */
  private static void talk(UcwaClient alice, UcwaClient bob, String words) {
    Messaging.invite(
        alice,
        "{\"to\":\"sip:bob@contoso.com\",\"message\":\"data:text/plain,"
            + words
            + "\",\"operationId\":\"op-"
            + words
            + "\"}");
    String conversation = Messaging.accept(alice, bob);
    JsonNode first = bob.events().await("message", "completed").body();
    assertThat(first.at("/_embedded/message/_links/plainMessage/href").asText()).contains(words);
    Messaging.stop(alice, conversation);
    bob.events().await("conversation", "deleted");
  }

  private static void signOut(UcwaClient c) {
    assertThat(c.delete(c.application().at("/_links/self/href").asText()).status()).isEqualTo(204);
  }

  @Test
  void users_who_signed_out_leave_no_queue_and_are_reached_again_when_back()
      throws InterruptedException {
    try (TestServer server = TestServer.start()) {
      UcwaClient alice = server.available("alice", "mailboxes-a");
      UcwaClient bob = server.available("bob", "mailboxes-b");
      talk(alice, bob, "Hello");
      signOut(alice);
      signOut(bob);
      assertThat(settledMailboxes(server)).isZero();

      UcwaClient aliceAgain = server.available("alice", "mailboxes-a2");
      UcwaClient bobAgain = server.available("bob", "mailboxes-b2");
      talk(aliceAgain, bobAgain, "Again");
      signOut(aliceAgain);
      signOut(bobAgain);
      assertThat(settledMailboxes(server)).isZero();
    }
  }
}
