-- 0020_cheaper_company_rows: what a company row costs to write, without what buys nothing.
--
-- Profiled with perf on the server, 100,000 rows inserted into filmwg.companies by one
-- INSERT … SELECT (what `company import` and `\copy` both pay): a quarter of the time went to
-- the CHECK constraint companies_uscc_structure_check, an eighth to computing
-- filmwg.company_name_key three times per row, a sixth to two GIN trigram indexes.
--
-- 1. filmwg.uscc_structure_problem and filmwg.uscc_entity_types were STRICT SQL functions whose
--    bodies are CASE expressions (not strict), and used format() and array_to_string()
--    (STABLE) inside an IMMUTABLE function: either keeps PostgreSQL from inlining them, so the
--    CHECK ran the function as a query of its own for every row, which in turn parsed and
--    planned uscc_entity_types twice per row (35 µs a row). The same phrases, NULL for NULL,
--    written so that both inline into the constraint: an expression, a few µs.
-- 2. companies_name_key_trgm_idx (0014, trigrams of the name key) serves no query: `company
--    duplicates` finds near names by a join on the key's first four characters and
--    similarity(), which no index serves, and the import's check asks equality (the btree
--    companies_name_key_idx). It cost a GIN insertion and a third computation of the key per
--    row. Dropped.
-- 3. filmwg.company_name_key gives the same key for every text, cheaper (23 → 8 µs for a
--    name, checked against the 0014 definition by CompanyRowCostTests over 20,000 names):
--    - NFKC only for text that is not already NFKC (`IS NFKC NORMALIZED` is a quick check);
--    - the Latin legal forms as one factored alternation (non-capturing groups; the same
--      set of strings: co(.,ltd| limited|.), corp(oration( limited)|.), inc(orporated|.), …):
--      the regular-expression engine builds its automaton anew for every call, and the old
--      fourteen alternatives were two thirds of the key's time;
--    - that pattern only when the text has a character that is neither ASCII without letters
--      nor a CJK unified ideograph (U+4E00–U+9FFF): those are their own NFKC and lower case and
--      hold no Latin letter, and every Latin legal form has one, so the pattern could not
--      match (most Chinese names);
--    - spaces and punctuation removed in runs rather than one character per match.
--    No longer STRICT (the body gives NULL for NULL), so that it still inlines. The two btree
--    indexes on the key are rebuilt, should any text ever have keyed differently.
-- 4. companies_kind_idx and companies_registered_in_zone_idx (0002): a kind is a seventh of the
--    companies and the zone a third; no plan uses a btree to fetch that share of a table (every
--    list and report reads all companies and sorts them by name), while every row paid two
--    insertions. Dropped.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0020_cheaper_company_rows', true);

-- 1. USCC structure, inlinable ---------------------------------------------------------------

