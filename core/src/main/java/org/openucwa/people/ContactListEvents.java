package org.openucwa.people;

import java.util.List;
import org.openucwa.application.Application;

/** Where contact-list changes and the subscription's own events go: the edge renders them. */
public interface ContactListEvents {

  /** Changes of the user's list, for an application whose subscription is Connected. */
  void changed(Application app, List<ContactListChange> changes);

  /** The subscription is about to expire (myContactsAndGroupsSubscription updated). */
  void expiring(Application app, ContactsAndGroupsSubscription subscription);
}
