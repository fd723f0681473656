package org.openucwa.routing;

/**
 * The one way anything crosses from one user to another. Users are homed on a node; a router
 * carries each signal to the node of its recipient and hands it to that node's {@link
 * SignalHandler}. Delivery is asynchronous, and signals to one recipient are delivered one at a
 * time in the order they were sent, so that messages keep their order per sender.
 */
public interface Router {

  void send(Signal signal);
}
