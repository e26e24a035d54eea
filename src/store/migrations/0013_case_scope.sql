-- 0013: need-to-know listings of cases (core/policy.c decides the scope).
--
-- An officer or supervisor lists the cases of their unit's subtree, a set
-- of handling units, in order of (opened, country, ref). The cases of
-- a few units are a small part of a country's, so the listing finds them
-- by unit and sorts only their keys, all held in this index, before
-- reading the page's rows (store/case_store.c). It replaces cases_unit,
-- of which it is an extension.
CREATE INDEX cases_scope ON cases(unit_code, opened, country, ref);
DROP INDEX cases_unit;
