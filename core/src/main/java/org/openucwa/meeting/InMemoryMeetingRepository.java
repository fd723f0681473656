package org.openucwa.meeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meetings kept in memory, for tests that need no store. Each organizer's meetings are a map
 * guarded by its own monitor; conference ids are indexed across all organizers.
 */
public final class InMemoryMeetingRepository implements MeetingRepository {

  private final Map<String, Map<String, OnlineMeeting>> byOrganizer = new ConcurrentHashMap<>();
  private final Map<String, OnlineMeeting> byConferenceId = new ConcurrentHashMap<>();

  @Override
  public List<OnlineMeeting> forOrganizer(String organizerUri) {
    Map<String, OnlineMeeting> m = meetingsOf(organizerUri);
    synchronized (m) {
      return new ArrayList<>(m.values());
    }
  }

  @Override
  public Optional<OnlineMeeting> find(String organizerUri, String onlineMeetingId) {
    Map<String, OnlineMeeting> m = meetingsOf(organizerUri);
    synchronized (m) {
      return Optional.ofNullable(m.get(onlineMeetingId.toUpperCase(Locale.ROOT)));
    }
  }

  @Override
  public Optional<OnlineMeeting> findByConferenceId(String conferenceId) {
    return Optional.ofNullable(byConferenceId.get(conferenceId));
  }

  @Override
  public Optional<OnlineMeeting> assigned(String organizerUri) {
    return forOrganizer(organizerUri).stream().filter(OnlineMeeting::assigned).findFirst();
  }

  @Override
  public void save(OnlineMeeting meeting) {
    Map<String, OnlineMeeting> m = meetingsOf(meeting.organizerUri());
    synchronized (m) {
      m.put(meeting.onlineMeetingId().toUpperCase(Locale.ROOT), meeting);
      byConferenceId.put(meeting.conferenceId(), meeting);
    }
  }

  @Override
  public boolean delete(String organizerUri, String onlineMeetingId) {
    Map<String, OnlineMeeting> m = meetingsOf(organizerUri);
    synchronized (m) {
      OnlineMeeting gone = m.remove(onlineMeetingId.toUpperCase(Locale.ROOT));
      if (gone == null) {
        return false;
      }
      byConferenceId.remove(gone.conferenceId());
      return true;
    }
  }

  private Map<String, OnlineMeeting> meetingsOf(String organizerUri) {
    return byOrganizer.computeIfAbsent(
        organizerUri.toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>());
  }
}
