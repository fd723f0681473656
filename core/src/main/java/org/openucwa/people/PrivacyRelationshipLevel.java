package org.openucwa.people;

import org.openucwa.resource.WireValue;

/**
 * PrivacyRelationshipLevel_ref.md: how close a user holds a contact, which decides what of the
 * user's presence, note, location and phones the contact sees ({@link PrivacyRules}).
 */
public enum PrivacyRelationshipLevel implements WireValue {
  Blocked,
  Colleagues,
  External,
  FriendsAndFamily,
  Unknown,
  Workgroup;

  @Override
  public String wire() {
    return name();
  }
}
