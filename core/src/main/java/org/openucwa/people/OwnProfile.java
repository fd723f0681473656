package org.openucwa.people;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationChange;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;

/**
 * The signed-in user's own note, location and phones (note_ref.md, location_ref.md, phones_ref.md),
 * read and set through one of their applications. Note and location exist only once the application
 * has made itself available (MeDashboard.md); a change to either is the user's, so every available
 * application of the user hears of it. Phones change silently (MeDashboard.md: "changes to ...
 * phones ... are not communicated").
 *
 * <p>Thread-safe: {@link Profiles} replaces a profile atomically.
 */
public final class OwnProfile {

  private final ApplicationRegistry registry;
  private final Profiles profiles;
  private final ProfileWatch watch;

  public OwnProfile(ApplicationRegistry registry, Profiles profiles, ProfileWatch watch) {
    this.registry = registry;
    this.profiles = profiles;
    this.watch = watch;
  }

  /**
   * @throws UcwaException 409 MakeMeAvailableRequired before makeMeAvailable
   */
  public Note note(Application app) {
    requireAvailable(app);
    return profiles.profileOf(app.user().uri()).note();
  }

  /**
   * @throws UcwaException 409 MakeMeAvailableRequired before makeMeAvailable
   */
  public Optional<String> location(Application app) {
    requireAvailable(app);
    return profiles.profileOf(app.user().uri()).location();
  }

  public Profile profile(Application app) {
    return profiles.profileOf(app.user().uri());
  }

  /**
   * Sets (or, with an empty text, clears) the personal note.
   *
   * @param text at most {@value Profile#MAX_NOTE_LENGTH} characters
   * @return note {@code updated} for each available application of the user
   * @throws UcwaException 409 MakeMeAvailableRequired before makeMeAvailable
   */
  public Map<Application, List<ApplicationChange>> setNote(Application app, Optional<String> text) {
    requireAvailable(app);
    profiles.update(app.user(), p -> p.withPersonalNote(text));
    watch.changed(app.user().uri(), ContactAspect.Note);
    return toAvailable(app, ApplicationChange.NoteUpdated);
  }

  /**
   * Sets (or, with an empty text, clears) the location.
   *
   * @throws UcwaException 409 MakeMeAvailableRequired before makeMeAvailable
   */
  public Map<Application, List<ApplicationChange>> setLocation(
      Application app, Optional<String> text) {
    requireAvailable(app);
    profiles.update(app.user(), p -> p.withLocation(text));
    watch.changed(app.user().uri(), ContactAspect.Location);
    return toAvailable(app, ApplicationChange.LocationUpdated);
  }

  /**
   * changeNumber: sets or clears the number, and its visibility when given.
   *
   * @throws UcwaException 403 for a number the directory holds
   */
  public Phone changeNumber(
      Application app, PhoneType type, Optional<String> number, Optional<Boolean> visible) {
    Phone before = profiles.profileOf(app.user().uri()).phone(type);
    if (!before.changeable()) {
      throw UcwaException.forbidden(
          "The "
              + type.segment()
              + " number comes from the directory; only its administrator"
              + " changes it.");
    }
    Phone after = new Phone(type, number, visible.orElse(before.includeInContactCard()), true);
    profiles.update(app.user(), p -> p.withPhone(after));
    watch.changed(app.user().uri(), ContactAspect.Contact);
    return after;
  }

  /** changeVisibility: whether contacts see the number. */
  public Phone changeVisibility(Application app, PhoneType type, boolean visible) {
    Phone before = profiles.profileOf(app.user().uri()).phone(type);
    Phone after = new Phone(type, before.number(), visible, before.changeable());
    profiles.update(app.user(), p -> p.withPhone(after));
    watch.changed(app.user().uri(), ContactAspect.Contact);
    return after;
  }

  private Map<Application, List<ApplicationChange>> toAvailable(
      Application app, ApplicationChange change) {
    Map<Application, List<ApplicationChange>> changes = new LinkedHashMap<>();
    changes.put(app, List.of(change));
    for (Application other : registry.applicationsOf(app.user().uri())) {
      if (other != app && other.isAvailable()) {
        changes.put(other, List.of(change));
      }
    }
    return changes;
  }

  private static void requireAvailable(Application app) {
    if (!app.isAvailable()) {
      throw UcwaException.conflict(
          Subcode.MakeMeAvailableRequired, "The application must make itself available first.");
    }
  }
}
