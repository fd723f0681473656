package org.openucwa.people;

/**
 * The one way one user reads what another publishes of themselves (note, location, phones).
 * Answered by the user's home node: this node answers for its users from {@link Profiles}; a
 * distributed engine would ask the node the user is homed on.
 */
public interface ProfileDirectory {

  /** The profile of a user of the directory. */
  Profile profileOf(String userUri);

  /**
   * The owner's profile as the reader may see it: filtered on the owner's home by the relationship
   * the owner assigned to the reader ({@link PrivacyRules}).
   */
  Profile profileOf(String ownerUri, String readerUri);
}
