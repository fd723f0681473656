package org.openucwa.meeting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps the meetings read by organizer and id, and each organizer's assigned meeting, in front of
 * the store, so that reading a conference's onlineMeeting or an application does not query the
 * database each time (decision 0050). Bounded: the least recently read entry goes once {@code
 * capacity} are held. A meeting found missing is kept too (an ad hoc conference is no scheduled
 * meeting, and is asked about on every read of its onlineMeeting).
 *
 * <p>Fresh: this node's own writes (save, delete) drop the entry, a change made on another node of
 * a cluster drops it when the conference's members hear of it ({@link #forget}), and every entry is
 * read again after {@code timeToLive}, which bounds what another node's change that no member hears
 * of (a meeting not running) can leave stale. Lists and lookups by conference id are not kept.
 *
 * <p>Threading: thread-safe; the maps are guarded by this object's monitor, never held across a
 * store call. A read that raced a change does not put back what it read before the change.
 */
public final class CachedMeetingRepository implements MeetingRepository {

  private record Key(String organizer, String id) {}

  private record Kept(Optional<OnlineMeeting> meeting, Instant readAt) {}

  private final MeetingRepository store;
  private final Clock clock;
  private final Duration timeToLive;
  private final Map<Key, Kept> meetings;
  private final Map<String, Kept> assigned;
  private long generation;

  public CachedMeetingRepository(
      MeetingRepository store, Clock clock, Duration timeToLive, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.store = store;
    this.clock = clock;
    this.timeToLive = timeToLive;
    this.meetings = bounded(capacity);
    this.assigned = bounded(capacity);
  }

  private static <K> Map<K, Kept> bounded(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Kept> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public List<OnlineMeeting> forOrganizer(String organizerUri) {
    return store.forOrganizer(organizerUri);
  }

  @Override
  public Optional<OnlineMeeting> find(String organizerUri, String onlineMeetingId) {
    Key key = key(organizerUri, onlineMeetingId);
    return cached(meetings, key, () -> store.find(organizerUri, onlineMeetingId));
  }

  @Override
  public Optional<OnlineMeeting> findByConferenceId(String conferenceId) {
    return store.findByConferenceId(conferenceId);
  }

  @Override
  public Optional<OnlineMeeting> assigned(String organizerUri) {
    return cached(
        assigned, organizerUri.toLowerCase(Locale.ROOT), () -> store.assigned(organizerUri));
  }

  @Override
  public void save(OnlineMeeting meeting) {
    store.save(meeting);
    drop(meeting.organizerUri(), meeting.onlineMeetingId());
  }

  @Override
  public boolean delete(String organizerUri, String onlineMeetingId) {
    boolean deleted = store.delete(organizerUri, onlineMeetingId);
    drop(organizerUri, onlineMeetingId);
    return deleted;
  }

  /**
   * Drops every kept meeting with this id, whoever organizes it: another node changed it (the
   * members of its conference hear {@code MeetingChanged}, which names only the id).
   */
  public synchronized void forget(String onlineMeetingId) {
    generation++;
    meetings.keySet().removeIf(k -> k.id().equalsIgnoreCase(onlineMeetingId));
    assigned
        .values()
        .removeIf(
            e ->
                e.meeting()
                    .map(m -> m.onlineMeetingId().equalsIgnoreCase(onlineMeetingId))
                    .orElse(false));
  }

  /** How many meetings are kept (found or missing), for tests. */
  public synchronized int size() {
    return meetings.size() + assigned.size();
  }

  private synchronized void drop(String organizerUri, String onlineMeetingId) {
    generation++;
    meetings.remove(key(organizerUri, onlineMeetingId));
    assigned.remove(organizerUri.toLowerCase(Locale.ROOT));
  }

  private <K> Optional<OnlineMeeting> cached(
      Map<K, Kept> map, K key, Supplier<Optional<OnlineMeeting>> load) {
    long before;
    synchronized (this) {
      Kept e = map.get(key);
      if (e != null && e.readAt().plus(timeToLive).isAfter(clock.instant())) {
        return e.meeting();
      }
      before = generation;
    }
    Instant readAt = clock.instant();
    Optional<OnlineMeeting> read = load.get();
    synchronized (this) {
      if (generation == before) {
        map.put(key, new Kept(read, readAt));
      }
    }
    return read;
  }

  private static Key key(String organizerUri, String onlineMeetingId) {
    return new Key(organizerUri.toLowerCase(Locale.ROOT), onlineMeetingId.toUpperCase(Locale.ROOT));
  }
}
