package org.openucwa.web.application;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.ApplicationSpec;
import org.openucwa.application.AudioPreference;
import org.openucwa.application.Availability;
import org.openucwa.application.Communication;
import org.openucwa.application.MakeMeAvailable;
import org.openucwa.application.MessageFormat;
import org.openucwa.application.Modality;
import org.openucwa.directory.Directory;
import org.openucwa.directory.Guests;
import org.openucwa.directory.User;
import org.openucwa.error.UcwaException;
import org.openucwa.people.ContactAspect;
import org.openucwa.people.Inactivity;
import org.openucwa.people.ProfileWatch;
import org.openucwa.resource.Input;
import org.openucwa.routing.Homes;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HomeCheck;
import org.openucwa.web.Params;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.TimeSpans;
import org.openucwa.web.UcwaApi;

/**
 * The applications resource and everything an application holds of its own: the application, me,
 * makeMeAvailable, reportMyActivity, policies, communication, people and onlineMeetings.
 */
public final class ApplicationEndpoints {

  private static final int MAX_FIELD = 100;

  /**
   * Over HTTPS the photo cookie is set from a cross-site frame (the XFrame inside another site's
   * page) and sent with that page's {@code <img>} requests: today's browsers keep and send such a
   * cookie only when it says {@code SameSite=None}, which they accept only with {@code Secure}.
   * Where third-party cookies are blocked (Chromium's default for a fresh profile) they keep only a
   * {@code Partitioned} one (CHIPS): stored for the embedding site, and sent with that site's
   * {@code <img>} requests, which is all the photo cookie is for. Browsers that do not know the
   * attribute ignore it. See docs/decisions/0010.
   */
  private static final String CROSS_SITE = "; SameSite=None; Secure; Partitioned";

  private static final Duration MIN_INACTIVE_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration MAX_INACTIVE_TIMEOUT = Duration.ofDays(1);
  private static final String APP = Paths.APPLICATIONS + "/{app}";

  private final ApplicationRegistry registry;
  private final Directory directory;
  private final ApplicationAssembler assembler;
  private final ApplicationEvents events;
  private final Clock clock;

  private final ProfileWatch watch;
  private final Homes homes;
  private final Inactivity inactivity;

