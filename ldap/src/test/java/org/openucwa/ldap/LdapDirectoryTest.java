package org.openucwa.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.directory.Directory;
import org.openucwa.directory.DistributionGroup;
import org.openucwa.directory.User;
import org.openucwa.people.ContactSearch;

class LdapDirectoryTest {

  private static ActiveDirectoryFixture ad;
  private static LdapDirectory ldap;
  @TempDir static Path photos;

  @BeforeAll
  static void start() throws Exception {
    ad = ActiveDirectoryFixture.start();
    ldap = LdapDirectory.load(ad.settings(), photos);
  }

  @AfterAll
  static void stop() {
    ldap.close();
    ad.close();
  }

  @Test
  void users_enabled_for_sip_are_read_with_their_names_and_fields() {
    assertThat(ldap.directory().domain()).isEqualTo("contoso.com");
    assertThat(ldap.directory().users())
        .extracting(User::uri)
        .containsExactlyInAnyOrder("sip:alice@contoso.com", "sip:bob@contoso.com");
    User alice = ldap.directory().find("alice").orElseThrow();
    assertThat(alice.name()).isEqualTo("Alice Smith");
    assertThat(alice.title()).contains("Engineer");
    assertThat(alice.department()).contains("R&D");
    assertThat(alice.company()).contains("Contoso");
    assertThat(alice.office()).contains("2/1234");
    assertThat(alice.workPhoneNumber()).contains("tel:+14255550100");
    assertThat(alice.mobilePhoneNumber()).contains("tel:+14255550102");
    assertThat(alice.emailAddresses()).containsExactly("alice@contoso.com");
    assertThat(ldap.directory().find("eve")).isEmpty();
  }

  @Test
  void mail_enabled_groups_are_distribution_groups_of_their_members_who_are_users() {
    Directory directory = ldap.directory();
    User alice = directory.find("alice").orElseThrow();
    User bob = directory.find("bob").orElseThrow();

    assertThat(directory.distributionGroupsOf(alice))
        .singleElement()
        .satisfies(
            sales -> {
              assertThat(sales.uri()).isEqualTo("sip:sales@contoso.com");
              assertThat(sales.name()).isEqualTo("Sales Team");
              assertThat(sales.emailAddress()).contains("sales@contoso.com");
              assertThat(sales.members())
                  .as("eve is no user of the server")
                  .containsExactly("sip:alice@contoso.com", "sip:bob@contoso.com");
            });
    assertThat(directory.distributionGroupsOf(bob))
        .extracting(DistributionGroup::uri)
        .containsExactly("sip:sales@contoso.com");
    assertThat(directory.findDistributionGroup("sales@contoso.com")).isPresent();
    assertThat(directory.findDistributionGroup("sip:sales@contoso.com")).isPresent();
    assertThat(directory.findDistributionGroup("admins@contoso.com"))
        .as("a group without mail is no distribution group")
        .isEmpty();
  }

  @Test
  void the_manager_attribute_makes_the_organization_group() {
    Directory directory = ldap.directory();
    User bob = directory.find("bob").orElseThrow();
    assertThat(bob.manager()).contains("sip:alice@contoso.com");
    assertThat(directory.organizationOf(directory.given("sip:alice@contoso.com").orElseThrow()))
        .extracting(User::uri)
        .containsExactly("sip:bob@contoso.com");
  }

  @Test
  void the_thumbnail_photo_becomes_the_users_photo_file() throws Exception {
    User alice = ldap.directory().find("alice").orElseThrow();

    assertThat(alice.photo()).isPresent();
    assertThat(alice.photo().get().getFileName().toString()).endsWith(".png");
    assertThat(Files.readAllBytes(alice.photo().get()))
        .isEqualTo(ActiveDirectoryFixture.ALICE_PHOTO);
    assertThat(ldap.directory().find("bob").orElseThrow().photo()).isEmpty();
  }

