package org.openucwa.conversation;

import static org.openucwa.conversation.ConversationCore.party;

import org.openucwa.application.Application;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;

/**
 * A leader's actions on another participant of a conference: eject, promote, demote, admit from the
 * lobby or reject. The user's side only checks what it can see (its role, the participant's place)
 * and asks the focus; the outcome arrives as roster signals ({@link ConferenceMember}).
 *
 * <p>Threading: each request holds the leader's lock while it checks and asks, through {@link
 * ConversationCore}; nothing changes here, and the focus is reached only by a signal.
 */
final class Moderator {

  private final ConversationCore core;

  Moderator(ConversationCore core) {
    this.core = core;
  }

  void setAudience(
      Application app,
      String conversationId,
      java.util.Optional<AudienceMessaging> messaging,
      java.util.Optional<AudienceMuteLock> muteLock) {
    core.inUser(
        app.user().uri(),
        s -> {
          Conversation c = leaderIn(s.conversation(app, conversationId));
          ConferenceSignals.Ref ref = c.conference().get();
          core.send(
              new ConferenceSignals.SetAudience(
                  ref.focus(), ref.id(), party(app.user()), messaging, muteLock));
          return null;
        });
  }

  private static Conversation leaderIn(Conversation c) {
    if (c.conference().isEmpty() || c.localRole() != Role.Leader) {
      throw new UcwaException(
          ErrorCode.Forbidden,
          Subcode.AttendeeNotAllowed,
          "Only a leader of the meeting can do that.");
    }
    return c;
  }

  void moderate(Application app, String conversationId, String target, Moderation what) {
    core.inUser(
        app.user().uri(),
        s -> {
          Conversation c = s.conversation(app, conversationId);
          if (c.conference().isEmpty() || c.localRole() != Role.Leader) {
            throw new UcwaException(
                ErrorCode.Forbidden,
                Subcode.AttendeeNotAllowed,
                "Only a leader of the meeting can do that.");
          }
          Participant p =
              c.participant(target)
                  .orElseThrow(
                      () ->
                          UcwaException.notFound(
                              Subcode.ResourceNotFound,
                              "No such participant in this conversation."));
          if (p.organizer() && (what == Moderation.Eject || what == Moderation.Demote)) {
            throw UcwaException.forbidden("The organizer can be neither ejected nor demoted.");
          }
          boolean lobbyAction = what == Moderation.Admit || what == Moderation.Reject;
          if (p.inLobby() != lobbyAction) {
            throw UcwaException.conflict(
                Subcode.OperationNotSupported,
                lobbyAction
                    ? "The participant is not in the lobby."
                    : "The participant is in the lobby.");
          }
          ConferenceSignals.Ref ref = c.conference().get();
          Signals.Party me = party(app.user());
          core.send(
              switch (what) {
                case Eject -> new ConferenceSignals.Eject(ref.focus(), ref.id(), me, p.uri());
                case Admit -> new ConferenceSignals.Admit(ref.focus(), ref.id(), me, p.uri());
                case Reject -> new ConferenceSignals.Reject(ref.focus(), ref.id(), me, p.uri());
                case Promote ->
                    new ConferenceSignals.SetRole(ref.focus(), ref.id(), me, p.uri(), Role.Leader);
                case Demote ->
                    new ConferenceSignals.SetRole(
                        ref.focus(), ref.id(), me, p.uri(), Role.Attendee);
              });
          return null;
        });
  }
}
