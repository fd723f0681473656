package org.openucwa.people;

import java.util.List;

/**
 * What is stored of one user's contact list: the default group ("Other Contacts"), the pinned group
 * ("Favorites"), the user's personal groups and the distribution groups added to the list (their
 * members are read from the directory, so they are stored without), in order, and the next number a
 * new group's id takes. Immutable.
 */
public record ContactList(List<ContactGroup> groups, long nextId) {

  public ContactList {
    groups = List.copyOf(groups);
  }
}
