package org.openucwa.people;

/**
 * What part of a user others may follow changed: what their subscribers hear as contactPresence,
 * contactNote, contactLocation or contact {@code updated}.
 */
public enum ContactAspect {
  Presence,
  Note,
  Location,
  Contact
}
