package org.openucwa.meeting;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucwa.conversation.AccessLevel;

/**
 * The scheduled meetings as anonymous guests reach them (AuthenticationInUCWA.md, the anonymous
 * meeting grant): which meeting a conference URI names, whether the password given opens it, and
 * whether it is still open — neither deleted nor expired — for the guest's token to keep working.
 * Stateless; reads go to the repository.
 */
public final class GuestMeetings {

  private static final Pattern MEETING_URI =
      Pattern.compile(
          "(?i)(?:conf:)?(sip:[^;@\\s]+@[^;\\s]+);gruu;opaque=app:conf:focus:id:([A-Za-z0-9]+)");

  private final MeetingScheduler scheduler;
  private final Clock clock;

  public GuestMeetings(MeetingScheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** The meeting a conference URI names, if it exists and has not expired. */
  public Optional<OnlineMeeting> open(String conferenceUri) {
    Matcher m = MEETING_URI.matcher(conferenceUri.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return scheduler
        .find(m.group(1).toLowerCase(Locale.ROOT), m.group(2).toUpperCase(Locale.ROOT))
        .filter(meeting -> !meeting.isExpiredAt(clock.instant()));
  }

  /**
   * The meeting a guest may have a token for: open, and the password right. The password is the
   * conference key — the meeting's id, as the page's sample shows, or its numeric conference id —
   * required unless anyone may enter (accessLevel Everyone), and checked whenever it is given.
   */
  public Optional<OnlineMeeting> grant(String conferenceUri, String password) {
    return open(conferenceUri)
        .filter(
            m ->
                password.isEmpty()
                    ? m.accessLevel() == AccessLevel.Everyone
                    : password.equalsIgnoreCase(m.onlineMeetingId())
                        || password.equals(m.conferenceId()));
  }

  /** Whether two URIs name the same meeting (the organizer and id compared without case). */
  public static boolean sameMeeting(String a, String b) {
    Matcher x = MEETING_URI.matcher(a.trim());
    Matcher y = MEETING_URI.matcher(b.trim());
    return x.matches()
        && y.matches()
        && x.group(1).equalsIgnoreCase(y.group(1))
        && x.group(2).equalsIgnoreCase(y.group(2));
  }
}
