package org.openucwa.conversation;

import static org.openucwa.conversation.ConversationCore.party;

import java.util.ArrayList;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Reason;

/**
 * How a user's side of a conversation or of an invitation ends, in one place for every path that
 * ends one: the user stopping, cancelling or declining, the other side or the focus saying so, a
 * timeout, the application going away. Each ending records its changes in the order a client hears
 * them.
 *
 * <p>Threading: every method but {@link #endAll} runs inside a transition of the user who holds the
 * conversation, under that user's lock, which the caller holds; {@link #endAll} takes it. Other
 * users are reached only by signals, never by their locks.
 */
final class Endings {

  private final ConversationCore core;

  Endings(ConversationCore core) {
    this.core = core;
  }

  /**
   * This side leaves {@code c}: a pending outgoing invitation is canceled; a pending incoming one
   * is declined here, and the inviter hears {@code refusal} once none of the user's applications
   * still has it; a conversation under way is hung up and ends.
   */
  void leave(UserState s, Conversation c, Reason refusal, Changes changes) {
    Optional<MessagingInvitation> pending = c.invitation().filter(MessagingInvitation::pending);
    if (pending.isPresent() && pending.get().direction() == Direction.Outgoing) {
      cancelOutgoing(s, pending.get(), changes);
    } else if (pending.isPresent()) {
      boolean joining = pending.get().joining() && pending.get().conference().isPresent();
      withdrawIncoming(s, c, Reasons.DECLINED, InvitationState.Declined, changes);
      if (!joining && s.session(c.session()).isEmpty()) {
        core.send(
            new Signals.Answer(
                pending.get().from().uri(),
                c.session(),
                party(c.application().user()),
                Optional.of(refusal)));
      }
    } else {
      hangUp(c);
      end(s, c, Reasons.ENDED_LOCALLY, changes);
    }
  }

  /**
   * Cancels a pending outgoing invitation: the invitee's side is withdrawn, or, for an invitation
   * that joins a meeting, the focus is told the user leaves (it may already have taken the join).
   */
  void cancelOutgoing(UserState s, MessagingInvitation inv, Changes changes) {
    String session = inv.conversation().session();
    failOutgoing(s, inv, Reasons.CANCELED, InvitationState.Cancelled, changes);
    if (inv.conference().isPresent()) {
      ConferenceSignals.Ref ref = inv.conference().get();
      core.send(
          new ConferenceSignals.Leave(
              ref.focus(), ref.id(), party(inv.conversation().application().user())));
    } else {
      core.send(new Signals.Withdraw(inv.to(), session, inv.from().uri(), Reasons.CANCELED));
    }
  }

  /** Ends every conversation of the application, telling the other sides. */
  void endAll(Application app) {
    core.transition(
        app.user().uri(),
        (s, changes) -> {
          for (Conversation c : s.conversationsOf(app)) {
            leave(s, c, Reasons.UNAVAILABLE, changes);
            end(s, c, Reasons.ENDED_LOCALLY, changes);
          }
          s.forget(app);
        });
  }

  /** Tells the other side, or the conference's focus, that this side of {@code c} is leaving. */
  void hangUp(Conversation c) {
    Signals.Party me = party(c.application().user());
    if (c.conference().isPresent()) {
      core.send(new ConferenceSignals.Leave(c.conference().get().focus(), c.session(), me));
    } else {
      for (Participant p : c.participants()) {
        core.send(new Signals.Bye(p.uri(), c.session(), me, Reasons.ENDED_REMOTELY));
      }
    }
  }

