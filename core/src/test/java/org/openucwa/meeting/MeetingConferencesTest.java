package org.openucwa.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.openucwa.conversation.AccessLevel;
import org.openucwa.conversation.ScheduledConferences;

/**
 * What the focus learns of a scheduled meeting, and that an expired one can no longer be joined.
 */
class MeetingConferencesTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-05T09:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final MeetingScheduler scheduler =
      new MeetingScheduler(
          new InMemoryMeetingRepository(), MeetingPolicy.standard(), clock, new SecureRandom());
  private final MeetingConferences conferences = new MeetingConferences(scheduler, clock);

  @Test
  void aMeetingIsOpenedWithItsAccessLevelListsAndPromotion() {
    OnlineMeeting m =
        scheduler.schedule(
            "sip:alice@contoso.com",
            new MeetingRequest(
                Optional.empty(),
                Optional.empty(),
                Optional.of(List.of("sip:Carol@contoso.com")),
                Optional.of(List.of("sip:bob@contoso.com")),
                Optional.of(AccessLevel.Locked),
                Optional.of(AutomaticLeaderAssignment.Everyone),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));

    assertThat(conferences.find("sip:alice@contoso.com", m.onlineMeetingId()))
        .contains(
            new ScheduledConferences.Scheduled(
                AccessLevel.Locked,
                List.of("sip:bob@contoso.com"),
                List.of("sip:carol@contoso.com"),
                ScheduledConferences.Promotion.Everyone));
    assertThat(conferences.find("sip:bob@contoso.com", m.onlineMeetingId())).isEmpty();
  }

  @Test
  void anExpiredMeetingIsNoLongerThereToJoin() {
    OnlineMeeting m = scheduler.schedule("sip:alice@contoso.com", MeetingRequest.empty());
    now.set(now.get().plus(Duration.ofHours(8)).minusSeconds(1));
    assertThat(conferences.find("sip:alice@contoso.com", m.onlineMeetingId())).isPresent();

    now.set(now.get().plusSeconds(1));

    assertThat(conferences.find("sip:alice@contoso.com", m.onlineMeetingId())).isEmpty();
  }

  @Test
  void theAssignedMeetingNeverExpires() {
    OnlineMeeting assigned = scheduler.assigned("sip:alice@contoso.com");
    now.set(now.get().plus(Duration.ofDays(4000)));

    assertThat(conferences.find("sip:alice@contoso.com", assigned.onlineMeetingId())).isPresent();
  }
}
