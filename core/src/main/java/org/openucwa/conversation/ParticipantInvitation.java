package org.openucwa.conversation;

import java.util.Optional;
import org.openucwa.operation.Operation;

/**
 * An outgoing participantInvitation (the seed page): the user invited another into an existing
 * conversation with addParticipant. Connecting while the invitee decides; it completes with success
 * only once the invitee appears in the roster. Guarded by the lock of the user who holds it.
 */
public final class ParticipantInvitation extends Invitation {

  private final Signals.Party to;

  ParticipantInvitation(
      String id, Conversation conversation, Operation operation, Signals.Party to) {
    super(id, conversation, operation);
    this.to = to;
  }

  /** The invitee. */
  public Signals.Party to() {
    return to;
  }

  /** The invitee's participant, once in the roster (in the lobby, or admitted). */
  public Optional<Participant> participant() {
    return connectedTo();
  }

  @Override
  void settled() {
    conversation().settled(this);
  }

  /** The invitee appeared in the roster, waiting in the lobby: the invitation is still pending. */
  void waiting(Participant p) {
    linkParticipant(p);
  }
}
