-- 0004: cases, the persons taking part in them, and seizures.
--
-- Reports aggregate over cases by country and period, so each case row
-- carries what the report filters and groups on without joins: the
-- province its unit belonged to on the date opened, whether that province
-- was on the border on that date, its counts of suspects (each person
-- once, suspect or arrested) and of foreign suspects, and the totals of
-- its seizures. store/case_store.c keeps them in step whenever links,
-- seizures or merges change. A report then reads one covering index.

CREATE TABLE cases (
  id          TEXT PRIMARY KEY,          -- ULID
  country     TEXT NOT NULL CHECK (country IN ('VNM', 'LAO')),
  ref         TEXT NOT NULL,             -- human reference, unique within the country
  unit_code   TEXT NOT NULL,             -- handling unit (existed on `opened`)
  province    TEXT NOT NULL,             -- unit's province on `opened` ('' for a ministry)
  border      INTEGER NOT NULL CHECK (border IN (0, 1)), -- province on the border on `opened`
  category    TEXT NOT NULL,             -- core/vocab.c vocab_categories
  opened      TEXT NOT NULL,             -- YYYY-MM-DD
  status      TEXT NOT NULL CHECK (status IN ('open', 'under_investigation',
                                              'transferred_to_prosecution', 'closed')),
  place_unit  TEXT NOT NULL DEFAULT '',  -- unit code of the place, '' if none
  place_text  TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT '',
  n_suspects  INTEGER NOT NULL DEFAULT 0 CHECK (n_suspects >= 0),
  n_foreign   INTEGER NOT NULL DEFAULT 0 CHECK (n_foreign >= 0),
  mass_mg     INTEGER NOT NULL DEFAULT 0,  -- seized mass (g and kg seizures), mg
  volume_ml   INTEGER NOT NULL DEFAULT 0,  -- seized liquids, ml
  tablets     INTEGER NOT NULL DEFAULT 0,
  plants_poppy INTEGER NOT NULL DEFAULT 0, -- opium_poppy plants
  plants_cannabis INTEGER NOT NULL DEFAULT 0,
  plants_other INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,             -- UTC time
  UNIQUE (country, ref)
) STRICT;
-- The report scans one country's period; covering every filtered, grouped
-- and summed column keeps a full-period report on the index alone.
CREATE INDEX cases_period ON cases(country, opened, border, category, province, unit_code,
                                   n_suspects, n_foreign, mass_mg, volume_ml, tablets,
                                   plants_poppy, plants_cannabis, plants_other);
CREATE INDEX cases_unit ON cases(unit_code, opened);

CREATE TABLE persons (
  id          TEXT PRIMARY KEY,          -- ULID
  birth_date  TEXT NOT NULL DEFAULT '',  -- YYYY, YYYY-MM or YYYY-MM-DD; '' unknown
  sex         TEXT NOT NULL CHECK (sex IN ('M', 'F', 'U')),
  nationality TEXT NOT NULL DEFAULT '',  -- ISO 3166 alpha-3; '' unknown
  merged_into TEXT REFERENCES persons(id), -- set while merged into another person
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX persons_merged ON persons(merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE person_names (
  person_id   TEXT NOT NULL REFERENCES persons(id),
  seq         INTEGER NOT NULL,          -- 0 is the main name
  name        TEXT NOT NULL CHECK (name <> ''),
  fold        TEXT NOT NULL,             -- rl_fold(name): the search key
  script      TEXT NOT NULL DEFAULT '',  -- ISO 15924 (Latn, Laoo) or language (vi, lo)
  alias       INTEGER NOT NULL DEFAULT 0 CHECK (alias IN (0, 1)),
  PRIMARY KEY (person_id, seq)
) STRICT;
CREATE INDEX person_names_fold ON person_names(fold);

CREATE TABLE person_documents (
  person_id   TEXT NOT NULL REFERENCES persons(id),
  seq         INTEGER NOT NULL,
  type        TEXT NOT NULL,             -- passport, id_card, border_pass, ...
  number      TEXT NOT NULL,
  country     TEXT NOT NULL DEFAULT '',  -- issuing country, alpha-3
  PRIMARY KEY (person_id, seq)
) STRICT;
CREATE INDEX person_documents_number ON person_documents(number);

-- A person's part in a case. person_id is the record as imported; merges
-- never rewrite it (persons.merged_into says who it now is), so an unmerge
-- restores every link exactly.
CREATE TABLE case_persons (
  case_id     TEXT NOT NULL REFERENCES cases(id),
  person_id   TEXT NOT NULL REFERENCES persons(id),
  role        TEXT NOT NULL CHECK (role IN ('suspect', 'arrested', 'victim', 'witness')),
  ref         TEXT NOT NULL DEFAULT '',  -- the person's reference within the case file
  PRIMARY KEY (case_id, person_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_persons_person ON case_persons(person_id);

CREATE TABLE seizures (
  id          INTEGER PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases(id),
  drug        TEXT NOT NULL,             -- core/vocab.c vocab_drugs
  measure     TEXT NOT NULL CHECK (measure IN ('mass', 'volume', 'tablet', 'plant')),
  amount      INTEGER NOT NULL CHECK (amount > 0), -- mg, ml, tablets or plants
  unit        TEXT NOT NULL              -- unit as entered: g, kg, l, tablet, plant
) STRICT;
CREATE INDEX seizures_case ON seizures(case_id);

-- Links from a case to other records (hotline messages, notices), added
-- by those modules.
CREATE TABLE case_links (
  case_id     TEXT NOT NULL REFERENCES cases(id),
  kind        TEXT NOT NULL,             -- 'message', 'notice', ...
  target_id   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, kind, target_id)
) STRICT, WITHOUT ROWID;

-- Person merges, kept so each can be undone.
CREATE TABLE person_merges (
  id          TEXT PRIMARY KEY,          -- ULID
  survivor_id TEXT NOT NULL REFERENCES persons(id),
  merged_id   TEXT NOT NULL REFERENCES persons(id),
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  undone_at   TEXT                       -- set by unmerge
) STRICT;
