package org.openucwa.meeting;

import java.util.List;
import java.util.Optional;

/**
 * Where scheduled meetings are kept: the store's JDBC repository, or {@link
 * InMemoryMeetingRepository} for the life of the process. Implementations are thread-safe; {@link
 * MeetingScheduler} serializes the changes to one organizer's meetings.
 */
public interface MeetingRepository {

  /** The organizer's meetings, the assigned one included, in the order they were created. */
  List<OnlineMeeting> forOrganizer(String organizerUri);

  Optional<OnlineMeeting> find(String organizerUri, String onlineMeetingId);

  Optional<OnlineMeeting> findByConferenceId(String conferenceId);

  /** The organizer's assigned meeting, once it has been made. */
  Optional<OnlineMeeting> assigned(String organizerUri);

  /** Adds a meeting or replaces the one with the same organizer and id. */
  void save(OnlineMeeting meeting);

  /** Removes a meeting; false if there was none. */
  boolean delete(String organizerUri, String onlineMeetingId);
}
