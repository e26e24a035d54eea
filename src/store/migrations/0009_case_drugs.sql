-- 0009: the drugs seized in a case, kept on the case row, so a report by
-- drug reads one index of the cases with seizures instead of joining every
-- seizure to its case (11 s at 1,000,000 cases; see docs/performance.md).
--
-- cases.drugs is a bit set: the sum of drug_bits.bit over the distinct
-- drugs of the case's seizures, 0 for a case without seizures. Triggers on
-- seizures keep it in step, whichever code inserts, deletes or changes a
-- seizure. A seizure of a drug missing from drug_bits makes the bit NULL,
-- which the NOT NULL constraint refuses: a drug added to core/vocab.c needs
-- its bit here (a new migration) before it can be stored.

CREATE TABLE drug_bits (
  drug  TEXT PRIMARY KEY,                -- core/vocab.c vocab_drugs code
  bit   INTEGER NOT NULL UNIQUE CHECK (bit > 0 AND (bit & (bit - 1)) = 0) -- one bit
) STRICT;
INSERT INTO drug_bits (drug, bit) VALUES
  ('heroin', 1), ('opium', 2), ('cannabis', 4), ('methamphetamine_crystal', 8),
  ('methamphetamine_tablets', 16), ('ketamine', 32), ('mdma', 64), ('cocaine', 128),
  ('precursor_chemicals', 256), ('opium_poppy', 512), ('cannabis_plant', 1024), ('other', 2048);

ALTER TABLE cases ADD COLUMN drugs INTEGER NOT NULL DEFAULT 0 CHECK (drugs >= 0);
UPDATE cases SET drugs = (SELECT COALESCE(SUM(b.bit), 0) FROM drug_bits b
                          WHERE b.drug IN (SELECT z.drug FROM seizures z WHERE z.case_id = cases.id))
  WHERE id IN (SELECT case_id FROM seizures);

CREATE TRIGGER seizures_drugs_insert AFTER INSERT ON seizures BEGIN
  UPDATE cases SET drugs = drugs | (SELECT bit FROM drug_bits WHERE drug = NEW.drug)
    WHERE id = NEW.case_id;
END;
CREATE TRIGGER seizures_drugs_delete AFTER DELETE ON seizures BEGIN
  UPDATE cases SET drugs = (SELECT COALESCE(SUM(b.bit), 0) FROM drug_bits b
                            WHERE b.drug IN (SELECT z.drug FROM seizures z WHERE z.case_id = OLD.case_id))
    WHERE id = OLD.case_id;
END;
CREATE TRIGGER seizures_drugs_update AFTER UPDATE OF case_id, drug ON seizures BEGIN
  UPDATE cases SET drugs = (SELECT COALESCE(SUM(b.bit), 0) FROM drug_bits b
                            WHERE b.drug IN (SELECT z.drug FROM seizures z WHERE z.case_id = cases.id))
    WHERE id IN (OLD.case_id, NEW.case_id);
END;

-- A report by drug: the cases with seizures, covering what it filters,
-- groups (the bit set) and sums, like cases_period for all cases.
CREATE INDEX cases_drugs ON cases(country, opened, border, category, province, unit_code, drugs,
                                  n_suspects, n_foreign, mass_mg, volume_ml, tablets,
                                  plants_poppy, plants_cannabis, plants_other)
  WHERE drugs <> 0;
-- Cases with seizures of more than one drug, whose totals the report must
-- split by drug from their seizures; the id joins them to the seizures.
CREATE INDEX cases_multidrug ON cases(country, opened, border, category, province, unit_code, id)
  WHERE (drugs & (drugs - 1)) <> 0;
