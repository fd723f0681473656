package org.openucwa.directory;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openucwa.directory.UsersFileParser.Entry;
import org.openucwa.directory.UsersFileParser.Field;

/**
 * One checked entry of the users file. It checks what an entry shows on its own; {@link UsersFile}
 * checks what needs the whole file (duplicate uris, contacts that name no user). A plain password
 * is hashed only in {@link #toUser()}, so a file with a fault costs no hashing.
 *
 * <p>Made and used on one thread.
 */
final class UserEntry {

  /** Makes the exception for a fault at a line of the file being read. */
  @FunctionalInterface
  interface Faults {
    UsersFileException at(int line, String problem);
  }

  private final Entry entry;
  private final int uriLine;
  private final String uri;
  private final List<String> contacts;
  private final List<String> distributionGroups;
  private final User.Builder builder;
  private final Supplier<Credential> credential;

  private UserEntry(
      Entry entry,
      int uriLine,
      String uri,
      List<String> contacts,
      List<String> distributionGroups,
      User.Builder builder,
      Supplier<Credential> credential) {
    this.entry = entry;
    this.uriLine = uriLine;
    this.uri = uri;
    this.contacts = contacts;
    this.distributionGroups = distributionGroups;
    this.builder = builder;
    this.credential = credential;
  }

