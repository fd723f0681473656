-- Each user's contact list once they first change it: its groups in order (the default group, the
-- pinned group, personal groups and the distribution groups added to it) and the members the user
-- put in them. next_group_id is the number the next new group's id takes.
CREATE TABLE contact_list (
  owner         VARCHAR(512) NOT NULL PRIMARY KEY,
  next_group_id BIGINT NOT NULL
);

CREATE TABLE contact_group (
  owner    VARCHAR(512) NOT NULL,
  id       VARCHAR(64) NOT NULL,
  position INTEGER NOT NULL,
  kind     VARCHAR(32) NOT NULL,
  name     VARCHAR(256) NOT NULL,
  uri      VARCHAR(512),
  PRIMARY KEY (owner, id)
);

CREATE TABLE contact_group_member (
  owner    VARCHAR(512) NOT NULL,
  group_id VARCHAR(64) NOT NULL,
  position INTEGER NOT NULL,
  contact  VARCHAR(512) NOT NULL,
  PRIMARY KEY (owner, group_id, contact)
);
