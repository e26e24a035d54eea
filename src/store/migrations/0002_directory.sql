-- 0002: the hotline directory: countries, their levels, units with their
-- history, counterpart links across the border, and hotline contacts.
--
-- Time model: every row that can change over time carries a validity
-- interval [valid_from, valid_to] of calendar dates, both inclusive. An
-- open end is stored as a sentinel ('0001-01-01' for "since always",
-- '9999-12-31' for "still valid"), never NULL, so "what did the network
-- look like on D" is always `valid_from <= D AND D <= valid_to` on each
-- table joined, with no NULL cases. store/unit_store.c turns the
-- sentinels into "" for callers.

CREATE TABLE countries (
  code        TEXT PRIMARY KEY CHECK (length(code) = 3),  -- ISO 3166-1 alpha-3: VNM, LAO
  prefix      TEXT NOT NULL UNIQUE CHECK (length(prefix) = 2), -- ISO alpha-2: unit codes start "VN-"
  name_en     TEXT NOT NULL,
  name_local  TEXT NOT NULL,
  ministry_en TEXT NOT NULL,                               -- the police ministry at rank 0
  ministry_local TEXT NOT NULL
) STRICT;

-- Each country's own ordered levels. rank 0 is the ministry; a unit's
-- parent sits at the nearest lower rank among the levels valid on the
-- date (Viet Nam's communes sit under districts until 2025-06-30 and
-- directly under provinces from 2025-07-01, when the district level ends).
CREATE TABLE levels (
  country     TEXT NOT NULL REFERENCES countries(code),
  rank        INTEGER NOT NULL CHECK (rank BETWEEN 0 AND 3),
  key         TEXT NOT NULL,          -- ministry, province, district, commune, village
  name_en     TEXT NOT NULL,
  name_local  TEXT NOT NULL,          -- ແຂວງ, tỉnh ...
  romanized   TEXT NOT NULL DEFAULT '', -- khoueng, muang, ban
  valid_from  TEXT NOT NULL DEFAULT '0001-01-01',
  valid_to    TEXT NOT NULL DEFAULT '9999-12-31',
  PRIMARY KEY (country, rank),
  CHECK (valid_from <= valid_to)
) STRICT;

-- What never changes about a unit, plus its lifetime. Merged or dissolved
-- units keep their row with valid_to set (and successor for merges).
CREATE TABLE units (
  id          TEXT PRIMARY KEY,       -- ULID
  code        TEXT NOT NULL UNIQUE,   -- VN-22, VN-22-D01, LA-XI-V0101 (see docs in unit_store.h)
  country     TEXT NOT NULL,
  level       INTEGER NOT NULL,       -- levels.rank
  demo        INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  valid_from  TEXT NOT NULL DEFAULT '0001-01-01',
  valid_to    TEXT NOT NULL DEFAULT '9999-12-31',
  successor   TEXT REFERENCES units(id),   -- the unit it merged into
  created_at  TEXT NOT NULL,          -- UTC time the row was written
  FOREIGN KEY (country, level) REFERENCES levels(country, rank),
  CHECK (valid_from <= valid_to OR valid_to = date(valid_from, '-1 day'))
) STRICT;
CREATE INDEX units_country ON units(country, level);

-- What changes over time: one row per period in which the unit's parent,
-- names and border flag were all constant (a type-2 history). A change
-- "from D" splits the period holding D at D-1 and D. Periods of one unit
-- do not overlap and are never deleted.
CREATE TABLE unit_versions (
  unit_id     TEXT NOT NULL REFERENCES units(id),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT NOT NULL,
  parent_id   TEXT REFERENCES units(id),   -- NULL only for ministries
  name_local  TEXT NOT NULL,          -- in the unit's own language
  name_en     TEXT NOT NULL,
  name_other  TEXT NOT NULL DEFAULT '', -- in the other country's language
  border      INTEGER NOT NULL DEFAULT 0 CHECK (border IN (0, 1)),
  fold        TEXT NOT NULL,          -- rl_fold() of the three names, ' | '-joined: search key
  PRIMARY KEY (unit_id, valid_from),
  CHECK (valid_from <= valid_to)
) STRICT;
CREATE INDEX unit_versions_parent ON unit_versions(parent_id, valid_from);

-- Counterparts: units of different countries at the same level that work
-- the same stretch of border. Stored once per pair (a_id < b_id); ending a
-- link sets valid_to, so past pairings stay answerable.
CREATE TABLE counterparts (
  id          TEXT PRIMARY KEY,       -- ULID
  a_id        TEXT NOT NULL REFERENCES units(id),
  b_id        TEXT NOT NULL REFERENCES units(id),
  valid_from  TEXT NOT NULL DEFAULT '0001-01-01',
  valid_to    TEXT NOT NULL DEFAULT '9999-12-31',
  CHECK (a_id < b_id),
  CHECK (valid_from <= valid_to OR valid_to = date(valid_from, '-1 day'))
) STRICT;
CREATE INDEX counterparts_a ON counterparts(a_id);
CREATE INDEX counterparts_b ON counterparts(b_id);

-- How to reach a unit. Removing a contact stamps removed_at; the row stays.
CREATE TABLE unit_contacts (
  id          TEXT PRIMARY KEY,       -- ULID
  unit_id     TEXT NOT NULL REFERENCES units(id),
  kind        TEXT NOT NULL CHECK (kind IN ('phone', 'radio', 'email', 'hours', 'other')),
  value       TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,          -- UTC time
  removed_at  TEXT                    -- UTC time, NULL while in use
) STRICT;
CREATE INDEX unit_contacts_unit ON unit_contacts(unit_id);

INSERT INTO countries VALUES
  ('VNM', 'VN', 'Viet Nam', 'Việt Nam', 'Ministry of Public Security', 'Bộ Công an'),
  ('LAO', 'LA', 'Laos', 'ລາວ', 'Ministry of Public Security', 'ກະຊວງປ້ອງກັນຄວາມສະຫງົບ');

INSERT INTO levels (country, rank, key, name_en, name_local, romanized, valid_from, valid_to) VALUES
  ('VNM', 0, 'ministry', 'ministry', 'bộ', '', '0001-01-01', '9999-12-31'),
  ('VNM', 1, 'province', 'province', 'tỉnh', '', '0001-01-01', '9999-12-31'),
  ('VNM', 2, 'district', 'district', 'huyện', '', '0001-01-01', '2025-06-30'),
  ('VNM', 3, 'commune', 'commune', 'xã', '', '0001-01-01', '9999-12-31'),
  ('LAO', 0, 'ministry', 'ministry', 'ກະຊວງ', 'kasuang', '0001-01-01', '9999-12-31'),
  ('LAO', 1, 'province', 'province', 'ແຂວງ', 'khoueng', '0001-01-01', '9999-12-31'),
  ('LAO', 2, 'district', 'district', 'ເມືອງ', 'muang', '0001-01-01', '9999-12-31'),
  ('LAO', 3, 'village', 'village', 'ບ້ານ', 'ban', '0001-01-01', '9999-12-31');
