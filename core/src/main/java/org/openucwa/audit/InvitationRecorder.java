package org.openucwa.audit;

import java.time.Clock;
import java.util.List;
import org.openucwa.application.Application;
import org.openucwa.conversation.ConversationChange;
import org.openucwa.conversation.ConversationListener;
import org.openucwa.conversation.Direction;
import org.openucwa.conversation.InvitationState;
import org.openucwa.conversation.MessagingInvitation;
import org.openucwa.conversation.ParticipantInvitation;
import org.openucwa.operation.Operation;
import org.openucwa.resource.EventType;
import org.openucwa.writes.WriteBehind;

/**
 * Hears the conversation changes of every application and records the life of each invitation: the
 * outgoing messagingInvitation, the onlineMeetingInvitation (received, or sent to join a meeting)
 * and the participantInvitation. An incoming plain messagingInvitation is the same invitation as
 * its sender's outgoing one and is not recorded twice. Runs under the user's lock, so it only
 * enqueues on the write-behind queue; the store is written on its writer thread.
 */
public final class InvitationRecorder implements ConversationListener {

  private final WriteBehind<InvitationStep> writes;
  private final Clock clock;

  public InvitationRecorder(WriteBehind<InvitationStep> writes, Clock clock) {
    this.writes = writes;
    this.clock = clock;
  }

  @Override
  public void changed(Application application, List<ConversationChange> changes) {
    String owner = application.user().uri();
    for (ConversationChange change : changes) {
      switch (change) {
        case ConversationChange.InvitationChanged c -> messaging(owner, c);
        case ConversationChange.ParticipantInvitationChanged c -> participant(owner, c);
        default -> {}
      }
    }
  }

  private void messaging(String owner, ConversationChange.InvitationChanged c) {
    MessagingInvitation inv = c.invitation();
    boolean meeting = inv.conference().isPresent();
    boolean outgoing = inv.direction() == Direction.Outgoing;
    if (!outgoing && !meeting) {
      return;
    }
    writes.offer(
        step(
            inv.id(),
            meeting ? InvitationKind.onlineMeeting : InvitationKind.messaging,
            outgoing ? owner : inv.from().uri(),
            outgoing ? inv.to() : owner,
            c.conversation().id(),
            c.conversation().threadId(),
            inv.operation(),
            c.event(),
            inv.state()));
  }

  private void participant(String owner, ConversationChange.ParticipantInvitationChanged c) {
    ParticipantInvitation inv = c.invitation();
    writes.offer(
        step(
            inv.id(),
            InvitationKind.participantInvitation,
            owner,
            inv.to().uri(),
            c.conversation().id(),
            c.conversation().threadId(),
            inv.operation(),
            c.event(),
            inv.state()));
  }

  private InvitationStep step(
      String id,
      InvitationKind kind,
      String inviter,
      String invitee,
      String conversation,
      String threadId,
      Operation operation,
      Operation.Event event,
      InvitationState now) {
    InvitationStep.Stage stage =
        event.type() == EventType.started
            ? InvitationStep.Stage.started
            : event.type() == EventType.completed
                ? InvitationStep.Stage.completed
                : InvitationStep.Stage.updated;
    String state =
        stage == InvitationStep.Stage.started ? InvitationState.Connecting.wire() : now.wire();
    return new InvitationStep(
        id,
        kind,
        inviter,
        invitee,
        conversation,
        threadId,
        operation.operationId(),
        stage,
        state,
        clock.instant(),
        event.status().map(s -> s.wire()),
        event.reason());
  }
}
