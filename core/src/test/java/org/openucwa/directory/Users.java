package org.openucwa.directory;

import java.security.SecureRandom;
import java.util.List;

/** Cheap credentials for tests that are not about hashing. */
final class Users {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Users() {}

  /** A hash of {@code password} with few iterations, so tests stay fast. */
  static String cheapHash(String password) {
    return PasswordHasher.hash(password.toCharArray(), RANDOM, 1_000);
  }

  static Credential cheapCredential(String password) {
    return new Credential(cheapHash(password));
  }

  static User user(String uri, String name, String... contacts) {
    return User.builder(uri, name)
        .credential(cheapCredential("pw"))
        .contacts(List.of(contacts))
        .build();
  }
}
