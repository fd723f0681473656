package org.openucwa.meeting;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.openucwa.conversation.AccessLevel;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;

/**
 * Schedules, reads, updates and deletes an organizer's meetings (myOnlineMeetings_ref.md and
 * myOnlineMeeting_ref.md), enforcing the {@link MeetingPolicy}; a refused request changes nothing.
 *
 * <p>Threading: the changes to one organizer's meetings are serialized on that organizer's lock;
 * reads go straight to the repository.
 */
public final class MeetingScheduler {

  private static final Pattern SIP_URI = Pattern.compile("(?i)sip:[^@\\s;:]+@[^@\\s;:]+");
  private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final MeetingRepository repository;
  private final MeetingPolicy policy;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private volatile Consumer<OnlineMeeting> updated = m -> {};

  public MeetingScheduler(
      MeetingRepository repository, MeetingPolicy policy, Clock clock, SecureRandom random) {
    this.repository = repository;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
  }

  /** Told of every update of a meeting, after it is stored (the focus of a running one). */
  public void onUpdate(Consumer<OnlineMeeting> listener) {
    updated = listener;
  }

  public MeetingPolicy policy() {
    return policy;
  }

  /** The organizer's meetings, the assigned one included. */
  public List<OnlineMeeting> meetingsOf(String organizerUri) {
    assigned(organizerUri);
    return repository.forOrganizer(organizerUri);
  }

  /** The user's assigned meeting, made with the default settings the first time it is asked for. */
  public OnlineMeeting assigned(String organizerUri) {
    return repository
        .assigned(organizerUri)
        .orElseGet(
            () ->
                locked(
                    organizerUri,
                    () ->
                        repository
                            .assigned(organizerUri)
                            .orElseGet(
                                () ->
                                    create(
                                        organizerUri,
                                        true,
                                        MeetingRequest.empty(),
                                        Optional.empty()))));
  }

  /** A meeting of this organizer, or 404. */
  public OnlineMeeting meeting(String organizerUri, String onlineMeetingId) {
    return repository
        .find(organizerUri, onlineMeetingId)
        .orElseThrow(
            () ->
                UcwaException.notFound(
                    Subcode.ResourceNotFound, "There is no such meeting among yours."));
  }

  /** A meeting by its organizer and id, whoever asks (for joining it). */
  public Optional<OnlineMeeting> find(String organizerUri, String onlineMeetingId) {
    return repository.find(organizerUri, onlineMeetingId);
  }

  /** POST on myOnlineMeetings. */
  public OnlineMeeting schedule(String organizerUri, MeetingRequest request) {
    return locked(
        organizerUri,
        () -> {
          long count =
              repository.forOrganizer(organizerUri).stream().filter(m -> !m.assigned()).count();
          if (count >= policy.maxMeetingsPerOrganizer()) {
            throw UcwaException.conflict(
                Subcode.TooManyOnlineMeetings,
                "You have "
                    + count
                    + " meetings, the most allowed; delete one before scheduling another.");
          }
          Instant expiration =
              request.expirationTime().orElse(clock.instant().plus(policy.defaultLifetime()));
          return create(organizerUri, false, request, Optional.of(expiration));
        });
  }

  /** PUT on a myOnlineMeeting: conditional on its entity tag. */
  public OnlineMeeting update(
      String organizerUri, String onlineMeetingId, Optional<String> ifMatch, MeetingRequest r) {
    return locked(
        organizerUri,
        () -> {
          OnlineMeeting now = meeting(organizerUri, onlineMeetingId);
          checkPrecondition(now, ifMatch);
          OnlineMeeting next =
              validated(
                  new OnlineMeeting(
                      now.organizerUri(),
                      now.onlineMeetingId(),
                      now.conferenceId(),
                      now.assigned(),
                      r.subject().or(now::subject),
                      r.description().or(now::description),
                      r.attendees().orElse(now.attendees()),
                      r.leaders().orElse(now.leaders()),
                      accessLevel(r).orElse(now.accessLevel()),
                      r.automaticLeaderAssignment().orElse(now.automaticLeaderAssignment()),
                      r.entryExitAnnouncement().orElse(now.entryExitAnnouncement()),
                      now.assigned()
                          ? Optional.empty()
                          : r.expirationTime().or(now::expirationTime),
                      r.lobbyBypassForPhoneUsers().orElse(now.lobbyBypassForPhoneUsers()),
                      r.phoneUserAdmission().orElse(now.phoneUserAdmission()),
                      now.version() + 1),
                  r.expirationTime().isPresent());
          repository.save(next);
          updated.accept(next);
          return next;
        });
  }

  /** DELETE on a myOnlineMeeting; the assigned meeting cannot be deleted. */
  public void delete(String organizerUri, String onlineMeetingId) {
    locked(
        organizerUri,
        () -> {
          OnlineMeeting m = meeting(organizerUri, onlineMeetingId);
          if (m.assigned()) {
            throw UcwaException.forbidden(
                "The assigned meeting is the user's own and cannot be deleted.");
          }
          repository.delete(organizerUri, onlineMeetingId);
          return null;
        });
  }

