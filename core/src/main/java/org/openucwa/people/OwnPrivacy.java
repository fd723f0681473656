package org.openucwa.people;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in user's privacy relationships: reading, assigning and resetting the level they give
 * each contact. A change tells the user's subscribers ({@link ProfileWatch}) that the user's
 * presence, note, location and contact card may look different to them, so that their clients fetch
 * them again, filtered by the new level.
 */
public final class OwnPrivacy {

  private final PrivacyRelationships relationships;
  private final ProfileWatch watch;

  public OwnPrivacy(PrivacyRelationships relationships, ProfileWatch watch) {
    this.relationships = relationships;
    this.watch = watch;
  }

  /** The level the owner gives the contact: the assigned one, or the default (Colleagues). */
  public PrivacyRelationshipLevel levelOf(String ownerUri, String contactUri) {
    return relationships.assigned(ownerUri, contactUri).orElse(PrivacyRules.DEFAULT);
  }

  /** The owner's assigned contacts by level, in the order of the levels. */
  public Map<PrivacyRelationshipLevel, List<String>> byLevel(String ownerUri) {
    Map<PrivacyRelationshipLevel, List<String>> out = new EnumMap<>(PrivacyRelationshipLevel.class);
    relationships
        .assignedBy(ownerUri)
        .forEach(
            (contact, level) ->
                out.merge(
                    level,
                    List.of(contact),
                    (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
    return out;
  }

  /** Assigns the level; returns true if what the contact sees may have changed. */
  public boolean assign(String ownerUri, String contactUri, PrivacyRelationshipLevel level) {
    Optional<PrivacyRelationshipLevel> before = relationships.assigned(ownerUri, contactUri);
    relationships.assign(ownerUri, contactUri, level);
    return changed(ownerUri, before, Optional.of(level));
  }

  /** Back to the default level; returns true if anything was assigned. */
  public boolean reset(String ownerUri, String contactUri) {
    Optional<PrivacyRelationshipLevel> before = relationships.assigned(ownerUri, contactUri);
    relationships.reset(ownerUri, contactUri);
    return changed(ownerUri, before, Optional.empty());
  }

  private boolean changed(
      String ownerUri,
      Optional<PrivacyRelationshipLevel> before,
      Optional<PrivacyRelationshipLevel> after) {
    if (before.equals(after)) {
      return false;
    }
    for (ContactAspect aspect : ContactAspect.values()) {
      watch.changed(ownerUri, aspect);
    }
    return true;
  }
}
