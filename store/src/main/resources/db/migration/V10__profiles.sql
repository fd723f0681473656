-- What each user set of their own profile (note_ref.md, location_ref.md, phone_ref.md): the
-- personal note and the location, and each phone type whose number or visibility they changed.
-- The out-of-office note and the directory's numbers are read from the directory, never kept here.
CREATE TABLE user_profile (
  owner          VARCHAR(512) NOT NULL PRIMARY KEY,
  personal_note  VARCHAR(1000),
  location       VARCHAR(256)
);

CREATE TABLE user_phone (
  owner    VARCHAR(512) NOT NULL,
  type     VARCHAR(16) NOT NULL,
  number   VARCHAR(256),
  visible  BOOLEAN NOT NULL,
  PRIMARY KEY (owner, type)
);
