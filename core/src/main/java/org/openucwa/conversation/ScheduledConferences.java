package org.openucwa.conversation;

import java.util.List;
import java.util.Optional;

/**
 * The scheduled meetings the focus can open on demand: when someone joins a conference the focus
 * does not hold, it asks here whether the organizer scheduled a meeting with that id that can still
 * be joined, and opens its conference with the meeting's settings. Implemented over the meeting
 * store; answered on the organizer's node, where the focus is.
 */
public interface ScheduledConferences {

  /** No scheduled meetings: a join to an unknown conference ends it. */
  ScheduledConferences NONE = (organizer, id) -> Optional.empty();

  /** The meeting, if the organizer has one with this id and it has not expired. */
  Optional<Scheduled> find(String organizerUri, String conferenceId);

  /** Who a meeting promotes to leader on joining (AutomaticLeaderAssignment_ref.md). */
  enum Promotion {
    Nobody,
    SameEnterprise,
    Everyone
  }

  /**
   * What the focus needs of a scheduled meeting: its access level, its listed leaders and attendees
   * (addresses in lower case), and whom it promotes.
   */
  record Scheduled(
      AccessLevel access, List<String> leaders, List<String> attendees, Promotion promotion) {

    public Scheduled {
      leaders = List.copyOf(leaders);
      attendees = List.copyOf(attendees);
    }
  }
}
