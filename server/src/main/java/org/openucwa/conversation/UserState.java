package org.openucwa.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;

/**
 * One user's side of every conversation it takes part in: its conversations, messaging invitations
 * and participant invitations by application, and the conversations of each session (the id both
 * sides of a conversation, or every member of a conference, share). Its lookups refuse what a
 * request may not act on: a missing resource (404) or an invitation that has ended or is going the
 * other way (409).
 *
 * <p>Threading: not thread-safe. It is guarded by its own monitor, which {@link ConversationCore}
 * holds for the whole of each transition of its user; no other user's state is touched then.
 */
final class UserState {

  private final Map<String, Map<String, Conversation>> conversations = new LinkedHashMap<>();
  private final Map<String, Map<String, MessagingInvitation>> invitations = new LinkedHashMap<>();
  private final Map<String, List<Conversation>> sessions = new LinkedHashMap<>();
  private final Map<String, Map<String, ParticipantInvitation>> participantInvitations =
      new LinkedHashMap<>();

  // ---- keeping --------------------------------------------------------------------------------

  void add(Conversation c) {
    conversations.computeIfAbsent(c.application().id(), k -> new LinkedHashMap<>()).put(c.id(), c);
    sessions.computeIfAbsent(c.session(), k -> new ArrayList<>()).add(c);
  }

  void add(MessagingInvitation i) {
    invitations
        .computeIfAbsent(i.conversation().application().id(), k -> new LinkedHashMap<>())
        .put(i.id(), i);
  }

  void add(ParticipantInvitation i) {
    participantInvitations
        .computeIfAbsent(i.conversation().application().id(), k -> new LinkedHashMap<>())
        .put(i.id(), i);
  }

  /** Moves the conversation to another session (a new invitation, an escalation). */
  void joinSession(Conversation c, String session) {
    leaveSession(c);
    c.session(session);
    sessions.computeIfAbsent(session, k -> new ArrayList<>()).add(c);
  }

  void leaveSession(Conversation c) {
    List<Conversation> s = sessions.get(c.session());
    if (s != null) {
      s.remove(c);
      if (s.isEmpty()) {
        sessions.remove(c.session());
      }
    }
  }

  /** The conversation is gone: it is neither found nor in its session any more. */
  void forget(Conversation c) {
    Map<String, Conversation> mine = conversations.get(c.application().id());
    if (mine != null) {
      mine.remove(c.id());
    }
    leaveSession(c);
  }

  /** Everything the application held is gone. */
  void forget(Application app) {
    conversations.remove(app.id());
    invitations.remove(app.id());
    participantInvitations.remove(app.id());
  }

  // ---- finding --------------------------------------------------------------------------------

  /** A copy of the conversations of a session, which the caller may end while going through. */
  List<Conversation> session(String id) {
    return new ArrayList<>(sessions.getOrDefault(id, List.of()));
  }

  /** A copy of the conversations of an application. */
  List<Conversation> conversationsOf(Application app) {
    return new ArrayList<>(conversations.getOrDefault(app.id(), Map.of()).values());
  }

  Conversation conversation(Application app, String id) {
    Conversation c = conversations.getOrDefault(app.id(), Map.of()).get(id);
    if (c == null) {
      throw UcwaException.notFound(
          Subcode.ConversationNotFound, "The conversation does not exist.");
    }
    return c;
  }

  Optional<MessagingInvitation> findInvitation(Application app, String id) {
    return Optional.ofNullable(invitations.getOrDefault(app.id(), Map.of()).get(id));
  }

  MessagingInvitation invitation(Application app, String id) {
    return findInvitation(app, id).orElseThrow(UserState::noInvitation);
  }

  /** An outgoing invitation that can still be canceled. */
  MessagingInvitation pendingOutgoing(Application app, String id) {
    MessagingInvitation inv = invitation(app, id);
    if (inv.direction() != Direction.Outgoing) {
      throw UcwaException.conflict(
          Subcode.OperationNotSupported, "Only an outgoing invitation can be canceled.");
    }
    requirePending(inv.pending(), inv.state());
    return inv;
  }

  /** An incoming invitation that can still be accepted or declined. */
  MessagingInvitation pendingIncoming(Application app, String id) {
    MessagingInvitation inv = invitation(app, id);
    if (inv.direction() != Direction.Incoming) {
      throw UcwaException.conflict(
          Subcode.OperationNotSupported,
          "Only an incoming invitation can be accepted or declined.");
    }
    requirePending(inv.pending(), inv.state());
    if (inv.joining()) {
      throw UcwaException.conflict(
          Subcode.OperationNotSupported,
          "The invitation was accepted; the user is joining the meeting.");
    }
    return inv;
  }

  Optional<ParticipantInvitation> findParticipantInvitation(Application app, String id) {
    return Optional.ofNullable(participantInvitations.getOrDefault(app.id(), Map.of()).get(id));
  }

  ParticipantInvitation participantInvitation(Application app, String id) {
    return findParticipantInvitation(app, id).orElseThrow(UserState::noInvitation);
  }

  /** A participantInvitation that can still be canceled. */
  ParticipantInvitation pendingParticipantInvitation(Application app, String id) {
    ParticipantInvitation inv = participantInvitation(app, id);
    requirePending(inv.pending(), inv.state());
    return inv;
  }

  private static UcwaException noInvitation() {
    return UcwaException.notFound(Subcode.ResourceNotFound, "The invitation does not exist.");
  }

  private static void requirePending(boolean pending, InvitationState state) {
    if (!pending) {
      throw UcwaException.conflict(
          Subcode.OperationNotSupported,
          "The invitation has already ended (" + state.wire() + ").");
    }
  }
}
