package org.openucwa.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openucwa.directory.Users.user;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryTest {

  private final User alice = user("sip:alice@contoso.com", "Alice Smith", "sip:carol@contoso.com");
  private final User bob = user("sip:bob@contoso.com", "Bob Jones");
  private final User carol = user("sip:carol@contoso.com", "Carol White");
  private final Directory directory = new Directory("contoso.com", List.of(alice, bob, carol));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sip:alice@contoso.com",
        "alice@contoso.com",
        "SIP:Alice@Contoso.com",
        "alice",
        "ALICE",
        " alice@contoso.com "
      })
  void a_user_is_found_by_uri_address_or_bare_name_in_any_case(String who) {
    assertThat(directory.find(who)).contains(alice);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "zed",
        "sip:zed@contoso.com",
        "alice@fabrikam.com",
        "sip:alice@fabrikam.com",
        "",
        "  ",
        "sip:",
        "tel:+14255550100"
      })
  void nobody_is_found_for_an_unknown_or_foreign_name(String who) {
    assertThat(directory.find(who)).isEmpty();
  }

  @Test
  void users_keep_the_order_they_were_given_in() {
    assertThat(directory.users()).containsExactly(alice, bob, carol);
    assertThat(directory.domain()).isEqualTo("contoso.com");
  }

  @Test
  void an_explicit_contact_list_is_resolved_to_those_users() {
    assertThat(directory.contactsOf(alice)).containsExactly(carol);
  }

  @Test
  void an_empty_contact_list_means_everyone_else() {
    assertThat(directory.contactsOf(bob)).containsExactly(alice, carol);
  }

  @Test
  void a_user_uri_is_kept_lower_cased() {
    User shouting = user("SIP:Dave@Contoso.COM", "Dave Brown", "sip:Alice@contoso.com");

    assertThat(shouting.uri()).isEqualTo("sip:dave@contoso.com");
    assertThat(shouting.contacts()).containsExactly("sip:alice@contoso.com");
    assertThat(shouting.domain()).isEqualTo("contoso.com");
  }

  @Test
  void a_user_outside_the_domain_is_refused() {
    User stranger = user("sip:erin@fabrikam.com", "Erin");

    assertThatThrownBy(() -> new Directory("contoso.com", List.of(alice, stranger)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fabrikam.com");
  }

  @Test
  void two_users_with_the_same_uri_are_refused() {
    User twin = user("sip:Bob@contoso.com", "Bob Twin");

    assertThatThrownBy(() -> new Directory("contoso.com", List.of(bob, twin)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void a_contact_who_is_not_a_user_is_refused() {
    assertThatThrownBy(() -> new Directory("contoso.com", List.of(alice, bob)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sip:carol@contoso.com");
  }

  @Test
  void a_uri_that_is_not_sip_user_at_domain_is_refused() {
    assertThatThrownBy(() -> user("alice@contoso.com", "Alice"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> user("sip:contoso.com", "Alice"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
