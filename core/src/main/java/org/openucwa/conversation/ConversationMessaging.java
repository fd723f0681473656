package org.openucwa.conversation;

import static org.openucwa.conversation.ConversationCore.party;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.operation.Operation;
import org.openucwa.resource.EventType;

/**
 * Messaging in a conversation under way, two-party or conference: sending a message and hearing
 * whether it was delivered, receiving one, typing, and stopping (which ends the conversation, or
 * cancels or declines its pending invitation). Messages of a two-party conversation go to the other
 * side; those of a conference go to its focus, which passes them on.
 *
 * <p>Threading: each request, signal and typing timer holds its user's lock for its whole
 * transition (through {@link ConversationCore}), and the listener hears the changes before it is
 * released; the other users are reached only by signals, never by their locks.
 */
final class ConversationMessaging {

  /** How long a typing indication lasts without a new one or a message. */
  static final Duration TYPING_LASTS = Duration.ofSeconds(6);

  private final ConversationCore core;
  private final Endings endings;

  ConversationMessaging(ConversationCore core, Endings endings) {
    this.core = core;
    this.endings = endings;
  }

  String sendMessage(
      Application app, String conversationId, Content content, Optional<String> operationId) {
    return core.inUser(
        app.user().uri(),
        s -> {
          Conversation c = connected(s, app, conversationId);
          if (c.conference().isPresent()
              && c.localRole() != Role.Leader
              && c.audienceMessaging() == AudienceMessaging.Disabled) {
            throw new UcwaException(
                ErrorCode.Forbidden,
                Subcode.AttendeeNotAllowed,
                "A leader has disabled messaging for the meeting's attendees.");
          }
          Signals.Party me = party(app.user());
          Message m =
              new Message(
                  c.nextMessageId(),
                  Direction.Outgoing,
                  core.now(),
                  content,
                  me,
                  new Operation(operationId));
          c.addMessage(m);
          Changes changes = core.changes();
          changes.add(new ConversationChange.MessageChanged(c, m, m.operation().start()));
          if (c.conference().isPresent()) {
            core.send(
                new ConferenceSignals.Say(
                    c.conference().get().focus(),
                    c.session(),
                    me,
                    Long.parseLong(m.id()),
                    content,
                    m.timeStamp()));
          } else {
            for (Participant p : c.participants()) {
              core.send(
                  new Signals.Chat(
                      p.uri(), c.session(), me, Long.parseLong(m.id()), content, m.timeStamp()));
            }
          }
          if (c.participants().isEmpty()) {
            changes.add(
                new ConversationChange.MessageChanged(
                    c, m, m.operation().fail(Reasons.UNDELIVERED)));
          }
          changes.flush();
          return m.id();
        });
  }

  void setTyping(Application app, String conversationId) {
    core.inUser(
        app.user().uri(),
        s -> {
          Conversation c = connected(s, app, conversationId);
          for (Participant p : c.participants()) {
            core.send(new Signals.Typing(p.uri(), c.session(), party(app.user()), true));
          }
          return null;
        });
  }

  private static Conversation connected(UserState s, Application app, String conversationId) {
    Conversation c = s.conversation(app, conversationId);
    if (c.messaging() != ModalityState.Connected) {
      throw UcwaException.conflict(
          Subcode.OperationNotSupported, "Messaging is not connected in this conversation.");
    }
    return c;
  }

  /**
   * stopMessaging: ends the conversation for both sides (a pending outgoing invitation is canceled,
   * a pending incoming one declined here).
   */
  void stopMessaging(Application app, String conversationId) {
    core.transition(
        app.user().uri(),
        (s, changes) ->
            endings.leave(s, s.conversation(app, conversationId), Reasons.DECLINED, changes));
  }

  /** A message from the other side arrives; the sender hears whether it was delivered. */
  void chatted(Signals.Chat m) {
    core.transition(
        m.to(),
        (s, changes) -> {
          Optional<Conversation> c =
              s.session(m.session()).stream()
                  .filter(x -> x.messaging() == ModalityState.Connected)
                  .findFirst();
          core.send(
              new Signals.Receipt(
                  m.from().uri(), m.session(), core.partyOf(m.to()), m.key(), c.isPresent()));
          c.ifPresent(x -> receiveMessage(x, m.from(), m.content(), m.sent(), changes));
        });
  }

  /** A message arrives in {@code c}, complete; its sender is no longer typing. */
  static void receiveMessage(
      Conversation c, Signals.Party from, Content content, Instant sent, Changes changes) {
    Participant p =
        c.participant(from.uri()).orElseGet(() -> c.addParticipant(from.uri(), from.name()));
    if (p.typing()) {
      p.typing(false);
      changes.add(new ConversationChange.TypingChanged(c, p, EventType.deleted));
    }
    Message m =
        new Message(
            c.nextMessageId(),
            Direction.Incoming,
            sent,
            content,
            from,
            new Operation(Optional.empty()));
    c.addMessage(m);
    m.operation().start();
    changes.add(new ConversationChange.MessageChanged(c, m, m.operation().succeed()));
  }

  /** Whether a message this user sent reached its recipient: it completes or fails. */
  void receipted(Signals.Receipt r) {
    core.inUser(
        r.to(),
        s -> {
          for (Conversation c : s.session(r.session())) {
            Optional<Message> m = c.message(Long.toString(r.key()));
            if (m.isPresent() && !m.get().operation().isFinished()) {
              Changes changes = core.changes();
              if (r.delivered()) {
                changes.add(
                    new ConversationChange.MessageChanged(
                        c, m.get(), m.get().operation().succeed()));
              } else {
                m.get().failedDelivery(r.by().uri());
                changes.add(
                    new ConversationChange.MessageChanged(
                        c, m.get(), m.get().operation().fail(Reasons.UNDELIVERED)));
              }
              changes.flush();
            }
          }
          return null;
        });
  }

  /** Another participant started or stopped typing; a start lasts {@link #TYPING_LASTS}. */
  void typed(Signals.Typing t) {
    core.transition(
        t.to(),
        (s, changes) -> {
          for (Conversation c : s.session(t.session())) {
            Optional<Participant> p = c.participant(t.from().uri());
            if (p.isPresent() && p.get().typing() != t.typing()) {
              p.get().typing(t.typing());
              changes.add(
                  new ConversationChange.TypingChanged(
                      c, p.get(), t.typing() ? EventType.added : EventType.deleted));
              if (t.typing()) {
                String user = t.to();
                core.after(
                    TYPING_LASTS,
                    () -> typed(new Signals.Typing(user, t.session(), t.from(), false)));
              }
            }
          }
        });
  }

  /** The other side left: this side of the session ends with its reason. */
  void left(Signals.Bye b) {
    core.transition(
        b.to(),
        (s, changes) -> {
          for (Conversation c : s.session(b.session())) {
            endings.end(s, c, b.reason(), changes);
          }
        });
  }
}
