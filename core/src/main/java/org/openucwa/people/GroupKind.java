package org.openucwa.people;

/**
 * The kinds of group in a contact list, named by the rel each has in myGroups (myGroups_ref.md).
 * Only the default group, the pinned group and personal groups hold members the user chooses;
 * distribution groups, delegates, delegators and the organization come from the directory.
 */
public enum GroupKind {
  defaultGroup,
  pinnedGroup,
  group,
  distributionGroup,
  delegatesGroup,
  delegatorsGroup,
  myOrganizationGroup;

  /** Whether the user adds and removes this group's members. */
  public boolean userManaged() {
    return this == defaultGroup || this == pinnedGroup || this == group;
  }
}
