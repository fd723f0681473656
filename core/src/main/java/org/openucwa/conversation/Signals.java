package org.openucwa.conversation;

import java.time.Instant;
import java.util.Optional;
import org.openucwa.resource.Reason;
import org.openucwa.routing.Signal;

/**
 * What the two sides of a conversation tell each other through the router. Every signal names the
 * session it belongs to (shared by both sides) and carries only plain data.
 */
public final class Signals {

  private Signals() {}

  /** Who a signal is from: a user's URI and display name. */
  public record Party(String uri, String name) {}

  /** An invitation to a messaging session, or to a conference when {@code conference} is set. */
  public record Invite(
      String to,
      String session,
      Party from,
      String subject,
      Importance importance,
      String threadId,
      Optional<Content> message,
      Optional<ConferenceSignals.Ref> conference)
      implements Signal {}

  /** The inviter {@code inviter} withdrew its invitation (canceled, timed out). */
  public record Withdraw(String to, String session, String inviter, Reason reason)
      implements Signal {}

  /** The invitee's answer: accepted by {@code by}, or refused for {@code reason}. */
  public record Answer(String to, String session, Party by, Optional<Reason> refusal)
      implements Signal {
    public boolean accepted() {
      return refusal.isEmpty();
    }
  }

  /** An instant message. {@code key} lets the receiver acknowledge it. */
  public record Chat(String to, String session, Party from, long key, Content content, Instant sent)
      implements Signal {}

  /** Whether the message {@code key} reached its recipient's conversation. */
  public record Receipt(String to, String session, Party by, long key, boolean delivered)
      implements Signal {}

  /** The sender started or stopped typing. */
  public record Typing(String to, String session, Party from, boolean typing) implements Signal {}

  /** The sender left the session; the receiver's side of it ends. */
  public record Bye(String to, String session, Party from, Reason reason) implements Signal {}
}
