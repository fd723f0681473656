package org.openucwa.people;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationChange;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.Availability;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;

/**
 * The signed-in user's own presence (presence_ref.md): read and set through one of their
 * applications, and only once that application has made itself available. Setting it sets the
 * user's presence, so the choice goes to every application of the user that is available.
 *
 * <p>Thread-safe: each application guards its own state.
 */
public final class OwnPresence {

  private final ApplicationRegistry registry;
  private final PresenceDirectory directory;
  private final ProfileWatch watch;

  public OwnPresence(ApplicationRegistry registry, PresenceDirectory directory) {
    this(registry, directory, ProfileWatch.NONE);
  }

  public OwnPresence(
      ApplicationRegistry registry, PresenceDirectory directory, ProfileWatch watch) {
    this.registry = registry;
    this.directory = directory;
    this.watch = watch;
  }

  /**
   * The user's presence as {@code app} shows it.
   *
   * @throws UcwaException 409 MakeMeAvailableRequired before makeMeAvailable
   */
  public Presence of(Application app) {
    requireAvailable(app);
    return directory.presenceOf(app.user().uri());
  }

  /**
   * Sets the user's availability from {@code app}, which counts as activity on it; Online (an empty
   * POST) lets the server derive it from activity again.
   *
   * @return the changes of each of the user's available applications, {@code app} first
   * @throws UcwaException 409 MakeMeAvailableRequired before makeMeAvailable
   */
  public Map<Application, List<ApplicationChange>> choose(
      Application app, Availability preferred, Instant now) {
    Map<Application, List<ApplicationChange>> changes = new LinkedHashMap<>();
    changes.put(app, app.choosePresence(preferred));
    app.reportActivity(now);
    for (Application other : registry.applicationsOf(app.user().uri())) {
      if (other != app && other.isAvailable()) {
        changes.put(other, other.choosePresence(preferred));
      }
    }
    watch.changed(app.user().uri(), ContactAspect.Presence);
    return changes;
  }

  private static void requireAvailable(Application app) {
    if (!app.isAvailable()) {
      throw UcwaException.conflict(
          Subcode.MakeMeAvailableRequired, "The application must make itself available first.");
    }
  }
}
