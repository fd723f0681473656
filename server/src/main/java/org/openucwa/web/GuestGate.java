package org.openucwa.web;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.openucwa.auth.Principal;
import org.openucwa.error.UcwaException;

/**
 * What an anonymous guest's token opens (decision 0056): only the resources a guest needs to join
 * its one meeting and take part in it by instant messaging; every other resource answers 403. The
 * token stops working (401, as an expired one) once its meeting is deleted or has expired.
 * Immutable and thread-safe.
 */
public final class GuestGate {

  /** The rels a guest's token may reach. */
  public static final Set<String> RELS =
      Set.of(
          "user",
          "anonApplications",
          "application",
          "events",
          "batch",
          "policies",
          "communication",
          "joinOnlineMeeting",
          "onlineMeetingInvitation",
          "conversations",
          "conversation",
          "participants",
          "participant",
          "participantMessaging",
          "messaging",
          "sendMessage",
          "message",
          "stopMessaging",
          "setIsTyping",
          "typingParticipants",
          "leaders",
          "attendees",
          "lobby",
          "onlineMeeting",
          "organizer",
          "onlineMeetingExtensions",
          "enableAudienceMessaging",
          "disableAudienceMessaging",
          "enableAudienceMuteLock",
          "disableAudienceMuteLock");

  /** A gate for a server without scheduled meetings: no guest token is ever valid. */
  public static final GuestGate CLOSED = new GuestGate(uri -> false);

  private final Predicate<String> meetingOpen;

  /**
   * @param meetingOpen whether the meeting of an onlineMeetingUri can still be joined
   */
  public GuestGate(Predicate<String> meetingOpen) {
    this.meetingOpen = meetingOpen;
  }

  /** The principal, unless it is a guest whose meeting is over. */
  Optional<Principal> valid(Principal p) {
    return p.meetingUri().isEmpty() || meetingOpen.test(p.meetingUri().get())
        ? Optional.of(p)
        : Optional.empty();
  }

  /** Refuses a guest a resource outside its meeting. */
  void check(Principal p, String rel) {
    if (p.isGuest() && !RELS.contains(rel)) {
      throw UcwaException.forbidden(
          "An anonymous meeting guest cannot use the " + rel + " resource.");
    }
  }
}
