package org.openucwa.people;

import java.util.Map;
import java.util.Optional;

/**
 * Where the relationship level each user assigned to each of their contacts is kept. Only the
 * owner's home node reads it: another user's view of the owner is filtered there ({@link
 * PresenceDirectory}, {@link ProfileDirectory}).
 */
public interface PrivacyRelationships {

  /** The level the owner assigned to the contact, if they assigned one. */
  Optional<PrivacyRelationshipLevel> assigned(String ownerUri, String contactUri);

  /** Every contact the owner assigned a level to, with that level. */
  Map<String, PrivacyRelationshipLevel> assignedBy(String ownerUri);

  void assign(String ownerUri, String contactUri, PrivacyRelationshipLevel level);

  /** Forgets the owner's assignment for the contact: the contact is back to the default level. */
  void reset(String ownerUri, String contactUri);

  /** The level that decides what the contact sees of the owner: the assigned one or the default. */
  default PrivacyRelationshipLevel levelOf(String ownerUri, String contactUri) {
    return PrivacyRules.effective(assigned(ownerUri, contactUri));
  }
}