  @Test
  void passwords_are_checked_by_binding_as_the_user() {
    User alice = ldap.directory().find("alice").orElseThrow();
    User bob = ldap.directory().find("bob").orElseThrow();

    assertThat(ldap.verify(alice, ActiveDirectoryFixture.ALICE_PASSWORD.toCharArray())).isTrue();
    assertThat(ldap.verify(alice, ActiveDirectoryFixture.BOB_PASSWORD.toCharArray())).isFalse();
    assertThat(ldap.verify(bob, ActiveDirectoryFixture.BOB_PASSWORD.toCharArray())).isTrue();
    assertThat(ldap.verify(alice, new char[0])).as("an empty password binds anonymously").isFalse();
    assertThat(ldap.verify(alice, ActiveDirectoryFixture.ALICE_PASSWORD.toCharArray()))
        .as("again, from the cached DN")
        .isTrue();
  }

  @Test
  void an_unreachable_server_fails_in_one_line_naming_it() {
    LdapSettings nowhere =
        new LdapSettings(
            "ldap://127.0.0.1:1",
            ActiveDirectoryFixture.BASE,
            Optional.empty(),
            Optional.empty(),
            LdapSettings.DEFAULT_FILTER);

    assertThatThrownBy(() -> LdapDirectory.load(nowhere, photos))
        .isInstanceOf(LdapDirectory.LdapUnavailableException.class)
        .hasMessageStartingWith("cannot reach the directory ldap://127.0.0.1:1")
        .hasMessageNotContaining("\n");
  }

  @Test
  void a_wrong_service_password_fails_in_one_line() {
    LdapSettings wrong =
        new LdapSettings(
            ad.url(),
            ActiveDirectoryFixture.BASE,
            Optional.of(ActiveDirectoryFixture.SERVICE_DN),
            Optional.of("not-the-password"),
            LdapSettings.DEFAULT_FILTER);

    assertThatThrownBy(() -> LdapDirectory.load(wrong, photos))
        .isInstanceOf(LdapDirectory.LdapUnavailableException.class)
        .hasMessageNotContaining("\n");
  }

  @Test
  void users_sign_in_as_domain_backslash_account_or_with_their_user_principal_name() {
    assertThat(ldap.directory().find("CONTOSO\\alice").map(User::uri))
        .contains("sip:alice@contoso.com");
    assertThat(ldap.directory().find("contoso\\Bob").map(User::uri))
        .contains("sip:bob@contoso.com");
    assertThat(ldap.directory().find("alice@corp.contoso.com").map(User::uri))
        .contains("sip:alice@contoso.com");
    assertThat(ldap.directory().find("FABRIKAM\\alice")).isEmpty();
    assertThat(ldap.directory().find("CONTOSO\\eve")).as("not enabled for SIP").isEmpty();
    assertThat(ldap.directory().find("CONTOSO\\")).isEmpty();
  }

  @Test
  void a_user_added_to_the_directory_after_start_is_found_once_the_cache_time_has_passed(
      @TempDir Path more) throws Exception {
    try (ActiveDirectoryFixture fresh = ActiveDirectoryFixture.start();
        LdapDirectory live = LdapDirectory.load(fresh.settings(Duration.ofMillis(500)), more)) {
      Directory directory = live.directory();
      ContactSearch search = new ContactSearch(directory);
      assertThat(directory.find("carol")).isEmpty();
      assertThat(search.search("carol", 10).contacts()).isEmpty();

      fresh.addUser("Carol Diaz", "carol", "Carol-AD-pass1");

      // still the cached answers until their time to live has passed
      assertThat(directory.find("carol")).isEmpty();
      Instant deadline = Instant.now().plusSeconds(10);
      while (directory.find("carol").isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      User carol = directory.find("carol").orElseThrow();
      assertThat(carol.name()).isEqualTo("Carol Diaz");
      assertThat(directory.find("CONTOSO\\carol")).contains(carol);
      assertThat(live.verify(carol, "Carol-AD-pass1".toCharArray())).isTrue();
      while (search.search("carol", 10).contacts().isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(search.search("carol", 10).contacts())
          .extracting(User::uri)
          .containsExactly("sip:carol@contoso.com");
      assertThat(search.search("a", 1).moreResultsAvailable()).isTrue();
      // the users read at start are unchanged: carol comes from the directory server
      assertThat(directory.users()).extracting(User::uri).doesNotContain("sip:carol@contoso.com");
    }
  }
}
