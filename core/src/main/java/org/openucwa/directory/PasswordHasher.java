package org.openucwa.directory;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and checks passwords with the JDK's PBKDF2WithHmacSHA256, so the server never keeps a
 * password, only {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}. The iteration
 * count is read back from each hash, so raising {@link #ITERATIONS} later still accepts old hashes.
 * {@link #verifyAgainstDummy} lets a sign-in for an unknown user cost the same time as a wrong
 * password, so timing does not tell which users exist.
 *
 * <p>Stateless and thread-safe: every method may be called from any thread.
 */
public final class PasswordHasher {

  /** The work factor of new hashes (OWASP's 2023 advice for PBKDF2-HMAC-SHA256). */
  public static final int ITERATIONS = 210_000;

  static final String SCHEME = "pbkdf2-sha256";
  static final String FORMAT = SCHEME + "$<iterations>$<base64 salt>$<base64 hash>";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern ENCODED =
      Pattern.compile("pbkdf2-sha256\\$([1-9][0-9]{0,8})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Decoded DUMMY =
      new Decoded(ITERATIONS, new byte[SALT_BYTES], new byte[HASH_BYTES]);

  private PasswordHasher() {}

  /** Hashes with a fresh random salt and {@link #ITERATIONS} iterations. */
  public static String hash(char[] password) {
    return hash(password, RANDOM, ITERATIONS);
  }

  /** Hashes with a salt drawn from {@code random} and the given work factor. */
  public static String hash(char[] password, SecureRandom random, int iterations) {
    Objects.requireNonNull(password, "password");
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive: " + iterations);
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations, HASH_BYTES);
    Base64.Encoder base64 = Base64.getEncoder();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash);
  }

  /**
   * Whether {@code password} matches {@code encoded}, compared in constant time.
   *
   * @throws IllegalArgumentException if {@code encoded} is not of the form {@value #FORMAT}
   */
  public static boolean verify(char[] password, String encoded) {
    Decoded expected =
        decode(encoded)
            .orElseThrow(
                () -> new IllegalArgumentException("not a password hash of the form " + FORMAT));
    return matches(password, expected);
  }

  /**
   * Spends the time of a {@link #verify} against a hash of {@link #ITERATIONS} iterations and
   * returns false: call it when the user is unknown, so that case costs what a wrong password does.
   */
  public static boolean verifyAgainstDummy(char[] password) {
    matches(password, DUMMY);
    return false;
  }

  /** Whether {@code encoded} is of the form {@value #FORMAT}. */
  public static boolean isWellFormed(String encoded) {
    return decode(encoded).isPresent();
  }

  private static boolean matches(char[] password, Decoded expected) {
    byte[] actual =
        derive(password, expected.salt(), expected.iterations(), expected.hash().length);
    return MessageDigest.isEqual(actual, expected.hash());
  }

  private static Optional<Decoded> decode(String encoded) {
    Matcher m = ENCODED.matcher(Objects.requireNonNull(encoded, "encoded"));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      byte[] salt = Base64.getDecoder().decode(m.group(2));
      byte[] hash = Base64.getDecoder().decode(m.group(3));
      if (salt.length == 0 || hash.length == 0) {
        return Optional.empty();
      }
      return Optional.of(new Decoded(Integer.parseInt(m.group(1)), salt, hash));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  private record Decoded(int iterations, byte[] salt, byte[] hash) {}
}
