package org.openucwa.conversation;

import static org.openucwa.conversation.ConversationCore.party;

import java.util.List;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.operation.Operation;
import org.openucwa.resource.Reason;

/**
 * addParticipant and the participantInvitations it makes (decision 0009): it escalates a two-party
 * conversation first, tells the focus whom it expects and invites the user into the conference. The
 * invitation fails here on a refusal, a cancel or the timeout; it succeeds when the focus's roster
 * shows the invitee ({@link ConferenceMember}).
 *
 * <p>Threading: each request, timeout and refusal holds the inviter's lock for its whole transition
 * (through {@link ConversationCore}), and the listener hears the changes before it is released; the
 * invitee and the focus are reached only by signals, never by their locks.
 */
final class ParticipantInviter {

  private final ConversationCore core;
  private final Endings endings;
  private final Meetings meetings;

  ParticipantInviter(ConversationCore core, Endings endings, Meetings meetings) {
    this.core = core;
    this.endings = endings;
    this.meetings = meetings;
  }

  String addParticipant(
      Application app, String conversationId, String to, Optional<String> operationId) {
    User me = app.user();
    return core.inUser(
        me.uri(),
        s -> {
          Conversation c = s.conversation(app, conversationId);
          if (!c.canAddParticipants()) {
            throw UcwaException.conflict(
                Subcode.OperationNotSupported,
                "Participants can be added only to a connected conversation.");
          }
          boolean present =
              to.equalsIgnoreCase(me.uri())
                  || c.participant(to).isPresent()
                  || c.pendingParticipantInvitation(to).isPresent();
          if (present) {
            throw UcwaException.conflict(
                Subcode.AlreadyExists, to + " is already in this conversation or invited to it.");
          }
          Changes changes = core.changes();
          if (c.conference().isEmpty()) {
            meetings.escalate(s, c, changes);
          }
          Optional<User> invitee = core.find(to);
          ParticipantInvitation inv =
              new ParticipantInvitation(
                  core.newId(16),
                  c,
                  new Operation(operationId),
                  new Signals.Party(
                      invitee.map(User::uri).orElse(to), invitee.map(User::name).orElse(to)));
          s.add(inv);
          changes.add(
              new ConversationChange.ParticipantInvitationChanged(c, inv, inv.operation().start()));
          if (invitee.isEmpty()) {
            endings.failParticipantInvitation(
                inv, Reasons.NOT_FOUND, InvitationState.Failed, changes);
          } else {
            ConferenceSignals.Ref ref = c.conference().get();
            core.send(new ConferenceSignals.Invited(ref.focus(), ref.id(), inv.to().uri()));
            core.send(
                new Signals.Invite(
                    inv.to().uri(),
                    c.session(),
                    party(me),
                    c.subject(),
                    c.importance(),
                    c.threadId(),
                    Optional.empty(),
                    c.conference()));
            String id = inv.id();
            inv.timer(core.afterInvitationTimeout(() -> timeout(me.uri(), app, id)));
          }
          changes.flush();
          return inv.id();
        });
  }

  private void timeout(String user, Application app, String invitationId) {
    core.transition(
        user,
        (s, changes) -> {
          Optional<ParticipantInvitation> inv = s.findParticipantInvitation(app, invitationId);
          if (inv.isPresent() && inv.get().pending()) {
            endings.withdrawParticipantInvitation(
                inv.get(), Reasons.TIMEOUT, InvitationState.Failed, changes);
          }
        });
  }

  void cancel(Application app, String invitationId) {
    core.transition(
        app.user().uri(),
        (s, changes) ->
            endings.withdrawParticipantInvitation(
                s.pendingParticipantInvitation(app, invitationId),
                Reasons.CANCELED,
                InvitationState.Cancelled,
                changes));
  }

  /** The invitee {@code by} refused a pending participantInvitation of {@code mine}, if any. */
  void refused(List<Conversation> mine, Signals.Party by, Reason why, Changes changes) {
    mine.stream()
        .flatMap(c -> c.pendingParticipantInvitation(by.uri()).stream())
        .findFirst()
        .ifPresent(
            pi ->
                endings.failParticipantInvitation(
                    pi,
                    why,
                    "Declined".equals(why.subcode().orElse(""))
                        ? InvitationState.Declined
                        : InvitationState.Failed,
                    changes));
  }
}