  /**
   * @param homes applications are made only on their user's home node
   * @param inactivity takes reportMyActivity, announcing the presence change it makes
   */
  public ApplicationEndpoints(
      ApplicationRegistry registry,
      Directory directory,
      ApplicationAssembler assembler,
      ApplicationEvents events,
      Clock clock,
      ProfileWatch watch,
      Homes homes,
      Inactivity inactivity) {
    this.homes = homes;
    this.inactivity = inactivity;
    this.watch = watch;
    this.registry = registry;
    this.directory = directory;
    this.assembler = assembler;
    this.events = events;
    this.clock = clock;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            Paths.APPLICATIONS,
            "applications",
            true,
            Map.of("GET", this::list, "POST", this::create)),
        new Endpoint(
            Paths.ANON_APPLICATIONS, "anonApplications", true, Map.of("POST", this::createGuest)),
        new Endpoint(
            APP,
            "application",
            true,
            Map.of("GET", x -> Reply.ok(assembler.application(app(x))), "DELETE", this::delete)),
        new Endpoint(APP + "/me", "me", true, Map.of("GET", x -> Reply.ok(assembler.me(app(x))))),
        new Endpoint(
            APP + "/me/makeMeAvailable",
            "makeMeAvailable",
            true,
            Map.of("POST", this::makeMeAvailable)),
        new Endpoint(
            APP + "/me/reportMyActivity",
            "reportMyActivity",
            true,
            Map.of("POST", this::reportMyActivity)),
        new Endpoint(
            APP + "/policies",
            "policies",
            true,
            Map.of("GET", x -> Reply.ok(assembler.policies(app(x))))),
        new Endpoint(
            APP + "/communication",
            "communication",
            true,
            Map.of(
                "GET", this::getCommunication,
                "PUT", this::putCommunication)),
        new Endpoint(
            APP + "/people",
            "people",
            true,
            Map.of("GET", x -> Reply.ok(assembler.people(app(x))))),
        new Endpoint(
            APP + "/onlineMeetings",
            "onlineMeetings",
            true,
            Map.of("GET", x -> Reply.ok(assembler.onlineMeetings(app(x))))));
  }

  /** The application of the path, if it is the caller's. */
  public Application app(Exchange x) {
    return registry.find(x.principal().userUri(), x.param("app"));
  }

  /** GET applications (applications2_ref.md): the caller's applications, embedded whole. */
  private Reply list(Exchange x) {
    return Reply.ok(assembler.applications(registry.applicationsOf(x.principal().userUri())));
  }

  private Reply create(Exchange x) {
    Input in = x.input();
    Params.requirePresent(in, "userAgent", "endpointId", "culture");
    ApplicationSpec spec =
        new ApplicationSpec(
            Params.required(in, "userAgent", MAX_FIELD),
            Params.required(in, "endpointId", MAX_FIELD),
            Params.required(in, "culture", MAX_FIELD),
            Params.optional(in, "instanceId", MAX_FIELD));
    User user =
        directory
            .find(x.principal().userUri())
            .orElseThrow(
                () -> UcwaException.forbidden("The signed-in user is no longer in the directory."));
    HomeCheck.requireHere(homes, user.uri());
    Application app = registry.register(user, spec).application();
    String token =
        x.request().header("authorization").map(h -> h.trim().substring(7).trim()).orElse("");
    String cookie =
        UcwaApi.PHOTO_COOKIE
            + "="
            + token
            + "; Path="
            + Paths.application(app.id())
            + "; HttpOnly"
            + (x.absolute("").startsWith("https:") ? CROSS_SITE : "");
    return new Reply.Created(
        Paths.application(app.id()),
        java.util.Optional.of(assembler.application(app)),
        Map.of("Set-Cookie", cookie));
  }

  /**
   * POST anonApplications (anonApplications_ref.md): an anonymous guest's application, named
   * "Guest" until the guest joins its meeting with a display name. Only a guest's token may.
   */
  private Reply createGuest(Exchange x) {
    if (!x.principal().isGuest()) {
      throw UcwaException.forbidden(
          "anonApplications is for anonymous meeting guests; signed-in users POST applications.");
    }
    Input in = x.input();
    Params.requirePresent(in, "userAgent", "culture");
    ApplicationSpec spec =
        new ApplicationSpec(
            Params.required(in, "userAgent", MAX_FIELD),
            Params.optional(in, "endpointId", MAX_FIELD)
                .orElseGet(() -> UUID.randomUUID().toString()),
            Params.required(in, "culture", MAX_FIELD),
            Params.optional(in, "instanceId", MAX_FIELD));
    HomeCheck.requireHere(homes, x.principal().userUri());
    Application app =
        registry.register(Guests.user(x.principal().userUri(), "Guest"), spec).application();
    return new Reply.Created(
        Paths.application(app.id()), java.util.Optional.of(assembler.application(app)), Map.of());
  }

  private Reply delete(Exchange x) {
    registry.delete(x.principal().userUri(), x.param("app"));
    return Reply.noContent();
  }

  private Reply makeMeAvailable(Exchange x) {
    Application app = app(x);
    Input in = x.input();
    MakeMeAvailable request =
        new MakeMeAvailable(
            Params.optionalEnum(in, "signInAs", Availability.class),
            Params.optionalEnumList(in, "supportedModalities", Modality.class)
                .orElse(List.of(Modality.Messaging)),
            Params.optionalEnumList(in, "supportedMessageFormats", MessageFormat.class)
                .orElse(List.of()),
            Params.optionalEnum(in, "audioPreference", AudioPreference.class),
            Params.optional(in, "phoneNumber", MAX_FIELD),
            TimeSpans.optional(in, "inactiveTimeout", MIN_INACTIVE_TIMEOUT, MAX_INACTIVE_TIMEOUT));
    var changes = app.makeMeAvailable(request);
    app.reportActivity(clock.instant());
    events.publish(app, changes);
    watch.changed(app.user().uri(), ContactAspect.Presence);
    return Reply.noContent();
  }

  private Reply reportMyActivity(Exchange x) {
    inactivity.reported(app(x), clock.instant());
    return Reply.noContent();
  }

  private Reply getCommunication(Exchange x) {
    Application app = app(x);
    return Reply.ok(assembler.communication(app), Map.of("ETag", app.communicationEtag()));
  }

  private Reply putCommunication(Exchange x) {
    Application app = app(x);
    Input in = x.input();
    Communication now = app.communication();
    Communication replacement =
        new Communication(
            Params.optionalEnumList(in, "supportedModalities", Modality.class)
                .orElse(now.supportedModalities()),
            Params.optionalEnumList(in, "supportedMessageFormats", MessageFormat.class)
                .orElse(now.supportedMessageFormats()),
            Params.optionalEnum(in, "audioPreference", AudioPreference.class)
                .or(now::audioPreference),
            Params.optional(in, "phoneNumber", MAX_FIELD).or(now::phoneNumber),
            Params.optionalBoolean(in, "publishEndpointLocation")
                .orElse(now.publishEndpointLocation()));
    events.publish(
        app,
        app.replaceCommunication(
            x.request().header("if-match"), in.has(app.putKey()), replacement));
    return Reply.noContent();
  }
}
