package org.openucwa.directory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ready-made directory for trying the server without writing a users file: four users of {@code
 * contoso.com} with fresh random passwords, which the launcher prints once at start-up (they are
 * kept nowhere else). Immutable and thread-safe.
 *
 * @param passwords the plain password of each user, keyed by uri, in directory order
 */
public record DemoDirectory(Directory directory, Map<String, String> passwords) {

  public static final String DOMAIN = "contoso.com";
  static final int PASSWORD_LENGTH = 12;

  /** Letters and digits without the look-alikes 0/O/o, 1/I/l. */
  static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

  private record Person(String user, String name, String title, String department) {}

  private static final List<Person> PEOPLE =
      List.of(
          new Person("alice", "Alice Smith", "Software Engineer", "Engineering"),
          new Person("bob", "Bob Jones", "Product Manager", "Product"),
          new Person("carol", "Carol White", "Engineering Manager", "Engineering"),
          new Person("dave", "Dave Brown", "Account Executive", "Sales"));

  public DemoDirectory {
    Objects.requireNonNull(directory, "directory");
    passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
  }

  /** Makes the four users, drawing passwords and salts from {@code random}. */
  public static DemoDirectory create(SecureRandom random) {
    Map<String, String> passwords = new LinkedHashMap<>();
    List<User> users = new ArrayList<>();
    for (int i = 0; i < PEOPLE.size(); i++) {
      Person person = PEOPLE.get(i);
      String uri = "sip:" + person.user() + "@" + DOMAIN;
      String password = password(random);
      users.add(
          User.builder(uri, person.name())
              .credential(
                  new Credential(
                      PasswordHasher.hash(
                          password.toCharArray(), random, PasswordHasher.ITERATIONS)))
              .title(person.title())
              .department(person.department())
              .company("Contoso")
              .office("Building 1/" + (101 + i))
              .workPhoneNumber("tel:+1425555010" + (i + 1))
              .emailAddresses(List.of(person.user() + "@" + DOMAIN))
              .build());
      passwords.put(uri, password);
    }
    return new DemoDirectory(new Directory(DOMAIN, users), passwords);
  }

  private static String password(SecureRandom random) {
    StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }

  @Override
  public String toString() {
    return "DemoDirectory[" + directory + ", passwords hidden]";
  }
}
