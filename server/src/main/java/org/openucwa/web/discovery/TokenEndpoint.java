package org.openucwa.web.discovery;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.openucwa.auth.PasswordCheckPermits;
import org.openucwa.auth.Principal;
import org.openucwa.auth.Scope;
import org.openucwa.auth.SignInThrottle;
import org.openucwa.auth.TokenService;
import org.openucwa.directory.Directory;
import org.openucwa.directory.Guests;
import org.openucwa.directory.PasswordCheck;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.meeting.GuestMeetings;
import org.openucwa.meeting.OnlineMeeting;
import org.openucwa.resource.WireValues;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Negotiation;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;

/**
 * The OAuth token endpoint (AuthenticationInUCWA.md): a form POST with the password grant, or the
 * anonymous meeting grant of a guest. The password is checked in constant time, and an unknown user
 * costs as much as a wrong password. Sign-in is bounded so that it cannot be used against the
 * server or an account: an over-long username is refused before anything is looked up or
 * remembered; repeated failures are throttled per account and client address ({@link
 * SignInThrottle}, 429 with Retry-After); password checks run only with one of a few permits
 * ({@link PasswordCheckPermits}, 503 with Retry-After when none comes free). Answers and errors are
 * OAuth JSON, as the reference shows, never UCWA error bodies. Each sign-in ends in one {@link
 * Outcome}, told to the listener given.
 */
public final class TokenEndpoint {

  /** The anonymous meeting grant type (AuthenticationInUCWA.md). */
  public static final String ANONYMOUS_MEETING = "urn:microsoft.rtc:anonmeeting";

  /** A guest's token lasts an hour (AuthenticationInUCWA.md, "Refreshing an OAuth token"). */
  public static final Duration GUEST_LIFETIME = Duration.ofHours(1);

  private static final int MAX_CONFERENCE_URI = 512;

  /** How a sign-in ended. */
  public enum Outcome {
    /** A token was issued. */
    SIGNED_IN,
    /** The request was malformed (grant, username, scope). */
    INVALID_REQUEST,
    /** Wrong password or unknown user. */
    INVALID_GRANT,
    /** Refused by the throttle without checking the password. */
    THROTTLED,
    /** Refused because every password-check permit was taken. */
    OVERLOADED
  }

  private final Directory directory;
  private final TokenService tokens;
  private final SignInThrottle throttle;
  private final PasswordCheck passwords;
  private final PasswordCheckPermits permits;
  private final int maxUsernameLength;
  private final Consumer<Outcome> outcomes;
  private final GuestMeetings guests;
  private final SecureRandom random;

  public TokenEndpoint(
      Directory directory,
      TokenService tokens,
      SignInThrottle throttle,
      PasswordCheck passwords,
      PasswordCheckPermits permits,
      int maxUsernameLength,
      Consumer<Outcome> outcomes,
      GuestMeetings guests,
      SecureRandom random) {
    this.directory = directory;
    this.tokens = tokens;
    this.throttle = throttle;
    this.passwords = passwords;
    this.permits = permits;
    this.maxUsernameLength = maxUsernameLength;
    this.outcomes = outcomes;
    this.guests = guests;
    this.random = random;
  }

  public List<Endpoint> endpoints() {
    return List.of(new Endpoint(Paths.TOKEN, "oauthtoken", false, Map.of("POST", this::token)));
  }

  private Reply token(Exchange x) throws InterruptedException {
    Outcome[] outcome = new Outcome[1];
    Reply reply = token(x, outcome);
    outcomes.accept(outcome[0]);
    return reply;
  }

  private Reply token(Exchange x, Outcome[] outcome) throws InterruptedException {
    outcome[0] = Outcome.INVALID_REQUEST;
    String mediaType = x.request().header("content-type").map(Negotiation::mediaTypeOf).orElse("");
    if (!mediaType.equals(Negotiation.FORM)) {
      return oauthError("invalid_request");
    }
    Map<String, Object> form =
        Exchange.parseForm(new String(x.request().body(), StandardCharsets.UTF_8));
    String grant = text(form, "grant_type");
    if (grant.isEmpty()) {
      return oauthError("invalid_request");
    }
    if (grant.equals(ANONYMOUS_MEETING)) {
      return anonymous(x, form, outcome);
    }
    if (!grant.equals("password")) {
      return oauthError("unsupported_grant_type");
    }
    String username = text(form, "username");
    String password = text(form, "password");
    if (username.isEmpty()) {
      return oauthError("invalid_request");
    }
    if (username.length() > maxUsernameLength) {
      return oauthError(
          400,
          "invalid_request",
          "The username is longer than " + maxUsernameLength + " characters.");
    }
    Optional<Set<Scope>> scopes = scopes(text(form, "scope"));
    if (scopes.isEmpty()) {
      return oauthError("invalid_scope");
    }
    Optional<User> user = directory.find(username);
    // One account, one record, however its name is spelled (alice, alice@..., sip:alice@...).
    String account = user.map(User::uri).orElse(username);
    SignInThrottle.Attempt attempt = throttle.attempt(account, x.request().clientAddress());
    if (attempt.verdict() != SignInThrottle.Verdict.ALLOWED) {
      outcome[0] = Outcome.THROTTLED;
      return retryLater(
          429,
          attempt.retryAfter(),
          "Too many sign-in attempts for this account or from this address.");
    }
    boolean ok;
    Optional<PasswordCheckPermits.Permit> permit = permits.acquire();
    if (permit.isEmpty()) {
      attempt.abandoned();
      outcome[0] = Outcome.OVERLOADED;
      return retryLater(503, Duration.ofSeconds(1), "The server is busy signing users in.");
    }
    try (PasswordCheckPermits.Permit held = permit.get()) {
      char[] secret = password.toCharArray();
      ok =
          user.isPresent()
              ? passwords.verify(user.get(), secret)
              : PasswordHasher.verifyAgainstDummy(secret);
    } catch (RuntimeException e) {
      attempt.abandoned();
      throw e;
    }
    if (!ok) {
      attempt.failed();
      outcome[0] = Outcome.INVALID_GRANT;
      return oauthError("invalid_grant");
    }
    attempt.succeeded();
    outcome[0] = Outcome.SIGNED_IN;
    String token = tokens.issue(user.get().uri(), scopes.get());
    String body =
        "{\"access_token\":\""
            + token
            + "\",\"expires_in\":"
            + tokens.lifetime().toSeconds()
            + ",\"ms_rtc_identityscope\":\"local\","
            + "\"token_type\":\"Bearer\"}";
    return new Reply.Raw(json(200, body));
  }

