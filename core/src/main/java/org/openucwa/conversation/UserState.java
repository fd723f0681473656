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
  private final Map<String, Map<String, Invitation>> ofEndedConversations = new LinkedHashMap<>();

  // ---- keeping --------------------------------------------------------------------------------

  void add(Conversation c) {
    conversations.computeIfAbsent(c.application().id(), k -> new LinkedHashMap<>()).put(c.id(), c);
    sessions.computeIfAbsent(c.session(), k -> new ArrayList<>()).add(c);
  }

  /** Keeps the invitation with its conversation, which may let go of older ended ones. */
  void add(MessagingInvitation i) {
    Map<String, MessagingInvitation> mine =
        invitations.computeIfAbsent(
            i.conversation().application().id(), k -> new LinkedHashMap<>());
    mine.put(i.id(), i);
    for (MessagingInvitation dropped : i.conversation().keep(i)) {
      mine.remove(dropped.id());
    }
  }

  /** Keeps the invitation with its conversation, which may let go of older ended ones. */
  void add(ParticipantInvitation i) {
    Map<String, ParticipantInvitation> mine =
        participantInvitations.computeIfAbsent(
            i.conversation().application().id(), k -> new LinkedHashMap<>());
    mine.put(i.id(), i);
    for (ParticipantInvitation dropped : i.conversation().keep(i)) {
      mine.remove(dropped.id());
    }
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

  /**
   * The conversation is gone: neither it nor its invitations are found any more, it is in no
   * session, and no timer of its invitations is left running.
   */
  void forget(Conversation c) {
    String app = c.application().id();
    Map<String, Conversation> mine = conversations.get(app);
    if (mine != null) {
      mine.remove(c.id());
      if (mine.isEmpty()) {
        conversations.remove(app);
      }
    }
    Map<String, Invitation> ended = null;
    for (Invitation i : c.keptInvitations()) {
      i.release();
      removeInvitation(invitations, app, i);
      removeInvitation(participantInvitations, app, i);
      if (ended == null) {
        ended = ofEndedConversations.computeIfAbsent(app, k -> lastEnded());
      }
      ended.put(i.id(), i);
    }
    leaveSession(c);
  }

  /**
   * The invitations of the application's ended conversations that are still answered for: a request
   * on one is refused with 409 (it has ended), not 404, until {@link Conversation#ENDED_KEPT} newer
   * ones have ended (decision 0025).
   */
  private static Map<String, Invitation> lastEnded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Invitation> eldest) {
        return size() > Conversation.ENDED_KEPT;
      }
    };
  }

  private static void removeInvitation(
      Map<String, ? extends Map<String, ? extends Invitation>> byApp, String app, Invitation i) {
    Map<String, ? extends Invitation> mine = byApp.get(app);
    if (mine != null && mine.get(i.id()) == i) {
      mine.remove(i.id());
      if (mine.isEmpty()) {
        byApp.remove(app);
      }
    }
  }

  /** Everything the application held is gone. */
  void forget(Application app) {
    for (Conversation c : conversationsOf(app)) {
      forget(c);
    }
    conversations.remove(app.id());
    invitations.remove(app.id());
    participantInvitations.remove(app.id());
    ofEndedConversations.remove(app.id());
  }

  /** How many conversations and invitations are kept, for tests and measurements. */
  int conversationCount() {
    return conversations.values().stream().mapToInt(Map::size).sum();
  }

  int invitationCount() {
    return invitations.values().stream().mapToInt(Map::size).sum()
        + participantInvitations.values().stream().mapToInt(Map::size).sum()
        + ofEndedConversations.values().stream().mapToInt(Map::size).sum();
  }

  // ---- finding --------------------------------------------------------------------------------

  /** A copy of the conversations of a session, which the caller may end while going through. */
  List<Conversation> session(String id) {
    return new ArrayList<>(sessions.getOrDefault(id, List.of()));
  }

  /** A copy of every conversation of every application of the user. */
  List<Conversation> allConversations() {
    List<Conversation> all = new ArrayList<>();
    for (Map<String, Conversation> mine : conversations.values()) {
      all.addAll(mine.values());
    }
    return all;
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
    MessagingInvitation live = invitations.getOrDefault(app.id(), Map.of()).get(id);
    return live != null
        ? Optional.of(live)
        : ended(app, id)
            .filter(MessagingInvitation.class::isInstance)
            .map(MessagingInvitation.class::cast);
  }

  private Optional<Invitation> ended(Application app, String id) {
    return Optional.ofNullable(ofEndedConversations.getOrDefault(app.id(), Map.of()).get(id));
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
    ParticipantInvitation live = participantInvitations.getOrDefault(app.id(), Map.of()).get(id);
    return live != null
        ? Optional.of(live)
        : ended(app, id)
            .filter(ParticipantInvitation.class::isInstance)
            .map(ParticipantInvitation.class::cast);
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
