package org.openucwa.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openucwa.conversation.AccessLevel;

/**
 * The meetings kept in front of the store: read once, dropped by this node's writes and by a change
 * heard from another node, read again after their time to live, and never more than the capacity.
 */
class CachedMeetingRepositoryTest {

  private static final String ALICE = "sip:alice@contoso.com";

  /** The store, counting the reads that reach it. */
  private static final class CountingRepository implements MeetingRepository {
    final InMemoryMeetingRepository inner = new InMemoryMeetingRepository();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public List<OnlineMeeting> forOrganizer(String organizerUri) {
      reads.incrementAndGet();
      return inner.forOrganizer(organizerUri);
    }

    @Override
    public Optional<OnlineMeeting> find(String organizerUri, String onlineMeetingId) {
      reads.incrementAndGet();
      return inner.find(organizerUri, onlineMeetingId);
    }

    @Override
    public Optional<OnlineMeeting> findByConferenceId(String conferenceId) {
      reads.incrementAndGet();
      return inner.findByConferenceId(conferenceId);
    }

    @Override
    public Optional<OnlineMeeting> assigned(String organizerUri) {
      reads.incrementAndGet();
      return inner.assigned(organizerUri);
    }

    @Override
    public void save(OnlineMeeting meeting) {
      inner.save(meeting);
    }

    @Override
    public boolean delete(String organizerUri, String onlineMeetingId) {
      return inner.delete(organizerUri, onlineMeetingId);
    }
  }

  private static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-01-05T09:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final CountingRepository store = new CountingRepository();
  private final HandClock clock = new HandClock();
  private final CachedMeetingRepository cache =
      new CachedMeetingRepository(store, clock, Duration.ofSeconds(30), 3);

  private static OnlineMeeting meeting(String id, String subject, boolean assigned, long version) {
    return new OnlineMeeting(
        ALICE,
        id,
        "100000" + id.charAt(0),
        assigned,
        Optional.of(subject),
        Optional.empty(),
        List.of(),
        List.of(),
        AccessLevel.SameEnterprise,
        AutomaticLeaderAssignment.Disabled,
        EntryExitAnnouncement.Disabled,
        Optional.empty(),
        LobbyBypassForPhoneUsers.Disabled,
        PhoneUserAdmission.Disabled,
        version);
  }

  @Test
  void aMeetingIsReadFromTheStoreOnceHoweverOftenItIsAskedFor() {
    store.save(meeting("AAAAAAAA", "Planning", false, 1));

    for (int i = 0; i < 5; i++) {
      assertThat(cache.find("SIP:Alice@Contoso.com", "aaaaaaaa").flatMap(OnlineMeeting::subject))
          .contains("Planning");
    }
    assertThat(store.reads).hasValue(1);
  }

  @Test
  void aMeetingThatIsNoneIsKeptTooAsAnAdHocConferenceIsAskedAboutOnEveryRead() {
    assertThat(cache.find(ALICE, "ADHOC123")).isEmpty();
    assertThat(cache.find(ALICE, "ADHOC123")).isEmpty();

    assertThat(store.reads).hasValue(1);
  }

  @Test
  void thisNodesSaveOrDeleteIsSeenByTheNextRead() {
    cache.save(meeting("AAAAAAAA", "Planning", false, 1));
    assertThat(cache.find(ALICE, "AAAAAAAA").flatMap(OnlineMeeting::subject)).contains("Planning");

    cache.save(meeting("AAAAAAAA", "Revised", false, 2));
    assertThat(cache.find(ALICE, "AAAAAAAA").flatMap(OnlineMeeting::subject)).contains("Revised");

    assertThat(cache.delete(ALICE, "AAAAAAAA")).isTrue();
    assertThat(cache.find(ALICE, "AAAAAAAA")).isEmpty();
  }

  @Test
  void aChangeMadeOnAnotherNodeIsSeenOnceItsMeetingIsForgotten() {
    store.save(meeting("AAAAAAAA", "Planning", false, 1));
    cache.find(ALICE, "AAAAAAAA");
    store.save(meeting("AAAAAAAA", "Revised elsewhere", false, 2)); // past this node's cache

    assertThat(cache.find(ALICE, "AAAAAAAA").flatMap(OnlineMeeting::subject)).contains("Planning");
    cache.forget("aaaaaaaa");
    assertThat(cache.find(ALICE, "AAAAAAAA").flatMap(OnlineMeeting::subject))
        .contains("Revised elsewhere");
  }

  @Test
  void anEntryIsReadAgainOnceItsTimeToLiveIsOver() {
    store.save(meeting("AAAAAAAA", "Planning", false, 1));
    cache.find(ALICE, "AAAAAAAA");
    store.save(meeting("AAAAAAAA", "Revised elsewhere", false, 2));

    clock.now = clock.now.plusSeconds(29);
    assertThat(cache.find(ALICE, "AAAAAAAA").flatMap(OnlineMeeting::subject)).contains("Planning");
    clock.now = clock.now.plusSeconds(1);
    assertThat(cache.find(ALICE, "AAAAAAAA").flatMap(OnlineMeeting::subject))
        .contains("Revised elsewhere");
  }

  @Test
  void theAssignedMeetingIsKeptAndDroppedWhenItChanges() {
    cache.save(meeting("ASSIGNED", "Meet now", true, 1));
    cache.assigned(ALICE);
    cache.assigned("sip:ALICE@contoso.com");
    assertThat(store.reads).hasValue(1);

    cache.save(meeting("ASSIGNED", "Meet now, revised", true, 2));
    assertThat(cache.assigned(ALICE).flatMap(OnlineMeeting::subject)).contains("Meet now, revised");
  }

  @Test
  void noMoreThanTheCapacityIsKeptTheLeastRecentlyReadGoingFirst() {
    for (String id : List.of("AAAAAAAA", "BBBBBBBB", "CCCCCCCC")) {
      store.save(meeting(id, id, false, 1));
      cache.find(ALICE, id);
    }
    cache.find(ALICE, "AAAAAAAA"); // read again: B is now the least recently read
    store.save(meeting("DDDDDDDD", "D", false, 1));
    cache.find(ALICE, "DDDDDDDD");
    assertThat(cache.size()).isEqualTo(3);

    int before = store.reads.get();
    cache.find(ALICE, "AAAAAAAA");
    assertThat(store.reads).as("A still kept").hasValue(before);
    cache.find(ALICE, "BBBBBBBB");
    assertThat(store.reads).as("B was dropped").hasValue(before + 1);
  }
}