  static UserEntry check(Entry entry, String domain, Path folder, Faults faults) {
    Field uriField =
        entry
            .field("uri")
            .filter(f -> f.text().isPresent())
            .orElseThrow(() -> faults.at(entry.line(), "the user entry has no 'uri'"));
    String text = uriField.text().orElseThrow();
    String uri =
        SipUris.normalize(text)
            .orElseThrow(
                () ->
                    faults.at(
                        uriField.line(),
                        "'uri' must be of the form sip:user@domain, not '" + text + "'"));
    if (!SipUris.domainOf(uri).equals(domain)) {
      throw faults.at(uriField.line(), "the uri " + uri + " is not in the domain " + domain);
    }
    String name =
        entry
            .text("name")
            .filter(n -> !n.isBlank())
            .orElseThrow(() -> faults.at(entry.line(), "the user " + uri + " has no 'name'"));
    Supplier<Credential> credential = credential(entry, uri, faults);
    List<String> contacts = uris(entry, "contacts", "contact", faults);
    List<String> favorites = uris(entry, "favorites", "favorite", faults);
    List<String> delegates = uris(entry, "delegates", "delegate", faults);
    Map<String, List<String>> groups = new LinkedHashMap<>();
    entry
        .field("groups")
        .ifPresent(
            field ->
                field
                    .mapping()
                    .forEach(
                        (group, members) -> {
                          if (group.isBlank() || group.length() > MAX_GROUP_NAME) {
                            throw faults.at(
                                field.line(),
                                "a group name must be 1 to " + MAX_GROUP_NAME + " characters");
                          }
                          groups.put(group, uris(field, members, "member", faults));
                        }));
    List<String> distributionGroups =
        entry.field("distributionGroups").map(Field::items).orElse(List.of());
    List<String> named = new ArrayList<>(contacts);
    named.addAll(favorites);
    named.addAll(delegates);
    groups.values().forEach(named::addAll);
    User.Builder builder =
        User.builder(uri, name)
            .contacts(contacts)
            .delegates(delegates)
            .seed(new ContactListSeed(groups, favorites, distributionGroups));
    Optional<String> manager =
        entry
            .field("manager")
            .flatMap(
                field ->
                    field
                        .text()
                        .map(
                            m ->
                                SipUris.normalize(m)
                                    .orElseThrow(
                                        () ->
                                            faults.at(
                                                field.line(),
                                                "the manager '"
                                                    + m
                                                    + "' is not of the form sip:user@domain"))));
    manager.ifPresent(builder::manager);
    manager.ifPresent(named::add);
    entry.text("title").ifPresent(builder::title);
    entry.text("department").ifPresent(builder::department);
    entry.text("company").ifPresent(builder::company);
    entry.text("office").ifPresent(builder::office);
    entry.text("workPhoneNumber").ifPresent(builder::workPhoneNumber);
    entry.text("otherPhoneNumber").ifPresent(builder::otherPhoneNumber);
    entry.text("mobilePhoneNumber").ifPresent(builder::mobilePhoneNumber);
    entry.text("homePhoneNumber").ifPresent(builder::homePhoneNumber);
    entry.text("outOfOfficeNote").ifPresent(builder::outOfOfficeNote);
    entry
        .field("home")
        .ifPresent(
            field -> {
              String url = field.text().orElse("").trim();
              if (!url.matches("https?://[^/?#\\s]+/?")) {
                throw faults.at(
                    field.line(),
                    "'home' of " + uri + " must be a node's public URL, scheme://host[:port]");
              }
              builder.home(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            });
    entry.field("emailAddresses").ifPresent(field -> builder.emailAddresses(field.items()));
    entry
        .field("conversationHistory")
        .ifPresent(
            field -> {
              String v = field.text().orElse("true");
              if (!v.equals("true") && !v.equals("false")) {
                throw faults.at(
                    field.line(), "'conversationHistory' of " + uri + " must be true or false");
              }
              builder.conversationHistory(v.equals("true"));
            });
    entry
        .field("photo")
        .ifPresent(
            field ->
                field
                    .text()
                    .ifPresent(photo -> builder.photo(photo(field.line(), photo, folder, faults))));
    return new UserEntry(
        entry, uriField.line(), uri, List.copyOf(named), distributionGroups, builder, credential);
  }

  /** The longest group name (group_ref.md: "The maximum length is 256 characters"). */
  static final int MAX_GROUP_NAME = 256;

  private static List<String> uris(Entry entry, String key, String what, Faults faults) {
    return entry
        .field(key)
        .map(field -> uris(field, field.items(), what, faults))
        .orElse(List.of());
  }

  private static List<String> uris(Field field, List<String> items, String what, Faults faults) {
    return items.stream()
        .map(
            item ->
                SipUris.normalize(item)
                    .orElseThrow(
                        () ->
                            faults.at(
                                field.line(),
                                "the "
                                    + what
                                    + " '"
                                    + item
                                    + "' is not of the form sip:user@domain")))
        .toList();
  }

  /** The line of the {@code uri} key. */
  int uriLine() {
    return uriLine;
  }

  String uri() {
    return uri;
  }

  /** Everyone the entry names: contacts, group members, favorites, delegates, manager. */
  List<String> contacts() {
    return contacts;
  }

  /** The distribution groups the entry puts in the user's contact list. */
  List<String> distributionGroups() {
    return distributionGroups;
  }

  /** The line of the key naming {@code contact}, or of the entry. */
  int contactsLine(String contact) {
    for (String key : List.of("contacts", "groups", "favorites", "delegates", "manager")) {
      Optional<Field> f = entry.field(key);
      if (f.isPresent()
          && (f.get().items().stream().anyMatch(i -> contact.equals(normalized(i)))
              || f.get().text().map(t -> contact.equals(normalized(t))).orElse(false)
              || f.get().mapping().values().stream()
                  .flatMap(List::stream)
                  .anyMatch(i -> contact.equals(normalized(i))))) {
        return f.get().line();
      }
    }
    return entry.line();
  }

  /** The line of the {@code distributionGroups} key, or of the entry. */
  int distributionGroupsLine() {
    return entry.field("distributionGroups").map(Field::line).orElse(entry.line());
  }

  private static String normalized(String text) {
    return SipUris.normalize(text).orElse(text);
  }

  /** The user; a plain password the entry gave is hashed on first sign-in. */
  User toUser() {
    return builder.credential(credential.get()).build();
  }

  private static Supplier<Credential> credential(Entry entry, String uri, Faults faults) {
    var password = entry.field("password").filter(f -> f.text().isPresent());
    var hash = entry.field("passwordHash").filter(f -> f.text().isPresent());
    if (password.isPresent() && hash.isPresent()) {
      throw faults.at(
          Math.max(password.get().line(), hash.get().line()),
          "the user " + uri + " has both 'password' and 'passwordHash'; give exactly one");
    }
    if (hash.isPresent()) {
      String encoded = hash.get().text().orElseThrow();
      if (!PasswordHasher.isWellFormed(encoded)) {
        throw faults.at(
            hash.get().line(), "'passwordHash' is not of the form " + PasswordHasher.FORMAT);
      }
      Credential credential = new Credential(encoded);
      return () -> credential;
    }
    Field field =
        password.orElseThrow(
            () ->
                faults.at(
                    entry.line(),
                    "the user "
                        + uri
                        + " has neither 'password' nor 'passwordHash'; give exactly one"));
    String plain = field.text().orElseThrow();
    if (plain.isEmpty()) {
      throw faults.at(field.line(), "the 'password' of " + uri + " is empty");
    }
    return () -> {
      char[] chars = plain.toCharArray();
      try {
        return Credential.hashedOnFirstUse(chars);
      } finally {
        Arrays.fill(chars, '\0');
      }
    };
  }

  private static Path photo(int line, String photo, Path folder, Faults faults) {
    try {
      Path file = folder.resolve(photo).normalize();
      if (Files.isRegularFile(file)) {
        return file;
      }
      throw faults.at(line, "the photo file " + file + " does not exist");
    } catch (InvalidPathException e) {
      throw faults.at(line, "the photo '" + photo + "' is not a valid path");
    }
  }
}
