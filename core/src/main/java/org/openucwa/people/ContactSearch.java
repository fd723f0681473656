package org.openucwa.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;

/**
 * The address book search of search_ref.md: the users of the directory whose name, URI, e-mail
 * address or phone number contains the query, ignoring case, in directory order, at most {@code
 * limit} of them.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContactSearch {

  /** The longest query search_ref.md allows. */
  public static final int MAX_QUERY_LENGTH = 256;

  /** The largest limit search_ref.md allows, and the default. */
  public static final int MAX_LIMIT = 100;

  /** The matches, and whether more matched than were returned. */
  public record Result(List<User> contacts, boolean moreResultsAvailable) {
    public Result {
      contacts = List.copyOf(contacts);
    }
  }

  private final Directory directory;

  public ContactSearch(Directory directory) {
    this.directory = directory;
  }

  /**
   * @param query a non-blank query, at most {@value #MAX_QUERY_LENGTH} characters
   * @param limit between 1 and {@value #MAX_LIMIT}
   */
  public Result search(String query, int limit) {
    if (query.isBlank() || query.length() > MAX_QUERY_LENGTH || limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("query or limit out of bounds");
    }
    String needle = query.strip().toLowerCase(Locale.ROOT);
    List<User> found = new ArrayList<>();
    // a directory server narrows the candidates (read through its cache); else every user given
    List<User> candidates =
        directory.source().map(s -> s.search(needle, limit + 1)).orElseGet(directory::users);
    for (User user : candidates) {
      if (matches(user, needle)) {
        if (found.size() == limit) {
          return new Result(found, true);
        }
        found.add(user);
      }
    }
    return new Result(found, false);
  }

  private static boolean matches(User user, String needle) {
    return Stream.of(
            Stream.of(user.name(), user.uri()),
            user.emailAddresses().stream(),
            Stream.of(
                    user.workPhoneNumber(),
                    user.otherPhoneNumber(),
                    user.mobilePhoneNumber(),
                    user.homePhoneNumber())
                .flatMap(Optional::stream))
        .flatMap(s -> s)
        .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(needle));
  }
}