  /**
   * The anonymous meeting grant: {@code ms_rtc_conferenceuri} names an open scheduled meeting and
   * {@code password} is its conference key where the meeting requires one; the token, good for an
   * hour, speaks for a new guest of that meeting only, or for the same guest when {@code
   * ms_rtc_renew} passes a valid token of theirs for the same meeting. Wrong passwords are
   * throttled per meeting and client address as wrong user passwords are per account (decision
   * 0056).
   */
  private Reply anonymous(Exchange x, Map<String, Object> form, Outcome[] outcome) {
    String conference = text(form, "ms_rtc_conferenceuri");
    String password = text(form, "password");
    if (conference.isEmpty() || conference.length() > MAX_CONFERENCE_URI) {
      return oauthError("invalid_request");
    }
    SignInThrottle.Attempt attempt =
        throttle.attempt(
            "meeting " + conference.toLowerCase(Locale.ROOT), x.request().clientAddress());
    if (attempt.verdict() != SignInThrottle.Verdict.ALLOWED) {
      outcome[0] = Outcome.THROTTLED;
      return retryLater(
          429, attempt.retryAfter(), "Too many attempts to join this meeting from this address.");
    }
    Optional<OnlineMeeting> meeting = guests.grant(conference, password);
    if (meeting.isEmpty()) {
      attempt.failed();
      outcome[0] = Outcome.INVALID_GRANT;
      return oauthError("invalid_grant");
    }
    attempt.succeeded();
    String meetingUri = meeting.get().onlineMeetingUri();
    String guest =
        tokens
            .verify(text(form, "ms_rtc_renew"))
            .filter(p -> p.meetingUri().map(meetingUri::equals).orElse(false))
            .map(Principal::userUri)
            .orElseGet(() -> Guests.newUri(random));
    outcome[0] = Outcome.SIGNED_IN;
    String body =
        "{\"access_token\":\""
            + tokens.issueGuest(guest, meetingUri, GUEST_LIFETIME)
            + "\",\"expires_in\":"
            + GUEST_LIFETIME.toSeconds()
            + ",\"ms_rtc_identityscope\":\"anonymous\","
            + "\"token_type\":\"Bearer\"}";
    return new Reply.Raw(json(200, body));
  }

  /** An OAuth error that says when to retry (RFC 9110 Retry-After, in whole seconds). */
  private static Reply retryLater(int status, Duration after, String description) {
    long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
    Reply.Raw r = (Reply.Raw) oauthError(status, "temporarily_unavailable", description);
    return new Reply.Raw(r.response().withHeader("Retry-After", Long.toString(seconds)));
  }

  /** A space-separated scope list; absent or {@code all} means every scope. */
  private static Optional<Set<Scope>> scopes(String text) {
    if (text.isBlank() || text.trim().equalsIgnoreCase("all")) {
      return Optional.of(Scope.all());
    }
    Set<Scope> out = EnumSet.noneOf(Scope.class);
    for (String s : text.trim().split("[\\s,]+")) {
      Optional<Scope> scope = WireValues.parse(Scope.class, s);
      if (scope.isEmpty()) {
        return Optional.empty();
      }
      out.add(scope.get());
    }
    return Optional.of(out);
  }

  private static String text(Map<String, Object> form, String name) {
    Object v = form.get(name);
    if (v instanceof List<?> l) {
      v = l.isEmpty() ? null : l.get(0);
    }
    return v == null ? "" : ((String) v).trim();
  }

  private static Reply oauthError(String error) {
    return new Reply.Raw(json(400, "{\"error\":\"" + error + "\"}"));
  }

  /** An OAuth error with a description (plain text without quotes or backslashes). */
  private static Reply oauthError(int status, String error, String description) {
    return new Reply.Raw(
        json(
            status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}"));
  }

  private static HttpResponse json(int status, String body) {
    return HttpResponse.of(
            status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8))
        .withHeader("Cache-Control", "no-store")
        .withHeader("Pragma", "no-cache");
  }
}
