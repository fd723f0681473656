package org.openucwa.conversation;

import static org.openucwa.conversation.ConversationCore.party;

import java.util.List;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.operation.Operation;
import org.openucwa.resource.EventType;

/**
 * The inviter's side of a two-party messaging invitation: startMessaging and addMessaging send it,
 * and it ends by the invitee's answer, the inviter's cancel, or the invitation timeout. The
 * inviter's conversation stays when the invitation fails (decision 0008).
 *
 * <p>Threading: each request, timeout and answer holds the inviter's lock for its whole transition
 * (through {@link ConversationCore}), and the listener hears the changes before it is released; the
 * invitee is reached only by signals, never by its lock.
 */
final class Inviter {

  private final ConversationCore core;
  private final Endings endings;
  private final ParticipantInviter participantInviter;

  Inviter(ConversationCore core, Endings endings, ParticipantInviter participantInviter) {
    this.core = core;
    this.endings = endings;
    this.participantInviter = participantInviter;
  }

  String startMessaging(Application app, StartMessaging request) {
    User me = app.user();
    if (request.to().equalsIgnoreCase(me.uri())) {
      throw UcwaException.invalidParameter("to", "you cannot invite yourself");
    }
    return core.inUser(
        me.uri(),
        s -> {
          Conversation c =
              new Conversation(
                  core.newId(8),
                  app,
                  core.newId(16),
                  request.threadId().orElseGet(() -> core.newId(16)),
                  request.subject().orElse(""),
                  request.importance(),
                  core.now(),
                  ConversationState.Connecting);
          s.add(c);
          Changes changes = core.changes();
          MessagingInvitation inv =
              invite(s, c, request.to(), request.operationId(), request.message(), changes);
          changes.add(
              new ConversationChange.ConversationChanged(c, EventType.added, Optional.empty()));
          changes.add(new ConversationChange.LocalParticipantChanged(c, EventType.added));
          changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
          sendInvite(s, inv, changes);
          changes.flush();
          return inv.id();
        });
  }

  String addMessaging(
      Application app,
      String conversationId,
      Optional<String> operationId,
      Optional<Content> message) {
    return core.inUser(
        app.user().uri(),
        s -> {
          Conversation c = s.conversation(app, conversationId);
          if (c.deleted() || c.messaging() != ModalityState.Disconnected || c.peer().isEmpty()) {
            throw UcwaException.conflict(
                Subcode.AnotherOperationPending,
                "Messaging can be added only to a conversation whose messaging is disconnected.");
          }
          s.joinSession(c, core.newId(16));
          c.state(ConversationState.Connecting);
          Changes changes = core.changes();
          MessagingInvitation inv =
              invite(s, c, c.peer().get().uri(), operationId, message, changes);
          changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
          changes.add(
              new ConversationChange.ConversationChanged(c, EventType.updated, Optional.empty()));
          sendInvite(s, inv, changes);
          changes.flush();
          return inv.id();
        });
  }

  private MessagingInvitation invite(
      UserState s,
      Conversation c,
      String to,
      Optional<String> operationId,
      Optional<Content> message,
      Changes changes) {
    Optional<User> invitee = core.find(to);
    c.peer(
        new Signals.Party(invitee.map(User::uri).orElse(to), invitee.map(User::name).orElse(to)));
    MessagingInvitation inv =
        new MessagingInvitation(
            core.newId(16),
            Direction.Outgoing,
            c,
            new Operation(operationId),
            party(c.application().user()),
            invitee.map(User::uri).orElse(to),
            message);
    c.invitation(inv);
    c.messaging(ModalityState.Connecting);
    s.add(inv);
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().start()));
    return inv;
  }

  private void sendInvite(UserState s, MessagingInvitation inv, Changes changes) {
    Conversation c = inv.conversation();
    if (core.find(inv.to()).isEmpty()) {
      endings.failOutgoing(s, inv, Reasons.NOT_FOUND, InvitationState.Failed, changes);
      return;
    }
    core.send(
        new Signals.Invite(
            inv.to(),
            c.session(),
            inv.from(),
            c.subject(),
            c.importance(),
            c.threadId(),
            inv.message(),
            Optional.empty()));
    String user = c.application().user().uri();
    String id = inv.id();
    Application app = c.application();
    inv.timer(core.afterInvitationTimeout(() -> timeout(user, app, id)));
  }

  private void timeout(String user, Application app, String invitationId) {
    core.transition(
        user,
        (s, changes) -> {
          Optional<MessagingInvitation> inv = s.findInvitation(app, invitationId);
          if (inv.isPresent() && inv.get().pending()) {
            endings.failOutgoing(s, inv.get(), Reasons.TIMEOUT, InvitationState.Failed, changes);
            core.send(
                new Signals.Withdraw(
                    inv.get().to(),
                    inv.get().conversation().session(),
                    inv.get().from().uri(),
                    Reasons.TIMEOUT));
          }
        });
  }

  /** cancel: withdraws a pending outgoing invitation, or leaves the meeting it is joining. */
  void cancel(Application app, String invitationId) {
    core.transition(
        app.user().uri(),
        (s, changes) -> {
          endings.cancelOutgoing(s, s.pendingOutgoing(app, invitationId), changes);
        });
  }

  /**
   * The invitee's answer to this user's pending invitation of the session: it connects or fails the
   * invitation. A refusal may instead be of a participantInvitation; an acceptance that comes too
   * late is told the invitation was canceled.
   */
  void answered(Signals.Answer a) {
    core.transition(
        a.to(),
        (s, changes) -> {
          List<Conversation> mine = s.session(a.session());
          Optional<MessagingInvitation> inv =
              mine.stream()
                  .flatMap(c -> c.invitation().stream())
                  .filter(i -> i.direction() == Direction.Outgoing && i.pending())
                  .findFirst();
          if (inv.isPresent() && a.refusal().isPresent()) {
            InvitationState end =
                a.refusal().get() == Reasons.DECLINED
                        || "Declined".equals(a.refusal().get().subcode().orElse(""))
                    ? InvitationState.Declined
                    : InvitationState.Failed;
            endings.failOutgoing(s, inv.get(), a.refusal().get(), end, changes);
          } else if (inv.isPresent()) {
            connected(inv.get(), a.by(), changes);
          } else if (a.refusal().isPresent()) {
            participantInviter.refused(mine, a.by(), a.refusal().get(), changes);
          } else {
            core.send(
                new Signals.Bye(a.by().uri(), a.session(), core.partyOf(a.to()), Reasons.CANCELED));
          }
        });
  }

  /** The invitee accepted: it joins the conversation and messaging connects. */
  private void connected(MessagingInvitation inv, Signals.Party by, Changes changes) {
    Conversation c = inv.conversation();
    Participant p = c.addParticipant(by.uri(), by.name());
    p.messaging(true);
    c.peer(by);
    inv.connected(p);
    c.state(ConversationState.Connected);
    c.messaging(ModalityState.Connected);
    c.localMessaging(true);
    // in the order of SendAnIM.md step 6, a real server's events
    changes.add(new ConversationChange.ConversationChanged(c, EventType.updated, Optional.empty()));
    changes.add(new ConversationChange.ParticipantChanged(c, p, EventType.added, Optional.empty()));
    changes.add(
        new ConversationChange.ParticipantMessagingChanged(c, Optional.of(p), EventType.added));
    changes.add(
        new ConversationChange.ParticipantMessagingChanged(c, Optional.empty(), EventType.added));
    changes.add(new ConversationChange.MessagingChanged(c, Optional.empty()));
    changes.add(new ConversationChange.InvitationChanged(c, inv, inv.operation().succeed()));
  }
}
