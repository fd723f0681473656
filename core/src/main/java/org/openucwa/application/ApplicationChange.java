package org.openucwa.application;

/**
 * What a change to an application's own resources means for its event channel. Domain methods
 * return these; the HTTP edge turns each into the event the reference describes, with the resource
 * rendered as the client will see it.
 */
public enum ApplicationChange {
  /** The me resource changed (the application left lurker mode). */
  MeUpdated,
  /** The presence resource appeared (makeMeAvailable: the application left lurker mode). */
  PresenceAdded,
  /** The user's presence changed (a presence POST from any of the user's applications). */
  PresenceUpdated,
  /** The note resource appeared (makeMeAvailable). */
  NoteAdded,
  /** The user's note changed (a note POST from any of the user's applications). */
  NoteUpdated,
  /** The location resource appeared (makeMeAvailable). */
  LocationAdded,
  /** The user's location changed (a location POST from any of the user's applications). */
  LocationUpdated,
  /** The communication resource changed (makeMeAvailable, or a PUT). */
  CommunicationUpdated
}
