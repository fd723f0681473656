package org.openucwa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Two-party instant messaging as the scenario tests set it up: one user invites another with
 * startMessaging, the other accepts; and a user ends the conversation with stopMessaging.
 */
public final class Messaging {

  private Messaging() {}

  /** POSTs startMessaging with {@code input} (JSON) as the inviter; answers 201. */
  public static void invite(UcwaClient inviter, String input) {
    UcwaClient.Response r = inviter.postJson(inviter.link("communication/startMessaging"), input);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /**
   * The invitee accepts the invitation it was sent, and the inviter hears it accepted; answers the
   * inviter's conversation href.
   */
  public static String accept(UcwaClient inviter, UcwaClient invitee) {
    JsonNode invitation = invitee.events().await("messagingInvitation", "started").embedded();
    UcwaClient.Response r =
        invitee.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    String conversation =
        inviter
            .events()
            .await("conversation", "updated")
            .embedded()
            .at("/_links/self/href")
            .asText();
    inviter.events().await("messagingInvitation", "completed");
    return conversation;
  }

  /** The href of an action link of the conversation's messaging (sendMessage, stopMessaging). */
  public static String messagingLink(UcwaClient c, String conversation, String rel) {
    return c.get(conversation + "/messaging").json().at("/_links/" + rel + "/href").asText();
  }

  /** POSTs stopMessaging in the user's conversation (204) and waits until it is deleted. */
  public static void stop(UcwaClient c, String conversation) {
    UcwaClient.Response r =
        c.post(messagingLink(c, conversation, "stopMessaging"), null, "", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    c.events().await("conversation", "deleted");
  }
}
