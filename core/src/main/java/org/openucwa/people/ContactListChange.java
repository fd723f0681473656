package org.openucwa.people;

/**
 * One change of a user's contact list, as the contacts-and-groups subscription announces it (the
 * Events sections of myGroups_ref.md, group_ref.md and groupContacts_ref.md). Plain data, so that
 * it can cross nodes in a {@link ContactListSignals.Changed}.
 */
public sealed interface ContactListChange {

  /** A group joined myGroups. */
  record GroupAdded(ContactGroup group) implements ContactListChange {}

  /** A group was renamed. */
  record GroupUpdated(ContactGroup group) implements ContactListChange {}

  /** A group left myGroups. */
  record GroupDeleted(ContactGroup group) implements ContactListChange {}

  /** {@code contact} was added to {@code group}. */
  record MemberAdded(ContactGroup group, String contact) implements ContactListChange {}

  /** {@code contact} was removed from {@code group}. */
  record MemberDeleted(ContactGroup group, String contact) implements ContactListChange {}

  /** {@code contact} joined the contact list (myContacts). */
  record ContactAdded(String contact) implements ContactListChange {}

  /** {@code contact} left the contact list. */
  record ContactDeleted(String contact) implements ContactListChange {}
}
