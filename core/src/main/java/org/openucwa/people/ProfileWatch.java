package org.openucwa.people;

/**
 * Told when a user homed on this node changes something others may follow, so that the subscribers
 * to that user hear of it.
 */
@FunctionalInterface
public interface ProfileWatch {

  /** Does nothing: for a node nobody subscribes on. */
  ProfileWatch NONE = (userUri, aspect) -> {};

  void changed(String userUri, ContactAspect aspect);
}
