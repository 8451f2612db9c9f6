-- 0018_one_name_search_index: one trigram index serves `company list --search` for both names.
--
-- companies_name_trgm_idx and companies_name_zh_trgm_idx each cost every insert and update of a
-- company a GIN insertion; one index on the expression filmwg.company_search_text(name, name_zh)
-- (the two names joined by a space) holds the same trigrams. The search asks
-- `company_search_text(name, name_zh) ILIKE p` (the index) and then `name ILIKE p OR name_zh
-- ILIKE p` (on the few rows found), so a pattern spanning the two names finds nothing it did
-- not find before.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0018_one_name_search_index', true);

CREATE FUNCTION filmwg.company_search_text(name text, name_zh text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN name || ' ' || coalesce(name_zh, '');
COMMENT ON FUNCTION filmwg.company_search_text(text, text) IS
    'A company''s name and Chinese name in one text, for the one trigram index of name search (companies_names_trgm_idx); a match must still be found in one of the two names.';
GRANT EXECUTE ON FUNCTION filmwg.company_search_text(text, text) TO filmwg_admin, filmwg_job;

DROP INDEX filmwg.companies_name_trgm_idx;
DROP INDEX filmwg.companies_name_zh_trgm_idx;
CREATE INDEX companies_names_trgm_idx ON filmwg.companies
    USING gin (filmwg.company_search_text(name, name_zh) public.gin_trgm_ops);
COMMENT ON INDEX filmwg.companies_names_trgm_idx IS
    'Name search over both names (ILIKE ''%…%''): filmwg.company_search_text(name, name_zh).';

RESET ROLE;
