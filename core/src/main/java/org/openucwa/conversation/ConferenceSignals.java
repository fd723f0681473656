package org.openucwa.conversation;

import java.time.Instant;
import java.util.List;
import org.openucwa.resource.Reason;
import org.openucwa.routing.Signal;

/**
 * What the members of a conference and its focus tell each other through the router. The focus (the
 * ad hoc meeting's MCU) is homed with its organizer and addressed by the organizer's URI; every
 * signal names the conference by its id, which is also the session id of every member's
 * conversation in it.
 */
public final class ConferenceSignals {

  private ConferenceSignals() {}

  /** Where a conference is: its id, the user whose node holds its focus, its meeting URI. */
  public record Ref(String id, String focus, String onlineMeetingUri) {}

  /** A member as the roster shows it; one in the lobby waits for a leader to admit it. */
  public record Member(String uri, String name, Role role, boolean organizer, boolean inLobby) {

    Member admitted() {
      return new Member(uri, name, role, organizer, false);
    }

    Member as(Role r) {
      return new Member(uri, name, r, organizer, inLobby);
    }
  }

  /** Signals the focus handles. */
  public sealed interface ToFocus extends Signal {
    String conference();
  }

  /** A leader switches the audience's messaging or mute lock (an empty one stays as it is). */
  public record SetAudience(
      String to,
      String conference,
      Signals.Party by,
      java.util.Optional<AudienceMessaging> messaging,
      java.util.Optional<AudienceMuteLock> muteLock)
      implements ToFocus {}

  /** The audience settings of the conference, to a member: on admission and on every change. */
  public record Audience(
      String to, String conference, AudienceMessaging messaging, AudienceMuteLock muteLock)
      implements Signal {}

  /** The scheduled meeting behind the conference changed (its organizer updated it). */
  public record MeetingChanged(String to, String conference) implements Signal {}

  /** A member joins (after accepting an invitation). */
  public record Join(String to, String conference, Signals.Party who) implements ToFocus {}

  /** A member leaves. */
  public record Leave(String to, String conference, Signals.Party who) implements ToFocus {}

  /** A member's message, for the focus to pass to every other member. */
  public record Say(
      String to, String conference, Signals.Party from, long key, Content content, Instant sent)
      implements ToFocus {}

  /** A leader removes a member. */
  public record Eject(String to, String conference, Signals.Party by, String target)
      implements ToFocus {}

  /** A member invited someone: the focus lets invited users in under the Invited access level. */
  public record Invited(String to, String conference, String invitee) implements ToFocus {}

  /** A leader admits a member waiting in the lobby. */
  public record Admit(String to, String conference, Signals.Party by, String target)
      implements ToFocus {}

  /** A leader turns away a member waiting in the lobby. */
  public record Reject(String to, String conference, Signals.Party by, String target)
      implements ToFocus {}

  /** A leader changes a member's role. */
  public record SetRole(String to, String conference, Signals.Party by, String target, Role role)
      implements ToFocus {}

  /** The two-party conversation {@code session} became the conference {@code ref}. */
  public record Escalated(String to, String session, Ref ref, List<Member> members)
      implements Signal {}

  /**
   * The joining member waits in the lobby until a leader admits it; {@code access} is the access
   * level that holds it there, for the conversation's onlineMeeting.
   */
  public record Lobby(String to, Ref ref, AccessLevel access) implements Signal {}

  /**
   * The whole roster, sent to a member that just joined, with the conference's access level for the
   * conversation's onlineMeeting.
   */
  public record Roster(String to, Ref ref, List<Member> members, AccessLevel access)
      implements Signal {}

  /** A member joined. */
  public record Joined(String to, String conference, Member member) implements Signal {}

  /** A member left, or was removed for {@code reason}. */
  public record Left(String to, String conference, Member member, Reason reason)
      implements Signal {}

  /** A member's role changed. */
  public record Changed(String to, String conference, Member member) implements Signal {}

  /** The recipient is no longer in the conference (ejected, or the conference is gone). */
  public record Removed(String to, String conference, Reason reason) implements Signal {}
}
