package org.openucwa.people;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Contact lists kept only while the process runs (tests, and servers without a store). */
public final class InMemoryContactListStore implements ContactListStore {

  private final Map<String, ContactList> lists = new ConcurrentHashMap<>();

  @Override
  public Optional<ContactList> load(String ownerUri) {
    return Optional.ofNullable(lists.get(ownerUri));
  }

  @Override
  public void save(String ownerUri, ContactList list) {
    lists.put(ownerUri, list);
  }
}
