package org.openucwa.people;

import java.util.Map;
import java.util.Optional;

/**
 * The repository of what users set of their own profile: the personal note, the location, and each
 * phone's number and visibility. The out-of-office note and the directory's numbers are never kept
 * here: {@link Profiles} reads them from the directory at each read. A user who never changed
 * anything has nothing here. Implementations are thread-safe.
 */
public interface ProfileStore {

  /** What a user set: absent text means none set; phones only for the types the user changed. */
  record Settings(
      Optional<String> personalNote, Optional<String> location, Map<PhoneType, Phone> phones) {

    public static final Settings NONE = new Settings(Optional.empty(), Optional.empty(), Map.of());

    public Settings {
      java.util.Objects.requireNonNull(personalNote, "personalNote");
      java.util.Objects.requireNonNull(location, "location");
      phones = Map.copyOf(phones);
    }
  }

  /** The user's saved settings, if they ever changed any. */
  Optional<Settings> load(String ownerUri);

  /**
   * Replaces the user's saved settings as a whole.
   *
   * @throws IllegalStateException if the store cannot keep them (nothing is changed then)
   */
  void save(String ownerUri, Settings settings);
}
