package org.openucwa.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fault names the file and the line to look at. Line numbers are noted in the YAML. */
class UsersFileErrorsTest {

  private static final String HASH = Users.cheapHash("pw");

  @TempDir Path folder;

  /** What each faulty file says, the line it names, and what its message holds. */
  static Stream<Arguments> faults() {
    return Stream.of(
        fault(
            "malformed yaml is reported at its line",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice: Smith
                password: s3cret
            """,
            4,
            "malformed YAML",
            "mapping values are not allowed"),
        fault(
            "a tab used for indentation is reported at its line",
            "domain: contoso.com\nusers:\n\t- uri: sip:alice@contoso.com\n",
            3,
            "malformed YAML",
            "TAB"),
        fault(
            "an unknown key in a user entry is named with its line",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
                titel: Engineer
            """
                .formatted(HASH),
            6,
            "unknown key 'titel'",
            "user entry of line 3"),
        fault(
            "a conversation history policy other than true or false is reported at its line",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
                conversationHistory: sometimes
            """
                .formatted(HASH),
            6,
            "'conversationHistory' of sip:alice@contoso.com must be true or false"),
        fault(
            "an unknown key at the top is named with its line",
            """
            domain: contoso.com
            realm: contoso
            users: []
            """,
            2,
            "unknown key 'realm'"),
        fault(
            "a key given twice is reported at the second",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                name: Alicia
                passwordHash: %s
            """
                .formatted(HASH),
            5,
            "'name' appears twice",
            "line 4"),
        fault(
            "a duplicate uri names both lines",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %1$s
              - uri: SIP:Alice@contoso.com
                name: Other Alice
                passwordHash: %1$s
            """
                .formatted(HASH),
            6,
            "sip:alice@contoso.com",
            "line 6",
            "line 3"),
        fault(
            "an entry without uri is reported at its first line",
            """
            domain: contoso.com
            users:
              - name: Alice
                passwordHash: %s
            """
                .formatted(HASH),
            3,
            "no 'uri'"),
        fault(
            "an entry without name is reported at its first line",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                passwordHash: %s
            """
                .formatted(HASH),
            3,
            "no 'name'"),
        fault(
            "an entry without password is reported at its first line",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
            """,
            3,
            "neither 'password' nor 'passwordHash'"),
        fault(
            "an entry with both password and hash is reported",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                password: s3cret
                passwordHash: %s
            """
                .formatted(HASH),
            6,
            "both 'password' and 'passwordHash'"),
        fault(
            "an empty password is reported",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                password: ""
            """,
            5,
            "'password'",
            "empty"),
        fault(
            "a uri not of the form sip user at domain is reported",
            """
            domain: contoso.com
            users:
              - name: Alice
                uri: alice@contoso.com
                passwordHash: %s
            """
                .formatted(HASH),
            4,
            "sip:user@domain",
            "alice@contoso.com"),
        fault(
            "a uri of another domain is reported",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@fabrikam.com
                name: Alice
                passwordHash: %s
            """
                .formatted(HASH),
            3,
            "sip:alice@fabrikam.com",
            "not in the domain contoso.com"),
        fault(
            "a bad password hash is reported",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: sha1$abc
            """,
            5,
            "'passwordHash'",
            "pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>"),
        fault(
            "a missing photo file is reported",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
                photo: photos/alice.png
            """
                .formatted(HASH),
            6,
            "photo",
            "alice.png",
            "does not exist"),
        fault(
            "a contact who is not a user is reported",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
                contacts:
                  - sip:zed@contoso.com
            """
                .formatted(HASH),
            6,
            "sip:zed@contoso.com",
            "not a user"),
        fault(
            "a list where a single value belongs is reported",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: [Alice, Smith]
                passwordHash: %s
            """
                .formatted(HASH),
            4,
            "'name' must be a single value"),
        fault(
            "a single value where a list belongs is reported",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
                emailAddresses: alice@contoso.com
            """
                .formatted(HASH),
            6,
            "'emailAddresses' must be a list"),
        fault(
            "a file without domain is reported",
            """
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
            """
                .formatted(HASH),
            1,
            "no 'domain'"),
        fault(
            "a file without users is reported",
            "domain: contoso.com\nusers: []\n",
            2,
            "'users' lists nobody"),
        fault("an empty file is reported", "", 1, "empty"),
        fault(
            "a group member who is not a user is named with the line of its key",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
                favorites: [sip:bob@contoso.com]
                groups:
                  Team: [sip:zed@contoso.com]
              - {uri: "sip:bob@contoso.com", name: Bob, passwordHash: x}
            """
                .formatted(HASH)
                .replace("passwordHash: x", "passwordHash: " + HASH),
            7,
            "the contact sip:zed@contoso.com of sip:alice@contoso.com is not a user"),
        fault(
            "a group name longer than 256 characters is refused",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
                groups:
                  %s: []
            """
                .formatted(HASH, "g".repeat(257)),
            6,
            "a group name must be 1 to 256 characters"),
        fault(
            "a distribution group the file does not declare is named with its line",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
                distributionGroups: [sales@contoso.com]
            """
                .formatted(HASH),
            6,
            "the distribution group sales@contoso.com of sip:alice@contoso.com is not in"
                + " 'distributionGroups'"),
        fault(
            "a distribution group member who is not a user is named with its line",
            """
            domain: contoso.com
            users:
              - uri: sip:alice@contoso.com
                name: Alice
                passwordHash: %s
            distributionGroups:
              - uri: sip:sales@contoso.com
                name: Sales
                members: [sip:zed@contoso.com]
            """
                .formatted(HASH),
            9,
            "the member sip:zed@contoso.com of sip:sales@contoso.com is not a user"));
  }

