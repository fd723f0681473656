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
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Link;
import org.openucwa.web.Paths;

/**
 * Tells a user's applications that their missedItems changed (missedItems_ref.md: {@code updated},
 * high priority, sender communication), once the steps that change it are in the store, so that a
 * client reading missedItems on the event sees the new counts. Runs on the history's writer thread
 * after each written batch; publishing only enqueues.
 */
public final class HistoryEvents {

  private final ApplicationRegistry applications;

  public HistoryEvents(ApplicationRegistry applications) {
    this.applications = applications;
  }

  public void written(List<HistoryStep> steps) {
    Set<String> owners = new LinkedHashSet<>();
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
    for (String owner : owners) {
      for (Application app : applications.applicationsOf(owner)) {
        if (app.user().conversationHistory()) {
          Link communication = Link.of("communication", Paths.communication(app.id()));
          app.events()
              .publish(
                  new ChannelEvent(
                      Priority.High,
                      communication,
                      EventEntry.of(
                          EventType.updated,
                          Link.of("missedItems", HistoryEndpoints.missedItems(app.id())))));
        }
      }
    }
  }
}
