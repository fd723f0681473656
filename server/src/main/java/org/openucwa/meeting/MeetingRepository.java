package org.openucwa.meeting;

import java.util.List;
import java.util.Optional;

/**
 * Where scheduled meetings are kept. {@link InMemoryMeetingRepository} keeps them for the life of
 * the process; a persistent store implements the same interface. Implementations are thread-safe;
 * {@link MeetingScheduler} serializes the changes to one organizer's meetings.
 */
public interface MeetingRepository {

  /** The organizer's meetings, the assigned one included, in the order they were created. */
  List<OnlineMeeting> forOrganizer(String organizerUri);

  Optional<OnlineMeeting> find(String organizerUri, String onlineMeetingId);

  Optional<OnlineMeeting> findByConferenceId(String conferenceId);

  /** Adds a meeting or replaces the one with the same organizer and id. */
  void save(OnlineMeeting meeting);

  /** Removes a meeting; false if there was none. */
  boolean delete(String organizerUri, String onlineMeetingId);
}
