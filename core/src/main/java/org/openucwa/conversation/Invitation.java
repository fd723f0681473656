package org.openucwa.conversation;

import java.util.Optional;
import java.util.concurrent.Future;
import org.openucwa.operation.Operation;

/**
 * What every invitation shares: its id, the conversation it belongs to, its life as an operation,
 * its InvitationState (Connecting while the answer is awaited), the participant it connected with,
 * and the timer that fails it when no answer comes. Guarded by the lock of the user who holds it.
 */
public abstract class Invitation {

  private final String id;
  private final Conversation conversation;
  private final Operation operation;
  private InvitationState state = InvitationState.Connecting;
  private Participant connectedTo;
  private Future<?> timer;

  Invitation(String id, Conversation conversation, Operation operation) {
    this.id = id;
    this.conversation = conversation;
    this.operation = operation;
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

  public InvitationState state() {
    return state;
  }

  public boolean pending() {
    return state == InvitationState.Connecting;
  }

  /** The participant the invitation connected with, once it has. */
  Optional<Participant> connectedTo() {
    return Optional.ofNullable(connectedTo);
  }

  /** Links the participant while the invitation is still pending (an invitee in the lobby). */
  void linkParticipant(Participant p) {
    connectedTo = p;
  }

  void connected(Participant p) {
    state = InvitationState.Connected;
    connectedTo = p;
    stopTimer();
    settled();
  }

  void ended(InvitationState end) {
    state = end;
    stopTimer();
    settled();
  }

  /** Called once the invitation is no longer pending. */
  void settled() {}

  /** The invitation is forgotten: its timer, if any, is cancelled. */
  void release() {
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
