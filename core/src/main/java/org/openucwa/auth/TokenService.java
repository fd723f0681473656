package org.openucwa.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks bearer tokens: {@code cwt=} followed by a base64url payload (expiry, scopes,
 * user, and for an anonymous guest its meeting) and its HMAC-SHA256 signature under the signing
 * key. Tokens need no server-side storage: the keys come from the store ({@link TokenKeys}), so a
 * token outlives a restart; a token signed by an older key still kept is accepted too, so a key
 * rotation signs no one out. Thread-safe.
 */
public final class TokenService {

  private static final String PREFIX = "cwt=";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final Clock clock;
  private final Duration lifetime;
  private final List<Mac> keyedMacs;

  /**
   * Tokens this service has verified, so that a client's every request does not verify its token
   * again: only well-signed tokens enter it, it is bounded, and a token found in it is still
   * checked against its expiry.
   */
  private final Cache<String, Principal> verified =
      Caffeine.newBuilder().maximumSize(VERIFIED_KEPT).build();

  private static final int VERIFIED_KEPT = 20_000;

  /** Signs with a key drawn now, kept nowhere: for tests and tools. */
  public TokenService(SecureRandom random, Clock clock, Duration lifetime) {
    this(List.of(TokenKey.generate(random, clock.instant())), clock, lifetime);
  }

  /** Signs with the first key and accepts tokens signed by any of them. */
  public TokenService(List<TokenKey> keys, Clock clock, Duration lifetime) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no token key");
    }
    this.clock = clock;
    this.lifetime = lifetime;
    List<Mac> macs = new ArrayList<>();
    for (TokenKey k : keys) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(k.secret(), "HmacSHA256"));
        macs.add(mac);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is unavailable", e);
      }
    }
    this.keyedMacs = List.copyOf(macs);
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** A new token for the user with the given scopes. */
  public String issue(String userUri, Set<Scope> scopes) {
    return issue(userUri, scopes, lifetime);
  }

  /**
   * A new token for an anonymous guest of one meeting, good for {@code guestLifetime}; the guest
   * and meeting URIs (neither holds a space) travel as the payload's user, separated by a space.
   */
  public String issueGuest(String guestUri, String meetingUri, Duration guestLifetime) {
    return issue(guestUri + " " + meetingUri, Scope.all(), guestLifetime);
  }

  private String issue(String userUri, Set<Scope> scopes, Duration lifetime) {
    long expires = clock.instant().plus(lifetime).toEpochMilli();
    int mask = 0;
    for (Scope s : scopes) {
      mask |= 1 << s.ordinal();
    }
    byte[] uri = userUri.getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(8 + 4 + uri.length);
    payload.putLong(expires).putInt(mask).put(uri);
    byte[] p = payload.array();
    return PREFIX + B64.encodeToString(p) + "." + B64.encodeToString(sign(keyedMacs.get(0), p));
  }

  /** The principal of a well-signed, unexpired token; empty for anything else. */
  public Optional<Principal> verify(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Principal known = verified.getIfPresent(token);
    if (known != null) {
      return clock.instant().isBefore(known.expires()) ? Optional.of(known) : Optional.empty();
    }
    Optional<Principal> checked = check(token);
    checked.ifPresent(p -> verified.put(token, p));
    return checked;
  }

  private Optional<Principal> check(String token) {
    String body = token.substring(PREFIX.length());
    int dot = body.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String payloadText = body.substring(0, dot);
    byte[] p;
    try {
      p = B64D.decode(payloadText);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // Compared as text, not decoded: base64 leaves spare bits in its last character, and a token
    // whose spare bits differ from the issued one must not pass for it.
    byte[] given = body.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (p.length < 12 || !B64.encodeToString(p).equals(payloadText) || !signedByAKey(p, given)) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(p);
    Instant expires = Instant.ofEpochMilli(b.getLong());
    int mask = b.getInt();
    if (!clock.instant().isBefore(expires)) {
      return Optional.empty();
    }
    String uri = new String(p, 12, p.length - 12, StandardCharsets.UTF_8);
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (Scope s : Scope.values()) {
      if ((mask & (1 << s.ordinal())) != 0) {
        scopes.add(s);
      }
    }
    int space = uri.indexOf(' ');
    return Optional.of(
        space < 0
            ? new Principal(uri, scopes, expires)
            : new Principal(
                uri.substring(0, space), scopes, expires, Optional.of(uri.substring(space + 1))));
  }

  private boolean signedByAKey(byte[] payload, byte[] given) {
    for (Mac mac : keyedMacs) {
      if (MessageDigest.isEqual(B64.encode(sign(mac, payload)), given)) {
        return true;
      }
    }
    return false;
  }

  /** Signs with a copy of a Mac keyed once at start-up (a Mac is not thread-safe; copies are). */
  private static byte[] sign(Mac keyedMac, byte[] payload) {
    try {
      return ((Mac) keyedMac.clone()).doFinal(payload);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be copied", e);
    }
  }
}
