package org.openucwa.people;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One group of a contact list (group_ref.md and its kin): its id (a path segment), kind, name, the
 * address of a distribution group, and its members' URIs in the order they were added. Immutable.
 */
public record ContactGroup(
    String id, GroupKind kind, String name, Optional<String> uri, List<String> members) {

  public ContactGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, "uri");
    members = List.copyOf(members);
  }

  ContactGroup withMembers(List<String> changed) {
    return new ContactGroup(id, kind, name, uri, changed);
  }

  ContactGroup named(String changed) {
    return new ContactGroup(id, kind, changed, uri, members);
  }
}
