package org.openucwa.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openucwa.directory.Guests;
import org.openucwa.directory.User;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.events.EventChannel;

/**
 * One registered application of a user (application_ref.md): the client's identity, its event
 * channel, whether it made itself available for incoming communication, and the communication
 * settings it chose. State-changing methods refuse an illegal move with a {@link UcwaException} and
 * return the changes the event channel must report.
 *
 * <p>Threading: mutable state is guarded by this object's monitor; the event channel has its own
 * lock and is never called while this monitor is held by a P-GET.
 */
public final class Application {

  /** The value the reference asks clients to send back in every PUT of communication. */
  public static final String PUT_TOKEN_VALUE = "please pass this in a PUT request";

  private final String id;
  private volatile User user; // replaced only when a guest names itself
  private final ApplicationSpec spec;
  private final Instant created;
  private final EventChannel events;
  private final String putKey = UUID.randomUUID().toString();

  private boolean available;
  private Availability signInAs = Availability.Online;
  private Availability preferred = Availability.Online;
  private Optional<Duration> inactiveTimeout = Optional.empty();
  private Communication communication = Communication.initial();
  private long version;
  private Instant lastActivity;
  private boolean reset;

  Application(String id, User user, ApplicationSpec spec, Instant created, EventChannel events) {
    this.id = id;
    this.user = user;
    this.spec = spec;
    this.created = created;
    this.events = events;
    this.lastActivity = created;
  }

  public String id() {
    return id;
  }

  public User user() {
    return user;
  }

  /**
   * An anonymous guest's application takes the display name the guest joins its meeting with.
   *
   * @throws IllegalStateException for a user of the directory, whose name is the directory's
   */
  public void nameGuest(String displayName) {
    if (!Guests.isGuest(user.uri())) {
      throw new IllegalStateException("not a guest: " + user.uri());
    }
    user = Guests.user(user.uri(), displayName);
  }

  public ApplicationSpec spec() {
    return spec;
  }

  public Instant created() {
    return created;
  }

  public EventChannel events() {
    return events;
  }

  /** The randomly named property a PUT of communication must carry back. */
  public String putKey() {
    return putKey;
  }

  public synchronized boolean isAvailable() {
    return available;
  }

  public synchronized Availability signInAs() {
    return signInAs;
  }

  /** The availability the user last chose: signInAs, then each presence POST. */
  public synchronized Availability preferredAvailability() {
    return preferred;
  }

  /** makeMeAvailable's inactiveTimeout, when the client gave one. */
  public synchronized Optional<Duration> inactiveTimeout() {
    return inactiveTimeout;
  }

  public synchronized Communication communication() {
    return communication;
  }

  public synchronized Instant lastActivity() {
    return lastActivity;
  }

  /**
   * Marks the application's transient state as reset while its client is away; true the first time
   * only, until the client polls again ({@link #returned()}).
   */
  public synchronized boolean resetOnce() {
    if (reset) {
      return false;
    }
    reset = true;
    return true;
  }

  /** The client polled its event channel again after a reset. */
  public synchronized void returned() {
    reset = false;
  }

  /** The entity tag of the communication resource; it changes with every change to it. */
  public synchronized String communicationEtag() {
    return Integer.toUnsignedString(Objects.hash(id, putKey, version));
  }

  /**
   * makeMeAvailable: leaves lurker mode; allowed once per application. Any modality may be asked
   * for; the communication resource then shows those this server serves.
   */
  public synchronized List<ApplicationChange> makeMeAvailable(MakeMeAvailable request) {
    if (available) {
      throw UcwaException.conflict(
          Subcode.AlreadyExists, "The application has already made itself available.");
    }
    available = true;
    signInAs = request.signInAs().orElse(Availability.Online);
    preferred = signInAs;
    inactiveTimeout = request.inactiveTimeout();
    communication =
        new Communication(
            Modality.servedOf(request.supportedModalities()),
            request.supportedMessageFormats().isEmpty()
                ? communication.supportedMessageFormats()
                : request.supportedMessageFormats(),
            request.audioPreference().or(communication::audioPreference),
            request.phoneNumber().or(communication::phoneNumber),
            communication.publishEndpointLocation());
    version++;
    return List.of(
        ApplicationChange.MeUpdated,
        ApplicationChange.PresenceAdded,
        ApplicationChange.NoteAdded,
        ApplicationChange.LocationAdded,
        ApplicationChange.CommunicationUpdated);
  }

  /** A presence POST: the user chooses an availability; only after makeMeAvailable. */
  public synchronized List<ApplicationChange> choosePresence(Availability availability) {
    if (!available) {
      throw UcwaException.conflict(
          Subcode.MakeMeAvailableRequired, "The application must make itself available first.");
    }
    preferred = availability;
    return List.of(ApplicationChange.PresenceUpdated);
  }

  /** reportMyActivity: the user is active; only after makeMeAvailable. */
  public synchronized void reportActivity(Instant now) {
    if (!available) {
      throw UcwaException.conflict(
          Subcode.MakeMeAvailableRequired, "The application must make itself available first.");
    }
    lastActivity = now;
  }

  /**
   * A conditional PUT of communication (PayloadFormat.md): the If-Match value must be the current
   * entity tag and the randomly named property must be present.
   */
  public synchronized List<ApplicationChange> replaceCommunication(
      Optional<String> ifMatch, boolean putKeyPresent, Communication replacement) {
    if (ifMatch.isEmpty()) {
      throw new UcwaException(
          ErrorCode.PreconditionRequired,
          Subcode.PreconditionRequired,
          "A PUT must be conditional: send If-Match with the resource's ETag.");
    }
    String tag = ifMatch.get().trim().replace("\"", "");
    if (!tag.equals("*") && !tag.equals(communicationEtag())) {
      throw new UcwaException(
          ErrorCode.PreconditionFailed,
          Subcode.PreconditionFailed,
          "The resource has changed since it was read; GET it again.");
    }
    if (!putKeyPresent) {
      throw UcwaException.invalidParameter(
          putKey, "the resource must be sent back whole, with this property");
    }
    communication =
        new Communication(
            Modality.servedOf(replacement.supportedModalities()),
            replacement.supportedMessageFormats(),
            replacement.audioPreference(),
            replacement.phoneNumber(),
            replacement.publishEndpointLocation());
    version++;
    return List.of(ApplicationChange.CommunicationUpdated);
  }
}
