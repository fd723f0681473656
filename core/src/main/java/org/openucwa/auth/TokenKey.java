package org.openucwa.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/** A key that signs bearer tokens, with when it was made (the newest one signs). */
public record TokenKey(String id, byte[] secret, Instant created) {

  public TokenKey {
    Objects.requireNonNull(id, "id");
    secret = secret.clone();
    Objects.requireNonNull(created, "created");
  }

  /** A new random 256-bit key. */
  public static TokenKey generate(SecureRandom random, Instant now) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    byte[] id = new byte[8];
    random.nextBytes(id);
    return new TokenKey(HexFormat.of().formatHex(id), secret, now);
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "TokenKey[" + id + ", created " + created + "]";
  }
}
