package org.openucwa.directory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user's contact list holds before the user first changes it, as the users file gives it:
 * personal groups by name with their members, the pinned "Favorites", and the addresses of
 * distribution groups. Contacts of the plain {@code contacts:} list that none of these name go to
 * "Other Contacts".
 *
 * <p>Immutable.
 */
public record ContactListSeed(
    Map<String, List<String>> groups, List<String> favorites, List<String> distributionGroups) {

  public static final ContactListSeed NONE = new ContactListSeed(Map.of(), List.of(), List.of());

  public ContactListSeed {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    groups.forEach(
        (name, members) ->
            copy.put(name, members.stream().map(ContactListSeed::normalized).toList()));
    groups = java.util.Collections.unmodifiableMap(copy);
    favorites = favorites.stream().map(ContactListSeed::normalized).toList();
    distributionGroups = List.copyOf(distributionGroups);
  }

  private static String normalized(String uri) {
    return SipUris.normalize(uri)
        .orElseThrow(
            () -> new IllegalArgumentException("contact not of the form sip:user@domain: " + uri));
  }

  /** Every contact the groups and favorites name, in order. */
  public Set<String> contacts() {
    Set<String> all = new LinkedHashSet<>();
    groups.values().forEach(all::addAll);
    all.addAll(favorites);
    return all;
  }
}
