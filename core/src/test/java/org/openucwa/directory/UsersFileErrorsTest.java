package org.openucwa.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fault names the file and the line to look at. Line numbers are noted in the YAML. */
class UsersFileErrorsTest {

  private static final String HASH = Users.cheapHash("pw");

  @TempDir Path folder;

  @Test
  void malformed_yaml_is_reported_at_its_line() {
    assertFault(
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice: Smith
            password: s3cret
        """,
        4,
        "malformed YAML",
        "mapping values are not allowed");
  }

  @Test
  void a_tab_used_for_indentation_is_reported_at_its_line() {
    assertFault(
        "domain: contoso.com\nusers:\n\t- uri: sip:alice@contoso.com\n",
        3,
        "malformed YAML",
        "TAB");
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
  void an_unknown_key_in_a_user_entry_is_named_with_its_line() {
    assertFault(
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
        "user entry of line 3");
  }

  @Test
  void a_conversation_history_policy_other_than_true_or_false_is_reported_at_its_line() {
    assertFault(
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
        "'conversationHistory' of sip:alice@contoso.com must be true or false");
  }

  @Test
  void an_unknown_key_at_the_top_is_named_with_its_line() {
    assertFault(
        """
        domain: contoso.com
        realm: contoso
        users: []
        """,
        2,
        "unknown key 'realm'");
  }

  @Test
  void a_key_given_twice_is_reported_at_the_second() {
    assertFault(
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
        "line 4");
  }

  @Test
  void a_duplicate_uri_names_both_lines() {
    assertFault(
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
        "line 3");
  }

  @Test
  void an_entry_without_uri_is_reported_at_its_first_line() {
    assertFault(
        """
        domain: contoso.com
        users:
          - name: Alice
            passwordHash: %s
        """
            .formatted(HASH),
        3,
        "no 'uri'");
  }

  @Test
  void an_entry_without_name_is_reported_at_its_first_line() {
    assertFault(
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            passwordHash: %s
        """
            .formatted(HASH),
        3,
        "no 'name'");
  }

  @Test
  void an_entry_without_password_is_reported_at_its_first_line() {
    assertFault(
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice
        """,
        3,
        "neither 'password' nor 'passwordHash'");
  }

  @Test
  void an_entry_with_both_password_and_hash_is_reported() {
    assertFault(
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
        "both 'password' and 'passwordHash'");
  }

  @Test
  void an_empty_password_is_reported() {
    assertFault(
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice
            password: ""
        """,
        5,
        "'password'",
        "empty");
  }

  @Test
  void a_uri_not_of_the_form_sip_user_at_domain_is_reported() {
    assertFault(
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
        "alice@contoso.com");
  }

  @Test
  void a_uri_of_another_domain_is_reported() {
    assertFault(
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
        "not in the domain contoso.com");
  }

  @Test
  void a_bad_password_hash_is_reported() {
    assertFault(
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice
            passwordHash: sha1$abc
        """,
        5,
        "'passwordHash'",
        "pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>");
  }

  @Test
  void a_missing_photo_file_is_reported() {
    assertFault(
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
        "does not exist");
  }

  @Test
  void a_contact_who_is_not_a_user_is_reported() {
    assertFault(
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
        "not a user");
  }

  @Test
  void a_list_where_a_single_value_belongs_is_reported() {
    assertFault(
        """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: [Alice, Smith]
            passwordHash: %s
        """
            .formatted(HASH),
        4,
        "'name' must be a single value");
  }

  @Test
  void a_single_value_where_a_list_belongs_is_reported() {
    assertFault(
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
        "'emailAddresses' must be a list");
  }

  @Test
  void a_file_without_domain_is_reported() {
    assertFault(
        """
        users:
          - uri: sip:alice@contoso.com
            name: Alice
            passwordHash: %s
        """
            .formatted(HASH),
        1,
        "no 'domain'");
  }

  @Test
  void a_file_without_users_is_reported() {
    assertFault("domain: contoso.com\nusers: []\n", 2, "'users' lists nobody");
  }

  @Test
  void an_empty_file_is_reported() {
    assertFault("", 1, "empty");
  }

  @Test
  void a_missing_file_is_reported_by_name() {
    Path missing = folder.resolve("nowhere.yaml");

    UsersFileException fault =
        catchThrowableOfType(UsersFileException.class, () -> UsersFile.load(missing));

    assertThat(fault.line()).isEmpty();
    assertThat(fault.getMessage()).contains(missing.toString()).contains("cannot be read");
  }

  @Test
  void a_group_member_who_is_not_a_user_is_named_with_the_line_of_its_key() {
    assertFault(
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
        "the contact sip:zed@contoso.com of sip:alice@contoso.com is not a user");
  }

  @Test
  void a_group_name_longer_than_256_characters_is_refused() {
    assertFault(
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
        "a group name must be 1 to 256 characters");
  }

  @Test
  void a_distribution_group_the_file_does_not_declare_is_named_with_its_line() {
    assertFault(
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
            + " 'distributionGroups'");
  }

  @Test
  void a_distribution_group_member_who_is_not_a_user_is_named_with_its_line() {
    assertFault(
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
        "the member sip:zed@contoso.com of sip:sales@contoso.com is not a user");
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
