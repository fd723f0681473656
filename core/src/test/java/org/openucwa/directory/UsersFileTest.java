package org.openucwa.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

  @TempDir Path folder;

  @Test
  void a_file_with_every_field_loads_them_all() throws IOException {
    Files.createDirectories(folder.resolve("photos"));
    Files.write(folder.resolve("photos/alice.png"), new byte[] {1, 2, 3});
    String bobHash = Users.cheapHash("b0b");
    Path file =
        write(
            """
        domain: Contoso.com
        users:
          - uri: sip:Alice@contoso.com
            name: Alice Smith
            password: s3cret
            title: Engineer
            department: R&D
            company: Contoso
            office: 2/1234
            workPhoneNumber: tel:+14255550100
            otherPhoneNumber: tel:+14255550101
            mobilePhoneNumber: tel:+14255550102
            homePhoneNumber: tel:+14255550103
            outOfOfficeNote: Back on Monday
            emailAddresses: [alice@contoso.com, a.smith@contoso.com]
            contacts: [sip:bob@contoso.com]
            photo: photos/alice.png
            conversationHistory: false
          - uri: sip:bob@contoso.com
            name: Bob Jones
            passwordHash: %s
        """
                .formatted(bobHash));

    Directory directory = UsersFile.load(file);

    assertThat(directory.domain()).isEqualTo("contoso.com");
    User alice = directory.users().get(0);
    assertThat(alice.credential().hashed()).as("a plain password is hashed on first use").isFalse();
    assertThat(alice.uri()).isEqualTo("sip:alice@contoso.com");
    assertThat(alice.name()).isEqualTo("Alice Smith");
    assertThat(alice.credential().encoded()).startsWith("pbkdf2-sha256$210000$");
    assertThat(alice.credential().verify("s3cret".toCharArray())).isTrue();
    assertThat(alice.title()).contains("Engineer");
    assertThat(alice.department()).contains("R&D");
    assertThat(alice.company()).contains("Contoso");
    assertThat(alice.office()).contains("2/1234");
    assertThat(alice.workPhoneNumber()).contains("tel:+14255550100");
    assertThat(alice.otherPhoneNumber()).contains("tel:+14255550101");
    assertThat(alice.mobilePhoneNumber()).contains("tel:+14255550102");
    assertThat(alice.homePhoneNumber()).contains("tel:+14255550103");
    assertThat(alice.outOfOfficeNote()).contains("Back on Monday");
    assertThat(alice.emailAddresses()).containsExactly("alice@contoso.com", "a.smith@contoso.com");
    assertThat(alice.contacts()).containsExactly("sip:bob@contoso.com");
    assertThat(alice.photo()).contains(folder.resolve("photos/alice.png").toAbsolutePath());
    assertThat(alice.conversationHistory()).isFalse();
    User bob = directory.users().get(1);
    assertThat(bob.credential().encoded()).isEqualTo(bobHash);
    assertThat(bob.title()).isEmpty();
    assertThat(bob.emailAddresses()).isEmpty();
    assertThat(bob.photo()).isEmpty();
    assertThat(bob.conversationHistory()).isTrue();
    assertThat(directory.contactsOf(bob)).containsExactly(alice);
  }

  @Test
  void values_that_look_like_numbers_or_booleans_are_kept_as_written() throws IOException {
    Path file =
        write(
            """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice
            passwordHash: %s
            office: 0123
            title: yes
            workPhoneNumber: 4255550100
            department:
        """
                .formatted(Users.cheapHash("pw")));

    User alice = UsersFile.load(file).users().get(0);

    assertThat(alice.office()).contains("0123");
    assertThat(alice.title()).contains("yes");
    assertThat(alice.workPhoneNumber()).contains("4255550100");
    assertThat(alice.department()).isEmpty();
  }

  @Test
  void users_keep_the_order_of_the_file() throws IOException {
    String hash = Users.cheapHash("pw");
    Path file =
        write(
            """
        users:
          - {uri: "sip:carol@contoso.com", name: Carol, passwordHash: "%1$s"}
          - {uri: "sip:alice@contoso.com", name: Alice, passwordHash: "%1$s"}
          - {uri: "sip:bob@contoso.com", name: Bob, passwordHash: "%1$s"}
        domain: contoso.com
        """
                .formatted(hash));

    assertThat(UsersFile.load(file).users())
        .extracting(User::name)
        .containsExactly("Carol", "Alice", "Bob");
  }

  @Test
  void groups_favorites_delegates_manager_and_distribution_groups_are_read() throws IOException {
    String hash = Users.cheapHash("pw");
    Path file =
        write(
            """
        domain: contoso.com
        users:
          - uri: sip:alice@contoso.com
            name: Alice
            passwordHash: "%1$s"
            groups:
              Team: [sip:bob@contoso.com, SIP:Carol@contoso.com]
              Empty:
            favorites: [sip:bob@contoso.com]
            delegates: [sip:carol@contoso.com]
            distributionGroups: [sales@contoso.com]
          - {uri: "sip:bob@contoso.com", name: Bob, passwordHash: "%1$s",
             manager: "sip:alice@contoso.com"}
          - {uri: "sip:carol@contoso.com", name: Carol, passwordHash: "%1$s",
             manager: "sip:alice@contoso.com"}
        distributionGroups:
          - uri: sip:sales-team@contoso.com
            name: Sales
            emailAddress: sales@contoso.com
            members: [sip:bob@contoso.com]
        """
                .formatted(hash));

    Directory d = UsersFile.load(file);
    User alice = d.find("alice").orElseThrow();
    assertThat(alice.seed().groups())
        .containsExactly(
            Map.entry("Team", List.of("sip:bob@contoso.com", "sip:carol@contoso.com")),
            Map.entry("Empty", List.of()));
    assertThat(alice.seed().favorites()).containsExactly("sip:bob@contoso.com");
    assertThat(alice.seed().distributionGroups()).containsExactly("sales@contoso.com");
    assertThat(alice.delegates()).containsExactly("sip:carol@contoso.com");
    assertThat(d.delegatorsOf(d.find("carol").orElseThrow())).containsExactly(alice);
    assertThat(d.organizationOf(alice)).extracting(User::name).containsExactly("Bob", "Carol");
    assertThat(d.organizationOf(d.find("bob").orElseThrow()))
        .extracting(User::name)
        .containsExactly("Alice", "Carol");
    DistributionGroup sales = d.findDistributionGroup("SALES@contoso.com").orElseThrow();
    assertThat(sales.uri()).isEqualTo("sip:sales-team@contoso.com");
    assertThat(sales.members()).containsExactly("sip:bob@contoso.com");
    assertThat(d.findDistributionGroup("sip:sales-team@contoso.com")).contains(sales);
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(folder.resolve("users.yaml"), yaml);
  }
}
