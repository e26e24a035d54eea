-- 0005: notices (wanted, fugitive, missing, trafficking victim, vehicle of
-- interest), the cases they are linked to, hits at checkpoints, pending
-- hit notifications, and per-checkpoint daily screening counters.
--
-- A notice is issued by a unit as a draft, activated by a supervisor of
-- that unit or a unit above it, and ends withdrawn, expired (past
-- valid_to) or hit (the subject was found and taken in). Only active
-- notices are screened (core/screen.c keeps them in an in-memory index).
-- Rows are never deleted: the audit log and hits name them.

CREATE TABLE notices (
  id            TEXT PRIMARY KEY,                 -- ULID
  ref           TEXT NOT NULL UNIQUE,             -- human reference, 1..32 of [A-Za-z0-9._-] (a URL path segment)
  kind          TEXT NOT NULL CHECK (kind IN ('wanted', 'fugitive', 'missing',
                                              'trafficking_victim', 'vehicle')),
  unit_id       TEXT NOT NULL REFERENCES units(id), -- the issuing unit
  country       TEXT NOT NULL,                    -- the issuing unit's country (VNM/LAO), fixed at creation
  -- The subject person ('' for vehicle notices that name nobody).
  full_name     TEXT NOT NULL DEFAULT '',         -- UTF-8, any script, <= 200 bytes
  aliases       TEXT NOT NULL DEFAULT '',         -- '|'-joined names, at most 7, each <= 200 bytes
  name_fold     TEXT NOT NULL DEFAULT '',         -- rl_fold() of full_name and aliases: list search key
  birth_date    TEXT NOT NULL DEFAULT '',         -- 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or '' unknown
  sex           TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),
  nationality   TEXT NOT NULL DEFAULT '',         -- ISO 3166-1 alpha-3 or ''
  documents     TEXT NOT NULL DEFAULT '',         -- '|'-joined document numbers, first is screened
  marks         TEXT NOT NULL DEFAULT '',         -- distinguishing marks, free text
  -- The vehicle (kind 'vehicle'; '' otherwise).
  plate         TEXT NOT NULL DEFAULT '',         -- as written on the plate
  plate_key     TEXT NOT NULL DEFAULT '',         -- match_plate_key(plate): what screening compares
  plate_country TEXT NOT NULL DEFAULT '',         -- ISO alpha-3 of the registration
  make          TEXT NOT NULL DEFAULT '',
  colour        TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL DEFAULT '',         -- why the notice exists, <= 64 KiB
  action        TEXT NOT NULL CHECK (action IN ('arrest', 'discreet_check',
                                                'protect_inform', 'seize')),
  valid_from    TEXT NOT NULL,                    -- YYYY-MM-DD, first day screened
  valid_to      TEXT NOT NULL DEFAULT '',         -- YYYY-MM-DD last day, '' open
  tlp           TEXT NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  sharing       TEXT NOT NULL CHECK (sharing IN ('own_country', 'both')),
  state         TEXT NOT NULL CHECK (state IN ('draft', 'active', 'hit', 'withdrawn', 'expired')),
  created_by    TEXT NOT NULL,                    -- audit name: 'user:LOGIN', 'system:import'
  created_at    TEXT NOT NULL,                    -- UTC
  approved_by   TEXT NOT NULL DEFAULT '',         -- audit name of who activated it
  approved_at   TEXT NOT NULL DEFAULT '',         -- UTC
  ended_by      TEXT NOT NULL DEFAULT '',         -- who withdrew/expired it
  ended_at      TEXT NOT NULL DEFAULT '',         -- UTC
  end_reason    TEXT NOT NULL DEFAULT '',
  updated_at    TEXT NOT NULL,                    -- UTC, last change of any field
  CHECK (kind = 'vehicle' OR full_name != ''),
  CHECK (kind != 'vehicle' OR plate_key != '')
) STRICT;
CREATE INDEX notices_state ON notices(state, kind);
CREATE INDEX notices_unit ON notices(unit_id, state);
CREATE INDEX notices_plate ON notices(plate_key) WHERE plate_key != '';

-- Links from a notice to cases (or other records) by kind and id; the
-- cases module checks the ids, this table only keeps them.
CREATE TABLE notice_links (
  notice_id     TEXT NOT NULL REFERENCES notices(id),
  kind          TEXT NOT NULL,                    -- 'case', ...
  target_id     TEXT NOT NULL,                    -- the linked record's id or code
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (notice_id, kind, target_id)
) STRICT;

-- A checkpoint found a notice's subject (or vehicle).
CREATE TABLE hits (
  id            TEXT PRIMARY KEY,                 -- ULID
  notice_id     TEXT NOT NULL REFERENCES notices(id),
  unit_id       TEXT REFERENCES units(id),        -- the checkpoint's unit; NULL for the system actor
  user_login    TEXT NOT NULL,                    -- audit name of who recorded it
  at            TEXT NOT NULL,                    -- UTC
  score         REAL NOT NULL CHECK (score >= 0 AND score <= 1), -- the matcher's score, 1 for plates
  explanation   TEXT NOT NULL DEFAULT '',         -- the matcher's explanation
  action_taken  TEXT NOT NULL CHECK (action_taken IN ('arrested', 'seized', 'protected',
                                                      'informed', 'checked_released',
                                                      'not_confirmed', 'other')),
  note          TEXT NOT NULL DEFAULT '',
  screened      TEXT NOT NULL                     -- JSON object: the data keyed in at the checkpoint
) STRICT;
CREATE INDEX hits_notice ON hits(notice_id, at);
CREATE INDEX hits_unit ON hits(unit_id, at);

-- Notifications of hits to the issuing unit that wait for the hotline
-- module to carry them (kept even after sending, with sent_at).
CREATE TABLE hit_notifications (
  id            TEXT PRIMARY KEY,                 -- ULID
  hit_id        TEXT NOT NULL REFERENCES hits(id),
  from_unit_id  TEXT REFERENCES units(id),        -- the checkpoint
  to_unit_id    TEXT NOT NULL REFERENCES units(id), -- the notice's issuing unit
  precedence    TEXT NOT NULL DEFAULT 'FLASH',
  body          TEXT NOT NULL,                    -- the message text
  created_at    TEXT NOT NULL,
  sent_at       TEXT NOT NULL DEFAULT ''          -- '' while pending
) STRICT;
CREATE INDEX hit_notifications_pending ON hit_notifications(sent_at, to_unit_id);

-- Screening counts per checkpoint unit and day (UTC+7 calendar day).
CREATE TABLE checkpoint_counts (
  unit_id       TEXT NOT NULL REFERENCES units(id),
  day           TEXT NOT NULL,                    -- YYYY-MM-DD
  persons       INTEGER NOT NULL DEFAULT 0 CHECK (persons >= 0),  -- travellers screened
  vehicles      INTEGER NOT NULL DEFAULT 0 CHECK (vehicles >= 0), -- plates screened
  hits          INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0),     -- hits recorded
  PRIMARY KEY (unit_id, day)
) STRICT;
