package org.openucwa.directory;

/**
 * How a user's password is checked at sign-in: against the hash the users file gives ({@link
 * #HASHES}), or by the directory server the users come from (an LDAP bind). Thread-safe.
 */
@FunctionalInterface
public interface PasswordCheck {

  /** The users file's way: the user's {@link Credential}. */
  PasswordCheck HASHES = (user, password) -> user.credential().verify(password);

  /** Whether {@code password} is the user's; false when it cannot be told (server away). */
  boolean verify(User user, char[] password);
}
