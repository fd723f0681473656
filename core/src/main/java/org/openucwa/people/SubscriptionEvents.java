package org.openucwa.people;

import java.util.List;
import org.openucwa.application.Application;

/** Where presence subscription changes go: the HTTP edge renders them as events. */
@FunctionalInterface
public interface SubscriptionEvents {

  void publish(Application app, List<SubscriptionChange> changes);
}
