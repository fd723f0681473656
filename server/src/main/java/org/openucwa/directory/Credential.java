package org.openucwa.directory;

import java.util.Objects;

/**
 * What a user signs in with, kept only as a {@link PasswordHasher} hash. A record so users compare
 * by value; its {@code toString} hides the hash so a logged user leaks nothing worth cracking.
 *
 * <p>Immutable and thread-safe.
 */
public record Credential(String encoded) {

  public Credential {
    Objects.requireNonNull(encoded, "encoded");
    if (!PasswordHasher.isWellFormed(encoded)) {
      throw new IllegalArgumentException(
          "not a password hash of the form " + PasswordHasher.FORMAT);
    }
  }

  /** Hashes {@code password} with a fresh salt; the caller may then wipe the array. */
  public static Credential fromPassword(char[] password) {
    return new Credential(PasswordHasher.hash(password));
  }

  /** Whether {@code password} is the one this credential was made from (constant-time). */
  public boolean verify(char[] password) {
    return PasswordHasher.verify(password, encoded);
  }

  @Override
  public String toString() {
    return "Credential[" + PasswordHasher.SCHEME + "$…]";
  }
}
