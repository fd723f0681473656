package org.openucwa.conversation;

import static org.openucwa.conversation.ConversationCore.party;

import java.util.List;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.Modality;
import org.openucwa.directory.User;
import org.openucwa.operation.Operation;
import org.openucwa.resource.EventType;

/**
 * The invitee's side of a messaging invitation, or of an onlineMeetingInvitation to a conference:
 * an invitation rings every available application of the user; accepting it on one ends it on the
 * others, declining it ends it on one or all, and the inviter may withdraw it.
 *
 * <p>Threading: each request and signal holds the invitee's lock for its whole transition (through
 * {@link ConversationCore}), and the listener hears the changes before it is released; the inviter
 * and the focus are reached only by signals, never by their locks.
 */
final class Invitee {

  private final ConversationCore core;
  private final ApplicationRegistry applications;
  private final Endings endings;

  Invitee(ConversationCore core, ApplicationRegistry applications, Endings endings) {
    this.core = core;
    this.applications = applications;
    this.endings = endings;
  }

  /** An invitation arrives: it rings the user's available applications, or is refused at once. */
  void invited(Signals.Invite i) {
    Optional<User> invitee = core.find(i.to());
    List<Application> available =
        invitee.map(u -> applications.applicationsOf(u.uri())).orElse(List.of()).stream()
            .filter(
                a ->
                    a.isAvailable()
                        && a.communication().supportedModalities().contains(Modality.Messaging))
            .toList();
    if (invitee.isEmpty() || available.isEmpty()) {
      invitee.ifPresent(u -> core.undelivered(u, i));
      core.send(
          new Signals.Answer(
              i.from().uri(),
              i.session(),
              new Signals.Party(i.to(), invitee.map(User::name).orElse(i.to())),
              Optional.of(invitee.isEmpty() ? Reasons.NOT_FOUND : Reasons.UNAVAILABLE)));
      return;
    }
    core.transition(
        invitee.get().uri(),
        (s, changes) -> {
          for (Application app : available) {
            Conversation c =
                new Conversation(
                    core.newId(8),
                    app,
                    i.session(),
                    i.threadId(),
                    i.subject(),
                    i.importance(),
                    core.now(),
                    ConversationState.Incoming);
            c.messaging(ModalityState.Connecting);
            c.peer(i.from());
            MessagingInvitation inv =
                new MessagingInvitation(
                    core.newId(16),
                    Direction.Incoming,
                    c,
                    new Operation(Optional.empty()),
                    i.from(),
                    invitee.get().uri(),
                    i.message());
            i.conference().ifPresent(inv::conference);
            c.invitation(inv);
            s.add(c);
            s.add(inv);
            changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().start()));
            changes.add(
                new ConversationChange.ConversationChanged(c, EventType.added, Optional.empty()));
            changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.added));
            if (i.conference().isEmpty()) {
              Participant inviter = c.addParticipant(i.from().uri(), i.from().name());
              changes.add(
                  new ConversationChange.ParticipantChanged(
                      c, inviter, EventType.added, Optional.empty()));
            }
          }
        });
  }

  /**
   * accept: joins the conversation on this application (or asks the focus to let the user into the
   * conference); the invitation ends on the user's other applications.
   */
  void accept(Application app, String invitationId) {
    MessagingInvitation[] accepted = new MessagingInvitation[1];
    core.transition(
        app.user().uri(),
        (s, changes) -> {
          MessagingInvitation inv = s.pendingIncoming(app, invitationId);
          Conversation c = inv.conversation();
          for (Conversation other : s.session(c.session())) {
            if (other != c) {
              endings.withdrawIncoming(
                  s, other, Reasons.ELSEWHERE, InvitationState.Failed, changes);
            }
          }
          // still Connecting, but no longer offering accept or decline (ReceiveAnIM.md, step 10);
          // rendered before the conversation connects, so the event shows that moment
          inv.joining(true);
          changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().update()));
          if (inv.conference().isPresent()) {
            ConferenceSignals.Ref ref = inv.conference().get();
            c.state(ConversationState.Connecting);
            changes.add(
                new ConversationChange.ConversationChanged(c, EventType.updated, Optional.empty()));
            core.send(new ConferenceSignals.Join(ref.focus(), ref.id(), party(app.user())));
            return;
          }
          accepted[0] = inv;
        });
    if (accepted[0] != null) {
      connect(app, accepted[0]);
    }
  }

  /** The second half of a two-party accept: the conversation connects and the invitation ends. */
  private void connect(Application app, MessagingInvitation inv) {
    core.transition(
        app.user().uri(),
        (s, changes) -> {
          if (!inv.pending()) {
            return; // withdrawn by the inviter in between: its completion was already reported
          }
          Conversation c = inv.conversation();
          Participant inviter = c.addParticipant(inv.from().uri(), inv.from().name());
          inviter.messaging(true);
          inv.connected(inviter);
          c.state(ConversationState.Connected);
          c.messaging(ModalityState.Connected);
          c.localMessaging(true);
          changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
          changes.add(
              new ConversationChange.ConversationChanged(c, EventType.updated, Optional.empty()));
          changes.add(
              new ConversationChange.ParticipantMessagingChanged(
                  c, Optional.empty(), EventType.added));
          changes.add(
              new ConversationChange.ParticipantMessagingChanged(
                  c, Optional.of(inviter), EventType.added));
          changes.add(
              new ConversationChange.ParticipantChanged(
                  c, inviter, EventType.updated, Optional.empty()));
          changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().succeed()));
          inv.message()
              .ifPresent(
                  m -> ConversationMessaging.receiveMessage(c, inv.from(), m, core.now(), changes));
          core.send(
              new Signals.Answer(
                  inv.from().uri(), c.session(), party(app.user()), Optional.empty()));
        });
  }

  /** decline: on this application only, or on all of the user's applications. */
  void decline(Application app, String invitationId, boolean global) {
    core.transition(
        app.user().uri(),
        (s, changes) -> {
          MessagingInvitation inv = s.pendingIncoming(app, invitationId);
          Conversation c = inv.conversation();
          List<Conversation> targets = global ? s.session(c.session()) : List.of(c);
          for (Conversation t : targets) {
            endings.withdrawIncoming(s, t, Reasons.DECLINED, InvitationState.Declined, changes);
          }
          if (s.session(c.session()).isEmpty()) {
            core.send(
                new Signals.Answer(
                    inv.from().uri(),
                    c.session(),
                    party(app.user()),
                    Optional.of(Reasons.DECLINED)));
          }
        });
  }

  /**
   * The inviter withdrew the invitation (canceled, timed out, its conversation ended): only that
   * inviter's, as another member of the same conference may have invited the user too.
   */
  void withdrawn(Signals.Withdraw w) {
    core.transition(
        w.to(),
        (s, changes) -> {
          InvitationState end =
              "Canceled".equals(w.reason().subcode().orElse(""))
                  ? InvitationState.Cancelled
                  : InvitationState.Failed;
          for (Conversation c : s.session(w.session())) {
            boolean theirs =
                c.invitation().map(i -> i.from().uri().equalsIgnoreCase(w.inviter())).orElse(false);
            if (theirs) {
              endings.withdrawIncoming(s, c, w.reason(), end, changes);
            }
          }
        });
  }
}
