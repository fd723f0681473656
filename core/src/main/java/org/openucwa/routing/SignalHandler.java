package org.openucwa.routing;

/** What a node does with the signals routed to the users homed on it. */
@FunctionalInterface
public interface SignalHandler {

  void receive(Signal signal);
}
