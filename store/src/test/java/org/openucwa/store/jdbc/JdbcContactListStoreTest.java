package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.people.ContactGroup;
import org.openucwa.people.ContactList;
import org.openucwa.people.GroupKind;
import org.openucwa.testing.Databases;

class JdbcContactListStoreTest {

  private static final String ALICE = "sip:alice@contoso.com";

  private static ContactList list(long next, ContactGroup... groups) {
    return new ContactList(List.of(groups), next);
  }

  private static ContactGroup group(String id, GroupKind kind, String name, String... members) {
    return new ContactGroup(id, kind, name, Optional.empty(), List.of(members));
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_saved_list_is_read_back_whole_with_its_groups_and_members_in_order(String kind) {
    try (Database db = Databases.fresh(kind)) {
      JdbcContactListStore store = new JdbcContactListStore(db);
      assertThat(store.load(ALICE)).isEmpty();
      ContactList saved =
          list(
              4,
              group(
                  "defaultGroup",
                  GroupKind.defaultGroup,
                  "Other Contacts",
                  "sip:dave@contoso.com",
                  "sip:bob@contoso.com"),
              group("pinnedGroup", GroupKind.pinnedGroup, "Favorites"),
              group("2", GroupKind.group, "Team ünïcode", "sip:carol@contoso.com"),
              new ContactGroup(
                  "3",
                  GroupKind.distributionGroup,
                  "Sales",
                  Optional.of("sip:sales@contoso.com"),
                  List.of()));
      store.save(ALICE, saved);

      assertThat(store.load(ALICE)).contains(saved);
      assertThat(new JdbcContactListStore(db).load("sip:bob@contoso.com")).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_save_replaces_the_whole_list_of_that_user_only(String kind) {
    try (Database db = Databases.fresh(kind)) {
      JdbcContactListStore store = new JdbcContactListStore(db);
      ContactList bobs = list(1, group("defaultGroup", GroupKind.defaultGroup, "Other Contacts"));
      store.save("sip:bob@contoso.com", bobs);
      store.save(
          ALICE, list(2, group("1", GroupKind.group, "Old", "sip:bob@contoso.com", "sip:x@y.z")));
      ContactList now = list(3, group("2", GroupKind.group, "New", "sip:carol@contoso.com"));
      store.save(ALICE, now);

      assertThat(store.load(ALICE)).contains(now);
      assertThat(store.load("sip:bob@contoso.com")).contains(bobs);
    }
  }
}
