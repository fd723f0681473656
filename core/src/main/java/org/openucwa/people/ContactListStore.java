package org.openucwa.people;

import java.util.Optional;

/**
 * The repository of contact lists. A user whose list was never saved has none here; {@link
 * ContactLists} then starts one from the directory. Implementations are thread-safe.
 */
public interface ContactListStore {

  /** The user's stored list, if it was ever saved. */
  Optional<ContactList> load(String ownerUri);

  /**
   * Replaces the user's stored list as a whole.
   *
   * @throws IllegalStateException if the store cannot keep it (nothing is changed then)
   */
  void save(String ownerUri, ContactList list);
}
