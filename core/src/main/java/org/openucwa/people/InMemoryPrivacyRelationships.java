package org.openucwa.people;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The privacy relationships of this node's users, kept in memory while the server runs.
 *
 * <p>Thread-safe.
 */
public final class InMemoryPrivacyRelationships implements PrivacyRelationships {

  private final Map<String, Map<String, PrivacyRelationshipLevel>> byOwner =
      new ConcurrentHashMap<>();

  @Override
  public Optional<PrivacyRelationshipLevel> assigned(String ownerUri, String contactUri) {
    return Optional.ofNullable(byOwner.getOrDefault(ownerUri, Map.of()).get(contactUri));
  }

  @Override
  public Map<String, PrivacyRelationshipLevel> assignedBy(String ownerUri) {
    return new TreeMap<>(byOwner.getOrDefault(ownerUri, Map.of()));
  }

  @Override
  public void assign(String ownerUri, String contactUri, PrivacyRelationshipLevel level) {
    byOwner.computeIfAbsent(ownerUri, o -> new ConcurrentHashMap<>()).put(contactUri, level);
  }

  @Override
  public void reset(String ownerUri, String contactUri) {
    byOwner.computeIfPresent(
        ownerUri,
        (o, levels) -> {
          levels.remove(contactUri);
          return levels.isEmpty() ? null : levels;
        });
  }
}