  private OnlineMeeting create(
      String organizerUri, boolean assigned, MeetingRequest r, Optional<Instant> expiration) {
    OnlineMeeting m =
        validated(
            new OnlineMeeting(
                organizerUri.toLowerCase(Locale.ROOT),
                newMeetingId(organizerUri),
                newConferenceId(),
                assigned,
                r.subject(),
                r.description(),
                r.attendees().orElse(List.of()),
                r.leaders().orElse(List.of()),
                accessLevel(r).orElse(policy.defaultAccessLevel()),
                r.automaticLeaderAssignment().orElse(policy.defaultAutomaticLeaderAssignment()),
                r.entryExitAnnouncement().orElse(policy.defaultEntryExitAnnouncement()),
                expiration,
                r.lobbyBypassForPhoneUsers().orElse(policy.defaultLobbyBypassForPhoneUsers()),
                r.phoneUserAdmission().orElse(policy.defaultPhoneUserAdmission()),
                1),
            true);
    repository.save(m);
    return m;
  }

  /** AccessLevel None means "not initialized" (AccessLevel_ref.md): the default applies. */
  private static Optional<AccessLevel> accessLevel(MeetingRequest r) {
    return r.accessLevel().filter(a -> a != AccessLevel.None);
  }

  private OnlineMeeting validated(OnlineMeeting m, boolean checkExpiration) {
    m.subject().ifPresent(s -> checkLength("subject", s, policy.maxSubjectLength()));
    m.description().ifPresent(s -> checkLength("description", s, policy.maxDescriptionLength()));
    List<String> leaders = uris("leaders", m.leaders());
    List<String> attendees = new ArrayList<>(uris("attendees", m.attendees()));
    attendees.removeAll(leaders);
    attendees.remove(m.organizerUri());
    eligible("accessLevel", m.accessLevel(), policy.accessLevels());
    eligible(
        "automaticLeaderAssignment",
        m.automaticLeaderAssignment(),
        policy.automaticLeaderAssignments());
    eligible("entryExitAnnouncement", m.entryExitAnnouncement(), policy.entryExitAnnouncements());
    eligible(
        "lobbyBypassForPhoneUsers",
        m.lobbyBypassForPhoneUsers(),
        policy.lobbyBypassForPhoneUsersSettings());
    if (checkExpiration && m.expirationTime().isPresent()) {
      Instant t = m.expirationTime().get();
      Instant now = clock.instant();
      if (!t.isAfter(now)) {
        throw UcwaException.invalidParameter("expirationTime", "it is not in the future");
      }
      if (t.isAfter(now.plus(policy.maxLifetime()))) {
        throw UcwaException.invalidParameter(
            "expirationTime", "it is more than ten years from now");
      }
    }
    return new OnlineMeeting(
        m.organizerUri(),
        m.onlineMeetingId(),
        m.conferenceId(),
        m.assigned(),
        m.subject().filter(s -> !s.isBlank()),
        m.description().filter(s -> !s.isBlank()),
        attendees,
        leaders.stream().filter(l -> !l.equals(m.organizerUri())).toList(),
        m.accessLevel(),
        m.automaticLeaderAssignment(),
        m.entryExitAnnouncement(),
        m.expirationTime(),
        m.lobbyBypassForPhoneUsers(),
        m.phoneUserAdmission(),
        m.version());
  }

  private List<String> uris(String name, List<String> given) {
    List<String> out = new ArrayList<>();
    for (String raw : given) {
      String u = raw.trim().toLowerCase(Locale.ROOT);
      if (!SIP_URI.matcher(u).matches()) {
        throw UcwaException.invalidParameter(
            name, "'" + raw + "' is not a user's SIP URI (sip:user@domain)");
      }
      if (!out.contains(u)) {
        out.add(u);
      }
    }
    if (out.size() > policy.meetingSize()) {
      throw UcwaException.invalidParameter(
          name, "it names more than " + policy.meetingSize() + " people");
    }
    return out;
  }

  private static void checkLength(String name, String value, int max) {
    if (value.length() > max) {
      throw UcwaException.invalidParameter(name, "it is longer than " + max + " characters");
    }
  }

  private static <E> void eligible(String name, E value, List<E> allowed) {
    if (!allowed.contains(value)) {
      throw UcwaException.invalidParameter(
          name, "'" + value + "' is not one of the eligible values " + allowed);
    }
  }

  private static void checkPrecondition(OnlineMeeting m, Optional<String> ifMatch) {
    if (ifMatch.isEmpty()) {
      throw new UcwaException(
          ErrorCode.PreconditionRequired,
          Subcode.PreconditionRequired,
          "A PUT must be conditional: send If-Match with the meeting's ETag.");
    }
    String tag = ifMatch.get().trim().replace("\"", "");
    if (!tag.equals("*") && !tag.equals(m.etag())) {
      throw new UcwaException(
          ErrorCode.PreconditionFailed,
          Subcode.PreconditionFailed,
          "The meeting has changed since it was read; GET it again.");
    }
  }

  private String newMeetingId(String organizerUri) {
    while (true) {
      StringBuilder id = new StringBuilder(8);
      for (int i = 0; i < 8; i++) {
        id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
      }
      if (repository.find(organizerUri, id.toString()).isEmpty()) {
        return id.toString();
      }
    }
  }

  private String newConferenceId() {
    while (true) {
      String id = Integer.toString(1_000_000 + random.nextInt(9_000_000));
      if (repository.findByConferenceId(id).isEmpty()) {
        return id;
      }
    }
  }

  private <T> T locked(String organizerUri, Supplier<T> action) {
    ReentrantLock lock =
        locks.computeIfAbsent(organizerUri.toLowerCase(Locale.ROOT), k -> new ReentrantLock());
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}
