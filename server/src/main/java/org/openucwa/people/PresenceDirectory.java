package org.openucwa.people;

/**
 * Where the presence of any user is read. The one way presence crosses from one user to another, so
 * that a distributed engine can answer it from the node the user is homed on; this node's answer is
 * {@link LocalPresenceDirectory}.
 */
public interface PresenceDirectory {

  /** The presence of the user with this SIP URI; Offline for a user with no application. */
  Presence presenceOf(String userUri);
}
