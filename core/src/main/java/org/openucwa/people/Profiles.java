package org.openucwa.people;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;

/**
 * The profiles of the users homed on this node, kept in memory while the server runs; a user nobody
 * has changed has the profile the directory gives them. A change replaces the whole profile
 * atomically.
 *
 * <p>Thread-safe.
 */
public final class Profiles implements ProfileDirectory {

  private final Directory directory;
  private final PrivacyRelationships privacy;
  private final Map<String, Profile> changed = new ConcurrentHashMap<>();

  public Profiles(Directory directory, PrivacyRelationships privacy) {
    this.directory = directory;
    this.privacy = privacy;
  }

  @Override
  public Profile profileOf(String ownerUri, String readerUri) {
    return PrivacyRules.profile(privacy.levelOf(ownerUri, readerUri), profileOf(ownerUri));
  }

  @Override
  public Profile profileOf(String userUri) {
    Profile p = changed.get(userUri);
    if (p != null) {
      return p;
    }
    return directory.find(userUri).map(Profile::initial).orElseThrow();
  }

  /** Applies {@code change} to the user's profile and returns the new one. */
  public Profile update(User user, UnaryOperator<Profile> change) {
    return changed.compute(
        user.uri(), (uri, old) -> change.apply(old == null ? Profile.initial(user) : old));
  }
}