  private static Arguments fault(String says, String yaml, int line, String... fragments) {
    return Arguments.of(says, yaml, line, fragments);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void every_fault_names_the_file_and_the_line(
      String says, String yaml, int line, String[] fragments) {
    assertFault(yaml, line, fragments);
  }

  @Test
  void a_home_is_a_nodes_public_url() throws IOException {
    assertFault(
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice
            passwordHash: %s
            home: ucwa2.contoso.com
        """
            .formatted(HASH),
        6,
        "'home' of sip:alice@contoso.com must be a node's public URL");
    Path file = folder.resolve("pinned.yaml");
    Files.writeString(
        file,
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice
            passwordHash: %s
            home: https://ucwa2.contoso.com/
          - uri: sip:bob@contoso.com
            name: Bob
            passwordHash: %s
        """
            .formatted(HASH, HASH));
    Directory d = UsersFile.load(file);
    assertThat(d.find("sip:alice@contoso.com").orElseThrow().home())
        .contains("https://ucwa2.contoso.com");
    assertThat(d.find("sip:bob@contoso.com").orElseThrow().home()).isEmpty();
  }

  @Test
  void a_missing_file_is_reported_by_name() {
    Path missing = folder.resolve("nowhere.yaml");

    UsersFileException fault =
        catchThrowableOfType(UsersFileException.class, () -> UsersFile.load(missing));

    assertThat(fault.line()).isEmpty();
    assertThat(fault.getMessage()).contains(missing.toString()).contains("cannot be read");
  }

  private void assertFault(String yaml, int line, String... fragments) {
    Path file = folder.resolve("users.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }

    UsersFileException fault =
        catchThrowableOfType(UsersFileException.class, () -> UsersFile.load(file));

    assertThat(fault).as("a fault for:%n%s", yaml).isNotNull();
    assertThat(fault.line()).as(fault.getMessage()).hasValue(line);
    assertThat(fault.file()).isEqualTo(file);
    assertThat(fault.getMessage())
        .startsWith("users file " + file + ", line " + line + ": ")
        .contains(fragments);
  }
}
