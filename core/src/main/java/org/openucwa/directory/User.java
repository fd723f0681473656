package org.openucwa.directory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who can sign in, with what the directory says about them. The {@code uri} is always the
 * lower-cased {@code sip:user@domain}, so two users compare equal by uri whatever the case they
 * were written in. An empty {@code contacts} list means "everyone else in the directory" (see
 * {@link Directory#contactsOf}).
 *
 * <p>Immutable and thread-safe.
 */
public record User(
    String uri,
    String name,
    Credential credential,
    Optional<String> title,
    Optional<String> department,
    Optional<String> company,
    Optional<String> office,
    Optional<String> workPhoneNumber,
    Optional<String> otherPhoneNumber,
    Optional<String> mobilePhoneNumber,
    Optional<String> homePhoneNumber,
    List<String> emailAddresses,
    List<String> contacts,
    Optional<Path> photo,
    Optional<String> outOfOfficeNote,
    boolean conversationHistory,
    ContactListSeed seed,
    List<String> delegates,
    Optional<String> manager,
    Optional<String> home) {

  public User {
    String given = Objects.requireNonNull(uri, "uri");
    uri =
        SipUris.normalize(given)
            .orElseThrow(
                () -> new IllegalArgumentException("not of the form sip:user@domain: " + given));
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the name of " + uri + " is blank");
    }
    Objects.requireNonNull(credential, "credential");
    List.of(
            title,
            department,
            company,
            office,
            workPhoneNumber,
            otherPhoneNumber,
            mobilePhoneNumber,
            homePhoneNumber,
            photo,
            outOfOfficeNote,
            manager,
            home)
        .forEach(Objects::requireNonNull);
    Objects.requireNonNull(seed, "seed");
    manager = manager.map(m -> normalized(m, "manager"));
    delegates = delegates.stream().map(d -> normalized(d, "delegate")).toList();
    emailAddresses = List.copyOf(emailAddresses);
    contacts = contacts.stream().map(c -> normalized(c, "contact")).toList();
  }

  private static String normalized(String uri, String what) {
    return SipUris.normalize(uri)
        .orElseThrow(
            () -> new IllegalArgumentException(what + " not of the form sip:user@domain: " + uri));
  }

  /**
   * Everyone the user names in the directory: contacts, the members of their groups and favorites,
   * their delegates and their manager.
   */
  public java.util.Set<String> named() {
    java.util.Set<String> all = new java.util.LinkedHashSet<>(contacts);
    all.addAll(seed.contacts());
    all.addAll(delegates);
    manager.ifPresent(all::add);
    return all;
  }

  /** Starts a user; give it a {@link Builder#credential} before {@link Builder#build}. */
  public static Builder builder(String uri, String name) {
    return new Builder(uri, name);
  }

  /** The part after the {@code @}, such as {@code contoso.com}. */
  public String domain() {
    return SipUris.domainOf(uri);
  }

  /** Collects the optional fields of a {@link User}. Not thread-safe; use it on one thread. */
  public static final class Builder {
    private final String uri;
    private final String name;
    private Optional<Credential> credential = Optional.empty();
    private boolean conversationHistory = true;
    private Optional<String> title = Optional.empty();
    private Optional<String> department = Optional.empty();
    private Optional<String> company = Optional.empty();
    private Optional<String> office = Optional.empty();
    private Optional<String> workPhoneNumber = Optional.empty();
    private Optional<String> otherPhoneNumber = Optional.empty();
    private Optional<String> mobilePhoneNumber = Optional.empty();
    private Optional<String> homePhoneNumber = Optional.empty();
    private final List<String> emailAddresses = new ArrayList<>();
    private final List<String> contacts = new ArrayList<>();
    private Optional<Path> photo = Optional.empty();
    private Optional<String> outOfOfficeNote = Optional.empty();
    private ContactListSeed seed = ContactListSeed.NONE;
    private final List<String> delegates = new ArrayList<>();
    private Optional<String> manager = Optional.empty();
    private Optional<String> home = Optional.empty();

    private Builder(String uri, String name) {
      this.uri = uri;
      this.name = name;
    }

    public Builder credential(Credential value) {
      credential = Optional.of(value);
      return this;
    }

    public Builder title(String value) {
      title = Optional.of(value);
      return this;
    }

    public Builder department(String value) {
      department = Optional.of(value);
      return this;
    }

    public Builder company(String value) {
      company = Optional.of(value);
      return this;
    }

    public Builder office(String value) {
      office = Optional.of(value);
      return this;
    }

    public Builder workPhoneNumber(String value) {
      workPhoneNumber = Optional.of(value);
      return this;
    }

    public Builder otherPhoneNumber(String value) {
      otherPhoneNumber = Optional.of(value);
      return this;
    }

    public Builder mobilePhoneNumber(String value) {
      mobilePhoneNumber = Optional.of(value);
      return this;
    }

    public Builder homePhoneNumber(String value) {
      homePhoneNumber = Optional.of(value);
      return this;
    }

    public Builder emailAddresses(List<String> values) {
      emailAddresses.addAll(values);
      return this;
    }

    public Builder contacts(List<String> uris) {
      contacts.addAll(uris);
      return this;
    }

    /** Whether the server keeps this user's conversation history (on unless turned off). */
    public Builder conversationHistory(boolean value) {
      conversationHistory = value;
      return this;
    }

    public Builder photo(Path file) {
      photo = Optional.of(file);
      return this;
    }

    /** The out-of-office note the users file gives, shown instead of the personal note. */
    public Builder outOfOfficeNote(String text) {
      outOfOfficeNote = Optional.of(text);
      return this;
    }

    /** The groups, favorites and distribution groups her contact list starts with. */
    public Builder seed(ContactListSeed value) {
      seed = value;
      return this;
    }

    /** The users the directory names as her delegates (her delegatesGroup). */
    public Builder delegates(List<String> uris) {
      delegates.addAll(uris);
      return this;
    }

    /** Her manager: with the manager's other reports and her own, her myOrganizationGroup. */
    public Builder manager(String uri) {
      manager = Optional.of(uri);
      return this;
    }

    /** In a cluster, the public URL of the node this user is homed on (decision 0060). */
    public Builder home(String publicUrl) {
      home = Optional.of(publicUrl);
      return this;
    }

    /**
     * @throws IllegalStateException if no credential was given
     */
    public User build() {
      Credential checked =
          credential.orElseThrow(() -> new IllegalStateException("no credential for " + uri));
      return new User(
          uri,
          name,
          checked,
          title,
          department,
          company,
          office,
          workPhoneNumber,
          otherPhoneNumber,
          mobilePhoneNumber,
          homePhoneNumber,
          emailAddresses,
          contacts,
          photo,
          outOfOfficeNote,
          conversationHistory,
          seed,
          delegates,
          manager,
          home);
    }
  }
}
