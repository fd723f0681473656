package org.openucwa.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;

/**
 * The users of the benchmark, built in code: {@code bench0001@contoso.com} and on, all with one
 * password hashed with a cheap work factor so that signing in a hundred users takes no time. The
 * driver derives the same names from the same index.
 */
final class BenchDirectory {

  static final String DOMAIN = "contoso.com";
  static final String PASSWORD = "bench-pass";
  private static final int CHEAP_ITERATIONS = 1_000;

  private BenchDirectory() {}

  static String username(int index) {
    return String.format("bench%04d@%s", index + 1, DOMAIN);
  }

  static Directory of(int users, boolean history) {
    return of(users, i -> null, history);
  }

  /**
   * The users, each homed on the node of the public URL {@code home} gives (none: by partition),
   * their conversation history kept or not ({@code conversationHistory} of a users file).
   */
  static Directory of(int users, IntFunction<String> home, boolean history) {
    Credential credential =
        new Credential(
            PasswordHasher.hash(PASSWORD.toCharArray(), new SecureRandom(), CHEAP_ITERATIONS));
    List<User> list = new ArrayList<>(users);
    for (int i = 0; i < users; i++) {
      User.Builder b =
          User.builder("sip:" + username(i), "Bench User " + (i + 1))
              .credential(credential)
              .conversationHistory(history);
      String url = home.apply(i);
      if (url != null) {
        b.home(url);
      }
      list.add(b.build());
    }
    return new Directory(DOMAIN, list);
  }
}
