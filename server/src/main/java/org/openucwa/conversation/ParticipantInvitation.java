package org.openucwa.conversation;

import java.util.Optional;
import java.util.concurrent.Future;
import org.openucwa.operation.Operation;

/**
 * An outgoing participantInvitation (the seed page): the user invited another into an existing
 * conversation with addParticipant. Connecting while the invitee decides; it completes with success
 * only once the invitee appears in the roster. Guarded by the lock of the user who holds it.
 */
public final class ParticipantInvitation {

  private final String id;
  private final Conversation conversation;
  private final Operation operation;
  private final Signals.Party to;
  private InvitationState state = InvitationState.Connecting;
  private Participant participant;
  private Future<?> timer;

  ParticipantInvitation(
      String id, Conversation conversation, Operation operation, Signals.Party to) {
    this.id = id;
    this.conversation = conversation;
    this.operation = operation;
    this.to = to;
  }

  public String id() {
    return id;
  }

  public Conversation conversation() {
    return conversation;
  }

  public Operation operation() {
    return operation;
  }

  /** The invitee. */
  public Signals.Party to() {
    return to;
  }

  public InvitationState state() {
    return state;
  }

  public boolean pending() {
    return state == InvitationState.Connecting;
  }

  /** The invitee's participant, once in the roster. */
  public Optional<Participant> participant() {
    return Optional.ofNullable(participant);
  }

  /** The invitee appeared in the roster, waiting in the lobby: the invitation is still pending. */
  void waiting(Participant p) {
    participant = p;
  }

  void connected(Participant p) {
    state = InvitationState.Connected;
    participant = p;
    stopTimer();
  }

  void ended(InvitationState end) {
    state = end;
    stopTimer();
  }

  void timer(Future<?> t) {
    timer = t;
  }

  private void stopTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
