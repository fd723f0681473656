package org.openucwa.conversation;

import java.util.Optional;
import org.openucwa.operation.Operation;

/**
 * A messagingInvitation (messagingInvitation_ref.md): an outgoing one tracks the invitation the
 * user sent; an incoming one offers the user a conversation to accept or decline. Its life as an
 * operation is an {@link Operation}; its state is the reference's InvitationState. Guarded by the
 * lock of the user who holds it.
 */
public final class MessagingInvitation extends Invitation {

  private final Direction direction;
  private final Signals.Party from;
  private final String to;
  private final Optional<Content> message;
  private Optional<ConferenceSignals.Ref> conference = Optional.empty();
  private boolean joining;

  MessagingInvitation(
      String id,
      Direction direction,
      Conversation conversation,
      Operation operation,
      Signals.Party from,
      String to,
      Optional<Content> message) {
    super(id, conversation, operation);
    this.direction = direction;
    this.from = from;
    this.to = to;
    this.message = message;
  }

  public Direction direction() {
    return direction;
  }

  public Signals.Party from() {
    return from;
  }

  /** The URI of the invited user. */
  public String to() {
    return to;
  }

  public Optional<Content> message() {
    return message;
  }

  /**
   * The conference an incoming invitation asks the user to join: such an invitation is an
   * onlineMeetingInvitation (participantInvitation_ref.md: "there is no incoming
   * participantInvitation").
   */
  public Optional<ConferenceSignals.Ref> conference() {
    return conference;
  }

  void conference(ConferenceSignals.Ref ref) {
    conference = Optional.of(ref);
  }

  /**
   * Whether the user accepted this conference invitation and it waits for the roster: still
   * Connecting (onlineMeetingInvitation_ref.md), but the focus already has the user's join.
   */
  public boolean joining() {
    return joining && pending();
  }

  void joining(boolean on) {
    joining = on;
  }

  public Optional<Participant> acceptedBy() {
    return connectedTo();
  }
}
