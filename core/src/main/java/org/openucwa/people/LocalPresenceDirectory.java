package org.openucwa.people;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.Modality;

/**
 * The presence of the users homed on this node, computed on each read from their applications in
 * the registry by the {@link PresenceRules}. Nothing is stored, so nothing goes stale: an
 * application's inactivity shows the moment its timeout passes ({@link Inactivity} announces it).
 *
 * <p>Thread-safe: each application guards its own state.
 */
public final class LocalPresenceDirectory implements PresenceDirectory {

  private final ApplicationRegistry registry;
  private final PresenceSettings settings;
  private final PresenceRules rules;
  private final Clock clock;
  private final PrivacyRelationships privacy;

  public LocalPresenceDirectory(
      ApplicationRegistry registry,
      PresenceSettings settings,
      Clock clock,
      PrivacyRelationships privacy) {
    this.registry = registry;
    this.privacy = privacy;
    this.settings = settings;
    this.rules = new PresenceRules(settings.awayTimeout());
    this.clock = clock;
  }

  @Override
  public Presence presenceOf(String userUri) {
    return rules.aggregate(endpointsOf(userUri), clock.instant());
  }

  /**
   * Whether the clock alone changed what the user shows between {@code from} and {@code to}: an
   * application became inactive or Away in between, their applications' state taken as it is now.
   */
  public boolean changedBetween(String userUri, Instant from, Instant to) {
    List<EndpointState> endpoints = endpointsOf(userUri);
    return !rules.aggregate(endpoints, from).showsAs(rules.aggregate(endpoints, to));
  }

  private List<EndpointState> endpointsOf(String userUri) {
    return registry.applicationsOf(userUri).stream()
        .filter(Application::isAvailable)
        .map(this::stateOf)
        .toList();
  }

  @Override
  public List<Modality> supportedModalitiesOf(String userUri) {
    java.util.EnumSet<Modality> all = java.util.EnumSet.noneOf(Modality.class);
    for (Application app : registry.applicationsOf(userUri)) {
      if (app.isAvailable()) {
        all.addAll(app.communication().supportedModalities());
      }
    }
    return List.copyOf(all);
  }

  @Override
  public Presence presenceOf(String ownerUri, String readerUri) {
    return PrivacyRules.presence(privacy.levelOf(ownerUri, readerUri), presenceOf(ownerUri));
  }

  @Override
  public List<Modality> supportedModalitiesOf(String ownerUri, String readerUri) {
    return PrivacyRules.modalities(
        privacy.levelOf(ownerUri, readerUri), supportedModalitiesOf(ownerUri));
  }

  private EndpointState stateOf(Application app) {
    return new EndpointState(
        app.preferredAvailability(),
        app.lastActivity(),
        app.inactiveTimeout().orElse(settings.inactiveTimeout()));
  }
}
