package org.openucwa.directory;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a user signs in with, kept as a {@link PasswordHasher} hash. A plain password from the users
 * file is hashed on first use instead of at start-up (decision 0026), so that ten thousand users
 * start in no time: until then the credential holds a copy of it, wiped once hashed. Users compare
 * by the hash; {@code toString} hides it so a logged user leaks nothing worth cracking.
 *
 * <p>Thread-safe: the first use hashes once, under the credential's monitor; after that every
 * method reads the hash without locking.
 */
public final class Credential {

  private volatile String encoded;
  private char[] plain; // until hashed; guarded by this

  public Credential(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (!PasswordHasher.isWellFormed(encoded)) {
      throw new IllegalArgumentException(
          "not a password hash of the form " + PasswordHasher.FORMAT);
    }
    this.encoded = encoded;
  }

  private Credential(char[] plain) {
    this.plain = plain.clone();
  }

  /** Hashes {@code password} with a fresh salt now; the caller may then wipe the array. */
  public static Credential fromPassword(char[] password) {
    return new Credential(PasswordHasher.hash(password));
  }

  /**
   * Keeps a copy of {@code password}, hashed with a fresh salt on first use; the caller may wipe
   * the array at once.
   */
  public static Credential hashedOnFirstUse(char[] password) {
    Objects.requireNonNull(password, "password");
    return new Credential(password);
  }

  /** The hash, {@code pbkdf2-sha256$...}; made now if the password was not hashed yet. */
  public String encoded() {
    String e = encoded;
    if (e != null) {
      return e;
    }
    synchronized (this) {
      if (encoded == null) {
        encoded = PasswordHasher.hash(plain);
        Arrays.fill(plain, '\0');
        plain = null;
      }
      return encoded;
    }
  }

  /** Whether the password has been hashed yet. */
  boolean hashed() {
    return encoded != null;
  }

  /** Whether {@code password} is the one this credential was made from (constant-time). */
  public boolean verify(char[] password) {
    return PasswordHasher.verify(password, encoded());
  }

  /** Equal to a credential of the same hash (hashing a password not hashed yet). */
  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Credential c && encoded().equals(c.encoded()));
  }

  /** One value for all: a hash code must not cost a password hash. */
  @Override
  public int hashCode() {
    return 1;
  }

  @Override
  public String toString() {
    return "Credential[" + PasswordHasher.SCHEME + "$…]";
  }
}