  /**
   * The conversation ends here, in the order a client hears it: messaging and the conversation
   * disconnect (updated, the conversation still whole), then the participants, the local
   * participant and the conversation itself are deleted (docs/decisions/0016-conversation-end.md).
   */
  void end(UserState s, Conversation c, Reason why, Changes changes) {
    if (c.deleted()) {
      return;
    }
    failParticipantInvitations(c, why, changes);
    boolean wasMessaging = c.messaging() != ModalityState.Disconnected;
    c.messaging(ModalityState.Disconnected);
    if (wasMessaging) {
      changes.add(new ConversationChange.MessagingChanged(c, Optional.of(why)));
    }
    if (c.state() != ConversationState.Disconnected) {
      c.state(ConversationState.Disconnected);
      changes.add(
          new ConversationChange.ConversationChanged(c, EventType.updated, Optional.of(why)));
    }
    for (Participant p : new ArrayList<>(c.participants())) {
      if (p.messaging()) {
        changes.add(
            new ConversationChange.ParticipantMessagingChanged(
                c, Optional.of(p), EventType.deleted, Optional.of(why)));
      }
      if (p.typing()) {
        changes.add(
            new ConversationChange.TypingChanged(c, p, EventType.deleted, Optional.of(why)));
      }
      changes.add(
          new ConversationChange.ParticipantChanged(c, p, EventType.deleted, Optional.of(why)));
    }
    if (c.localMessaging()) {
      changes.add(
          new ConversationChange.ParticipantMessagingChanged(
              c, Optional.empty(), EventType.deleted));
    }
    changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.deleted));
    c.markDeleted();
    changes.add(new ConversationChange.ConversationChanged(c, EventType.deleted, Optional.of(why)));
    s.forget(c);
    changes.forgotten(c);
  }

  /** An outgoing invitation failed: messaging and the conversation disconnect; both stay. */
  void failOutgoing(
      UserState s, MessagingInvitation inv, Reason why, InvitationState end, Changes changes) {
    Conversation c = inv.conversation();
    inv.ended(end);
    c.messaging(ModalityState.Disconnected);
    c.state(ConversationState.Disconnected);
    s.leaveSession(c);
    changes.add(new ConversationChange.MessagingChanged(c, Optional.of(why)));
    changes.add(new ConversationChange.ConversationChanged(c, EventType.updated, Optional.of(why)));
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().fail(why)));
  }

  /** An incoming invitation ended unanswered here: its conversation goes away. */
  void withdrawIncoming(
      UserState s, Conversation c, Reason why, InvitationState end, Changes changes) {
    MessagingInvitation inv = c.invitation().orElseThrow();
    if (!inv.pending()) {
      return;
    }
    if (inv.joining() && inv.conference().isPresent()) {
      ConferenceSignals.Ref ref = inv.conference().get();
      core.send(new ConferenceSignals.Leave(ref.focus(), ref.id(), party(c.application().user())));
    }
    inv.ended(end);
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().fail(why)));
    for (Participant p : c.participants()) {
      changes.add(
          new ConversationChange.ParticipantChanged(c, p, EventType.deleted, Optional.of(why)));
    }
    changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.deleted));
    c.markDeleted();
    changes.add(new ConversationChange.ConversationChanged(c, EventType.deleted, Optional.of(why)));
    s.forget(c);
    changes.forgotten(c);
  }

  /** The conversation ends: its pending participant invitations fail and their invitees hear. */
  private void failParticipantInvitations(Conversation c, Reason why, Changes changes) {
    for (ParticipantInvitation pi : c.pendingParticipantInvitations()) {
      withdrawParticipantInvitation(pi, why, InvitationState.Failed, changes);
    }
  }

  /** A participantInvitation ends here, and its invitee hears that it was withdrawn. */
  void withdrawParticipantInvitation(
      ParticipantInvitation inv, Reason why, InvitationState end, Changes changes) {
    failParticipantInvitation(inv, why, end, changes);
    core.send(
        new Signals.Withdraw(
            inv.to().uri(),
            inv.conversation().session(),
            inv.conversation().application().user().uri(),
            why));
  }

  /** A participantInvitation ends; its invitee has refused it, left, or never existed. */
  void failParticipantInvitation(
      ParticipantInvitation inv, Reason why, InvitationState end, Changes changes) {
    inv.ended(end);
    changes.add(
        new ConversationChange.ParticipantInvitationChanged(
            inv.conversation(), inv, inv.operation().fail(why)));
  }
}