CREATE OR REPLACE FUNCTION filmwg.uscc_entity_types(authority text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE authority
        WHEN '1' THEN '1239' WHEN '2' THEN '19' WHEN '3' THEN '123459' WHEN '4' THEN '19'
        WHEN '5' THEN '1239' WHEN '6' THEN '129' WHEN '7' THEN '129' WHEN '8' THEN '19'
        WHEN '9' THEN '123' WHEN 'A' THEN '19' WHEN 'N' THEN '1239' WHEN 'Y' THEN '1'
    END;
COMMENT ON FUNCTION filmwg.uscc_entity_types(text) IS
    'The entity-type characters (USCC position 2) that a registration authority (position 1) uses, GB 32100-2015 table 1 with its amendments: 1 机构编制 1239, 2 外交 19, 3 司法行政 123459, 4 文化 19, 5 民政 1239, 6 旅游 129, 7 宗教 129, 8 工会 19, 9 工商 123, A 中央军委改革和编制办公室 19, N 农业 1239, Y 其他 1; NULL for a character that is no authority (and for NULL). An expression, inlined where it is used. The Swift twin is USCC.entityTypes.';

CREATE OR REPLACE FUNCTION filmwg.uscc_structure_problem(code text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN code IS NULL OR char_length(code) <> 18 THEN NULL
        WHEN filmwg.uscc_entity_types(substr(code, 1, 1)) IS NULL THEN
            'position 1 is ''' || substr(code, 1, 1)
            || ''', which is no registration authority of GB 32100 (1 to 9, A, N or Y)'
        WHEN strpos(filmwg.uscc_entity_types(substr(code, 1, 1)), substr(code, 2, 1)) = 0 THEN
            'position 2 is ''' || substr(code, 2, 1) || ''', an entity type that registration authority '''
            || substr(code, 1, 1) || ''' does not use (it uses '
            || rtrim(regexp_replace(filmwg.uscc_entity_types(substr(code, 1, 1)), '(.)', '\1, ', 'g'), ', ') || ')'
        WHEN substr(code, 3, 6) !~ '^[0-9]{6}$' THEN
            'positions 3 to 8 are ''' || substr(code, 3, 6)
            || ''', which is not the six digits of an administrative division code'
    END;
COMMENT ON FUNCTION filmwg.uscc_structure_problem(text) IS
    'Why positions 1–8 of an 18-character USCC break GB 32100-2015 (authority, entity type, six-digit division code), or NULL when they do not (or the code is not 18 characters: filmwg.uscc_problem says so; NULL for NULL). One sentence per failure, the same words as Swift USCC.structureProblem. An expression of immutable functions, so that it inlines into the CHECK constraint companies_uscc_structure_check. Whether the division exists is filmwg.uscc_region_problem.';

-- 2. The trigram index of the name key, which no query uses ----------------------------------

DROP INDEX filmwg.companies_name_key_trgm_idx;

-- 3. The name key, cheaper -------------------------------------------------------------------

CREATE OR REPLACE FUNCTION filmwg.company_name_key(name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_replace(
        CASE WHEN name ~ '[^\x01-\x40\x5b-\x60\x7b-\x7f\u4e00-\u9fff]' THEN
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        lower(CASE WHEN name IS NFKC NORMALIZED THEN name ELSE normalize(name, NFKC) END),
                        '\([^()]*\)', '', 'g'),                       -- bracketed places: (北京), （北京） after NFKC
                    '(集团)?(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)$', ''),
                '[[:space:][:punct:]·・、，。]+(?:co(?:\.?,? *ltd\.?|\.? limited|\.)?|company limited|corp(?:oration(?: limited)?|\.)?|limited|ltd\.?|inc(?:orporated|\.)?|l\.?l\.?c\.?|gmbh|s\.?a\.?)[[:space:][:punct:]]*$', '')
        ELSE
            -- Only ASCII without letters and CJK unified ideographs: already NFKC and lower case.
            regexp_replace(
                regexp_replace(name, '\([^()]*\)', '', 'g'),
                '(集团)?(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)$', '')
        END,
        '[[:space:][:punct:]·・、，。“”‘’《》]+', '', 'g');
COMMENT ON FUNCTION filmwg.company_name_key(text) IS
    'A company name with what does not tell companies apart set aside: full-width forms folded (NFKC), case, bracketed places such as (北京) or （北京）, a final Chinese legal form (有限公司, 有限责任公司, 股份有限公司, 集团有限公司 …), a final Latin one (Co., Ltd., Company Limited, Inc., Corp., LLC, GmbH …), spaces and punctuation; NULL for NULL. Two companies with the same key are probable duplicates (company duplicates, company import). An expression, inlined into the indexes companies_name_key_idx and companies_name_zh_key_idx and the queries that use it; the same key as migration 0014 defined, computed in a third of the time (migration 0020).';

REINDEX INDEX filmwg.companies_name_key_idx;
REINDEX INDEX filmwg.companies_name_zh_key_idx;

-- 4. Btree indexes on a seventh and a third of the table --------------------------------------

DROP INDEX filmwg.companies_kind_idx;
DROP INDEX filmwg.companies_registered_in_zone_idx;

RESET ROLE;
