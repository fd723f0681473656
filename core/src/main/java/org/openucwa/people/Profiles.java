package org.openucwa.people;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;

/**
 * The profiles of the users homed on this node. What a user set (personal note, location, phone
 * numbers and their visibility) is kept in the {@link ProfileStore}, so it survives restarts; the
 * rest (the out-of-office note, the numbers the directory holds) is read from the directory at each
 * read, so a changed directory shows. A user nobody has changed has the profile the directory gives
 * them.
 *
 * <p>Thread-safe: each user's saved settings are read once and kept; changes to one user are
 * serialized on a lock of that user and saved before they are kept, so a failed save changes
 * nothing.
 */
public final class Profiles implements ProfileDirectory {

  private final Directory directory;
  private final PrivacyRelationships privacy;
  private final ProfileStore store;
  private final Map<String, ProfileStore.Settings> saved = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public Profiles(Directory directory, PrivacyRelationships privacy, ProfileStore store) {
    this.directory = directory;
    this.privacy = privacy;
    this.store = store;
  }

  @Override
  public Profile profileOf(String ownerUri, String readerUri) {
    return PrivacyRules.profile(privacy.levelOf(ownerUri, readerUri), profileOf(ownerUri));
  }

  @Override
  public Profile profileOf(String userUri) {
    return directory.find(userUri).map(this::profileOf).orElseThrow();
  }

  private Profile profileOf(User user) {
    return applied(Profile.initial(user), settingsOf(user.uri()));
  }

  private ProfileStore.Settings settingsOf(String userUri) {
    return saved.computeIfAbsent(
        userUri, uri -> store.load(uri).orElse(ProfileStore.Settings.NONE));
  }

  /** The directory's profile with what the user set: a directory number keeps its number. */
  private static Profile applied(Profile initial, ProfileStore.Settings settings) {
    Profile p = initial.withPersonalNote(settings.personalNote()).withLocation(settings.location());
    for (Phone set : settings.phones().values()) {
      Phone given = initial.phone(set.type());
      p =
          p.withPhone(
              given.changeable()
                  ? new Phone(set.type(), set.number(), set.includeInContactCard(), true)
                  : new Phone(set.type(), given.number(), set.includeInContactCard(), false));
    }
    return p;
  }

  /**
   * Applies {@code change} to the user's profile, saves what the user set and returns the new
   * profile.
   *
   * @throws IllegalStateException if the store cannot keep it (nothing is changed then)
   */
  public Profile update(User user, UnaryOperator<Profile> change) {
    synchronized (locks.computeIfAbsent(user.uri(), k -> new Object())) {
      Profile initial = Profile.initial(user);
      Profile before = applied(initial, settingsOf(user.uri()));
      Profile after = change.apply(before);
      Map<PhoneType, Phone> phones = new EnumMap<>(PhoneType.class);
      for (Phone phone : after.phoneList()) {
        if (!phone.equals(initial.phone(phone.type()))) {
          // a directory number is read from the directory: only its visibility is the user's
          phones.put(
              phone.type(),
              phone.changeable()
                  ? phone
                  : new Phone(phone.type(), Optional.empty(), phone.includeInContactCard(), false));
        }
      }
      ProfileStore.Settings settings =
          new ProfileStore.Settings(after.personalNote(), after.location(), phones);
      store.save(user.uri(), settings);
      saved.put(user.uri(), settings);
      return after;
    }
  }
}
