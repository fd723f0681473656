package org.openucwa.web.history;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.history.ConversationLogStatus;
import org.openucwa.history.HistoryStep;
import org.openucwa.history.LogChange;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Link;
import org.openucwa.web.Paths;

/**
 * Tells a user's applications what a written batch of their history changed, once it is in the
 * store, so that a client reading a resource on its event sees the change: {@code conversationLog
 * added} for a new log, {@code updated} for a changed one (medium, sender communication; decision
 * 0058) and {@code deleted} for a deleted one (decision 0065), and {@code missedItems updated}
 * (missedItems_ref.md: high, sender communication) when a missed log ended, a log was marked as
 * read or a log was deleted. Runs on the history's writer thread after each written batch;
 * publishing only enqueues.
 */
public final class HistoryEvents {

  private final ApplicationRegistry applications;

  public HistoryEvents(ApplicationRegistry applications) {
    this.applications = applications;
  }

  public void written(List<HistoryStep> steps, List<LogChange> changes) {
    for (LogChange change : changes) {
      for (Application app : historyApplicationsOf(change.owner())) {
        app.events()
            .publish(
                new ChannelEvent(
                    Priority.Medium,
                    communication(app),
                    EventEntry.of(
                        change.deleted()
                            ? EventType.deleted
                            : change.opened() ? EventType.added : EventType.updated,
                        Link.of(
                            "conversationLog",
                            HistoryEndpoints.conversationLog(app.id(), change.logId())))));
      }
    }
    for (String owner : missedItemsChanged(steps, changes)) {
      for (Application app : historyApplicationsOf(owner)) {
        app.events()
            .publish(
                new ChannelEvent(
                    Priority.High,
                    communication(app),
                    EventEntry.of(
                        EventType.updated,
                        Link.of("missedItems", HistoryEndpoints.missedItems(app.id())))));
      }
    }
  }

  private static Set<String> missedItemsChanged(List<HistoryStep> steps, List<LogChange> changes) {
    Set<String> owners = new LinkedHashSet<>();
    for (LogChange change : changes) {
      if (change.deleted()) {
        owners.add(change.owner()); // every count may have changed
      }
    }
    for (HistoryStep step : steps) {
      boolean missed =
          switch (step) {
            case HistoryStep.Closed c -> c.status() == ConversationLogStatus.Missed;
            case HistoryStep.Read r -> true;
            default -> false;
          };
      if (missed) {
        owners.add(step.owner());
      }
    }
    return owners;
  }

  private List<Application> historyApplicationsOf(String owner) {
    return applications.applicationsOf(owner).stream()
        .filter(app -> app.user().conversationHistory())
        .toList();
  }

  private static Link communication(Application app) {
    return Link.of("communication", Paths.communication(app.id()));
  }
}
