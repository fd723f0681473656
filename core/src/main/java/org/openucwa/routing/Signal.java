package org.openucwa.routing;

/**
 * Something one user's side of the server tells another user's side: an invitation, an answer, a
 * message, a roster change. Signals are immutable values that carry only plain data (URIs, names,
 * text), never objects of the sending side, so that a distributed router can serialize them and
 * carry them between nodes.
 */
public interface Signal {

  /** The SIP URI of the user the signal is for. */
  String to();
}
