package org.openucwa.web.discovery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openucwa.auth.Scope;
import org.openucwa.auth.SignInThrottle;
import org.openucwa.auth.TokenService;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordCheck;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.resource.WireValues;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Negotiation;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;

/**
 * The OAuth token endpoint (AuthenticationInUCWA.md): a form POST with the password grant. The
 * password is checked in constant time, and an unknown user costs as much as a wrong password;
 * repeated failures for one account are slowed down. Answers and errors are OAuth JSON, as the
 * reference shows, never UCWA error bodies.
 */
public final class TokenEndpoint {

  private final Directory directory;
  private final TokenService tokens;
  private final SignInThrottle throttle;
  private final PasswordCheck passwords;

  public TokenEndpoint(Directory directory, TokenService tokens, SignInThrottle throttle) {
    this(directory, tokens, throttle, PasswordCheck.HASHES);
  }

  public TokenEndpoint(
      Directory directory, TokenService tokens, SignInThrottle throttle, PasswordCheck passwords) {
    this.directory = directory;
    this.tokens = tokens;
    this.throttle = throttle;
    this.passwords = passwords;
  }

  public List<Endpoint> endpoints() {
    return List.of(new Endpoint(Paths.TOKEN, "oauthtoken", false, Map.of("POST", this::token)));
  }

  private Reply token(Exchange x) throws InterruptedException {
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
    if (!grant.equals("password")) {
      return oauthError("unsupported_grant_type");
    }
    String username = text(form, "username");
    String password = text(form, "password");
    if (username.isEmpty()) {
      return oauthError("invalid_request");
    }
    Optional<Set<Scope>> scopes = scopes(text(form, "scope"));
    if (scopes.isEmpty()) {
      return oauthError("invalid_scope");
    }
    Optional<User> user = directory.find(username);
    // One account, one record, however its name is spelled (alice, alice@..., sip:alice@...).
    String account = user.map(User::uri).orElse(username);
    Duration wait = throttle.delayFor(account);
    if (!wait.isZero()) {
      Thread.sleep(wait);
    }
    char[] secret = password.toCharArray();
    boolean ok =
        user.isPresent()
            ? passwords.verify(user.get(), secret)
            : PasswordHasher.verifyAgainstDummy(secret);
    if (!ok) {
      throttle.failed(account);
      return oauthError("invalid_grant");
    }
    throttle.succeeded(account);
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

  private static HttpResponse json(int status, String body) {
    return HttpResponse.of(
            status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8))
        .withHeader("Cache-Control", "no-store")
        .withHeader("Pragma", "no-cache");
  }
}
