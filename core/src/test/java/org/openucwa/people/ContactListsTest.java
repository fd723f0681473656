package org.openucwa.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucwa.directory.ContactListSeed;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.routing.Signal;

/** The rules of a contact list that HTTP makes awkward to reach: limits and a failing store. */
class ContactListsTest {

  private final List<Signal> sent = new ArrayList<>();

  private static Directory directory() {
    Credential c = new Credential("pbkdf2-sha256$1000$AAAA$AAAA");
    List<User> users = new ArrayList<>();
    for (String name : List.of("alice", "bob", "carol", "dave")) {
      User.Builder b = User.builder("sip:" + name + "@contoso.com", name).credential(c);
      if (name.equals("alice")) {
        b.contacts(List.of("sip:bob@contoso.com"))
            .seed(
                new ContactListSeed(
                    Map.of("Team", List.of("sip:carol@contoso.com")), List.of(), List.of()));
      }
      users.add(b.build());
    }
    return new Directory("contoso.com", users);
  }

  private static void assertRefused(Runnable r, ErrorCode code, Subcode subcode) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            UcwaException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.reason().subcode()).contains(subcode.name());
            });
  }

  @Test
  void a_list_beyond_its_limit_is_refused_with_409_limit_exceeded_and_left_as_it_was() {
    Directory d = directory();
    ContactLists lists = new ContactLists(d, new InMemoryContactListStore(), sent::add, 2);
    User alice = d.find("alice").orElseThrow();
    assertThat(lists.contacts(alice))
        .extracting(User::uri)
        .containsExactly("sip:bob@contoso.com", "sip:carol@contoso.com");

    assertRefused(
        () -> lists.addMember(alice, Optional.empty(), "sip:dave@contoso.com"),
        ErrorCode.Conflict,
        Subcode.LimitExceeded);
    assertThat(lists.contacts(alice)).hasSize(2);
    assertThat(sent).isEmpty();

    // a contact already listed may join another group
    lists.addMember(alice, Optional.of("pinnedGroup"), "sip:bob@contoso.com");
    assertThat(lists.group(alice, "pinnedGroup").members()).containsExactly("sip:bob@contoso.com");
    assertThat(sent).hasSize(1);
    ContactListSignals.Changed changed = (ContactListSignals.Changed) sent.get(0);
    assertThat(changed.to()).isEqualTo("sip:alice@contoso.com");
    assertThat(changed.changes())
        .containsExactly(
            new ContactListChange.MemberAdded(
                lists.group(alice, "pinnedGroup"), "sip:bob@contoso.com"));
  }

  @Test
  void a_store_that_fails_leaves_the_list_unchanged_and_tells_nobody() {
    Directory d = directory();
    ContactListStore failing =
        new ContactListStore() {
          @Override
          public Optional<ContactList> load(String ownerUri) {
            return Optional.empty();
          }

          @Override
          public void save(String ownerUri, ContactList list) {
            throw new IllegalStateException("the database is away");
          }
        };
    ContactLists lists = new ContactLists(d, failing, sent::add, 250);
    User alice = d.find("alice").orElseThrow();
    assertThatThrownBy(() -> lists.createGroup(alice, "New"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(lists.groups(alice)).extracting(ContactGroup::name).doesNotContain("New");
    assertThat(sent).isEmpty();
  }

  @Test
  void deleting_a_group_takes_out_of_the_list_the_contacts_no_other_group_holds() {
    Directory d = directory();
    ContactLists lists = new ContactLists(d, new InMemoryContactListStore(), sent::add, 250);
    User alice = d.find("alice").orElseThrow();
    ContactGroup team =
        lists.groups(alice).stream().filter(g -> g.name().equals("Team")).findFirst().orElseThrow();
    lists.deleteGroup(alice, team.id());

    assertThat(lists.contacts(alice)).extracting(User::uri).containsExactly("sip:bob@contoso.com");
    ContactListSignals.Changed changed = (ContactListSignals.Changed) sent.get(0);
    assertThat(changed.changes())
        .containsExactly(
            new ContactListChange.GroupDeleted(team),
            new ContactListChange.ContactDeleted("sip:carol@contoso.com"));
  }
}
