package org.openucwa.meeting;

import java.time.Clock;
import java.util.Optional;
import org.openucwa.conversation.ScheduledConferences;

/**
 * The scheduled meetings as the conference focus sees them: a meeting that has not expired, with
 * its access level, leaders, attendees and automatic leader assignment.
 */
public final class MeetingConferences implements ScheduledConferences {

  private final MeetingScheduler scheduler;
  private final Clock clock;

  public MeetingConferences(MeetingScheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Override
  public Optional<Scheduled> find(String organizerUri, String conferenceId) {
    return scheduler
        .find(organizerUri, conferenceId)
        .filter(m -> !m.isExpiredAt(clock.instant()))
        .map(
            m ->
                new Scheduled(
                    m.accessLevel(),
                    m.leaders(),
                    m.attendees(),
                    switch (m.automaticLeaderAssignment()) {
                      case Disabled -> Promotion.Nobody;
                      case SameEnterprise -> Promotion.SameEnterprise;
                      case Everyone -> Promotion.Everyone;
                    }));
  }
}
