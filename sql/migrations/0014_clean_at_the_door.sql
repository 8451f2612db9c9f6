-- 0014_clean_at_the_door: what a record must be to come in (DESIGN §14).
--
-- 1. filmwg.regions: GB/T 2260 administrative divisions in use from 2015 on, loaded from
--    sql/reference/gbt2260_regions.sql (generated at development time by scripts/regions-generate;
--    the line `\ir ../reference/gbt2260_regions.sql` is expanded by the migrator, as psql does).
-- 2. USCC structure (GB 32100-2015): filmwg.uscc_structure_problem(code) says what is wrong with
--    positions 1 (registration authority), 2 (entity type of that authority) and 3–8 (six
--    digits); constraint companies_uscc_structure_check refuses it, and the region
--    (positions 3–8) must be a row of filmwg.regions (constraint companies_uscc_region_fkey on
--    the generated column uscc_region). Both give way to uscc_override_reason (with
--    uscc_override_by and uscc_override_at); the check character (companies_uscc_check) never does.
--    Companies already recorded whose code fails either check are kept, overridden with the
--    reason "recorded before migration 0014 checked the USCC structure".
-- 3. Duplicates: filmwg.company_name_key(name), the name with legal forms, bracketed places,
--    full-/half-width forms, case, spaces and punctuation set aside; companies.merged_into_id;
--    filmwg.merge_companies(keep, duplicate).
-- 4. Events: the kinds a film group holds; attendance capacity enforced unless the row is
--    recorded with over_capacity (audited with the row).
-- 5. Policy codes as typed (upper case too), unique regardless of case.
-- 6. filmwg_reporting reads instants in Asia/Shanghai.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0014_clean_at_the_door', true);

-- 1. Regions -------------------------------------------------------------------------------

CREATE TABLE filmwg.regions (
    code        text PRIMARY KEY CONSTRAINT regions_code_check CHECK (code ~ '^[0-9]{6}$'),
    name        text NOT NULL,
    full_name   text NOT NULL,
    level       text NOT NULL CONSTRAINT regions_level_check CHECK (level IN ('province', 'prefecture', 'county')),
    since_year  integer,
    until_year  integer
);
COMMENT ON TABLE filmwg.regions IS
    'GB/T 2260 administrative divisions (province, prefecture and county level) in use at some time from 2015 on, the region table that positions 3–8 of a USCC are checked against. Reference data from sql/reference/gbt2260_regions.sql, which names its source and date; never fetched at run time.';
COMMENT ON COLUMN filmwg.regions.code IS 'Six-digit division code, e.g. 110116.';
COMMENT ON COLUMN filmwg.regions.name IS 'The division''s latest name, e.g. 怀柔区.';
COMMENT ON COLUMN filmwg.regions.full_name IS 'Province, prefecture and county names joined, e.g. 北京市怀柔区.';
COMMENT ON COLUMN filmwg.regions.level IS 'province (XX0000), prefecture (XXXX00) or county.';
COMMENT ON COLUMN filmwg.regions.since_year IS 'Year the code came into use, when the source says; NULL when older or unknown.';
COMMENT ON COLUMN filmwg.regions.until_year IS 'Last year the code was in use; NULL while in use.';
CREATE INDEX regions_name_idx ON filmwg.regions (name);
COMMENT ON INDEX filmwg.regions_name_idx IS 'Districts named by name (a company''s district compared with its USCC''s region).';
GRANT SELECT ON filmwg.regions TO filmwg_admin, filmwg_job;

\ir ../reference/gbt2260_regions.sql

-- 2. USCC structure ------------------------------------------------------------------------

CREATE FUNCTION filmwg.uscc_entity_types(authority text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT CASE authority
    WHEN '1' THEN '1239' WHEN '2' THEN '19' WHEN '3' THEN '123459' WHEN '4' THEN '19'
    WHEN '5' THEN '1239' WHEN '6' THEN '129' WHEN '7' THEN '129' WHEN '8' THEN '19'
    WHEN '9' THEN '123' WHEN 'A' THEN '19' WHEN 'N' THEN '1239' WHEN 'Y' THEN '1'
END
$$;
COMMENT ON FUNCTION filmwg.uscc_entity_types(text) IS
    'The entity-type characters (USCC position 2) that a registration authority (position 1) uses, GB 32100-2015 table 1 with its amendments: 1 机构编制 1239, 2 外交 19, 3 司法行政 123459, 4 文化 19, 5 民政 1239, 6 旅游 129, 7 宗教 129, 8 工会 19, 9 工商 123, A 中央军委改革和编制办公室 19, N 农业 1239, Y 其他 1; NULL for a character that is no authority. The Swift twin is USCC.entityTypes.';
GRANT EXECUTE ON FUNCTION filmwg.uscc_entity_types(text) TO filmwg_admin, filmwg_job;

CREATE FUNCTION filmwg.uscc_structure_problem(code text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT CASE
    WHEN char_length(code) <> 18 THEN NULL
    WHEN filmwg.uscc_entity_types(substr(code, 1, 1)) IS NULL THEN
        format('position 1 is ''%s'', which is no registration authority of GB 32100 (1 to 9, A, N or Y)',
               substr(code, 1, 1))
    WHEN strpos(filmwg.uscc_entity_types(substr(code, 1, 1)), substr(code, 2, 1)) = 0 THEN
        format('position 2 is ''%s'', an entity type that registration authority ''%s'' does not use (it uses %s)',
               substr(code, 2, 1), substr(code, 1, 1),
               array_to_string(regexp_split_to_array(filmwg.uscc_entity_types(substr(code, 1, 1)), ''), ', '))
    WHEN substr(code, 3, 6) !~ '^[0-9]{6}$' THEN
        format('positions 3 to 8 are ''%s'', which is not the six digits of an administrative division code',
               substr(code, 3, 6))
END
$$;
COMMENT ON FUNCTION filmwg.uscc_structure_problem(text) IS
    'Why positions 1–8 of an 18-character USCC break GB 32100-2015 (authority, entity type, six-digit division code), or NULL when they do not (or the code is not 18 characters: filmwg.uscc_problem says so). One sentence per failure, the same words as Swift USCC.structureProblem. Whether the division exists is filmwg.uscc_region_problem.';
GRANT EXECUTE ON FUNCTION filmwg.uscc_structure_problem(text) TO filmwg_admin, filmwg_job;

CREATE FUNCTION filmwg.uscc_region_problem(code text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE AS
$$
SELECT format('positions 3 to 8 are ''%s'', which is no GB/T 2260 administrative division in filmwg''s region table',
              substr($1, 3, 6))
 WHERE substr($1, 3, 6) ~ '^[0-9]{6}$'
   AND NOT EXISTS (SELECT 1 FROM filmwg.regions r WHERE r.code = substr($1, 3, 6))
$$;
COMMENT ON FUNCTION filmwg.uscc_region_problem(text) IS
    'Why the division code of a USCC (positions 3–8, six digits) is not accepted: it is no row of filmwg.regions; NULL when it is, or when the positions are not six digits (filmwg.uscc_structure_problem says so).';
GRANT EXECUTE ON FUNCTION filmwg.uscc_region_problem(text) TO filmwg_admin, filmwg_job;

CREATE FUNCTION filmwg.uscc_structure_refused(code text) RETURNS boolean
    LANGUAGE plpgsql STRICT AS
$$
DECLARE
    problem text := coalesce(filmwg.uscc_structure_problem(code), 'structure');
BEGIN
    RAISE EXCEPTION 'USCC ''%'' is not valid: %', code, problem
        USING ERRCODE = 'check_violation',
              CONSTRAINT = 'companies_uscc_structure_check',
              SCHEMA = 'filmwg', TABLE = 'companies', COLUMN = 'uscc',
              DETAIL = problem,
              HINT = 'A real code that breaks the structure is accepted with --uscc-override REASON.';
END
$$;
COMMENT ON FUNCTION filmwg.uscc_structure_refused(text) IS
    'Raises check_violation (23514) on constraint companies_uscc_structure_check with message "USCC ''CODE'' is not valid: REASON" and DETAIL = REASON (filmwg.uscc_structure_problem). Reached only when the structure is wrong.';
GRANT EXECUTE ON FUNCTION filmwg.uscc_structure_refused(text) TO filmwg_admin, filmwg_job;

ALTER TABLE filmwg.companies
    ADD COLUMN uscc_override_reason text,
    ADD COLUMN uscc_override_by text,
    ADD COLUMN uscc_override_at timestamptz,
    ADD COLUMN merged_into_id bigint CONSTRAINT companies_merged_into_id_fkey REFERENCES filmwg.companies (id);
COMMENT ON COLUMN filmwg.companies.uscc_override_reason IS
    'Why a USCC that breaks the GB 32100 structure or names no known region was accepted (company add|update --uscc-override REASON); NULL when the code passed every check. Never excuses a wrong check character.';
COMMENT ON COLUMN filmwg.companies.uscc_override_by IS 'The actor who accepted the USCC with an override.';
COMMENT ON COLUMN filmwg.companies.uscc_override_at IS 'When the override was given.';
COMMENT ON COLUMN filmwg.companies.merged_into_id IS
    'For a company merged as a duplicate (company merge KEEP DUPLICATE): the company kept; the duplicate is archived and its records moved there.';

-- Codes recorded before these checks stay, visibly overridden.
UPDATE filmwg.companies c
   SET uscc_override_reason = 'recorded before migration 0014 checked the USCC structure',
       uscc_override_by = 'migration:0014_clean_at_the_door',
       uscc_override_at = now()
 WHERE c.uscc IS NOT NULL
   AND (filmwg.uscc_structure_problem(c.uscc) IS NOT NULL OR filmwg.uscc_region_problem(c.uscc) IS NOT NULL);

ALTER TABLE filmwg.companies
    ADD CONSTRAINT companies_uscc_override_check CHECK (
        uscc_override_reason IS NULL
        OR (uscc IS NOT NULL AND btrim(uscc_override_reason) <> ''
            AND uscc_override_by IS NOT NULL AND uscc_override_at IS NOT NULL)),
    ADD CONSTRAINT companies_uscc_structure_check CHECK (
        uscc_override_reason IS NOT NULL
        OR filmwg.uscc_structure_problem(uscc) IS NULL
        OR filmwg.uscc_structure_refused(uscc)),
    ADD COLUMN uscc_region text GENERATED ALWAYS AS (
        CASE WHEN uscc_override_reason IS NULL AND substr(uscc, 3, 6) ~ '^[0-9]{6}$' THEN substr(uscc, 3, 6) END) STORED
        CONSTRAINT companies_uscc_region_fkey REFERENCES filmwg.regions (code);
COMMENT ON CONSTRAINT companies_uscc_override_check ON filmwg.companies IS
    'An override names a USCC, a non-blank reason, its actor and its time.';
COMMENT ON CONSTRAINT companies_uscc_structure_check ON filmwg.companies IS
    'Positions 1–8 of the USCC follow GB 32100-2015 (filmwg.uscc_structure_problem), unless overridden.';
COMMENT ON COLUMN filmwg.companies.uscc_region IS
    'Positions 3–8 of the USCC when they must be a known division (no override): the key of constraint companies_uscc_region_fkey to filmwg.regions. The region shown to users is substr(uscc, 3, 6) whatever the override.';
COMMENT ON CONSTRAINT companies_uscc_region_fkey ON filmwg.companies IS
    'Positions 3–8 of the USCC name a GB/T 2260 division of filmwg.regions, unless overridden.';
CREATE INDEX companies_merged_into_id_idx ON filmwg.companies (merged_into_id) WHERE merged_into_id IS NOT NULL;
COMMENT ON INDEX filmwg.companies_merged_into_id_idx IS 'Duplicates merged into a company.';
CREATE INDEX companies_uscc_overridden_idx ON filmwg.companies (id) WHERE uscc_override_reason IS NOT NULL;
COMMENT ON INDEX filmwg.companies_uscc_overridden_idx IS 'company list --uscc-overridden.';

-- 3. Duplicates ----------------------------------------------------------------------------

CREATE FUNCTION filmwg.company_name_key(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT regexp_replace(
         regexp_replace(
           regexp_replace(
             regexp_replace(
               lower(normalize(name, NFKC)),
               '\([^()]*\)', '', 'g'),                       -- bracketed places: (北京), （北京） after NFKC
             '(集团)?(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)$', ''),
           '[[:space:][:punct:]·・、，。]+(co\.?,? *ltd\.?|company limited|corporation limited|co\.? limited|limited|ltd\.?|inc\.?|incorporated|corp\.?|corporation|l\.?l\.?c\.?|gmbh|s\.?a\.?|co\.?)[[:space:][:punct:]]*$', ''),
         '[[:space:][:punct:]·・、，。“”‘’《》]', '', 'g')
$$;
COMMENT ON FUNCTION filmwg.company_name_key(text) IS
    'A company name with what does not tell companies apart set aside: full-width forms folded (NFKC), case, bracketed places such as (北京) or （北京）, a final Chinese legal form (有限公司, 有限责任公司, 股份有限公司, 集团有限公司 …), a final Latin one (Co., Ltd., Company Limited, Inc., Corp., LLC, GmbH …), spaces and punctuation. Two companies with the same key are probable duplicates (company duplicates, company import).';
GRANT EXECUTE ON FUNCTION filmwg.company_name_key(text) TO filmwg_admin, filmwg_job;

CREATE INDEX companies_name_key_idx ON filmwg.companies (filmwg.company_name_key(name)) WHERE archived_at IS NULL;
COMMENT ON INDEX filmwg.companies_name_key_idx IS 'Probable duplicates by normalized name (imports without USCC).';
CREATE INDEX companies_name_zh_key_idx ON filmwg.companies (filmwg.company_name_key(name_zh))
    WHERE archived_at IS NULL AND name_zh IS NOT NULL;
COMMENT ON INDEX filmwg.companies_name_zh_key_idx IS 'Probable duplicates by normalized Chinese name.';

CREATE INDEX companies_name_key_trgm_idx ON filmwg.companies USING gin (filmwg.company_name_key(name) public.gin_trgm_ops)
    WHERE archived_at IS NULL;
COMMENT ON INDEX filmwg.companies_name_key_trgm_idx IS 'company duplicates: similar normalized names (pg_trgm).';

CREATE FUNCTION filmwg.merge_companies(keep bigint, duplicate bigint)
    RETURNS TABLE (table_name text, column_name text, moved bigint)
    LANGUAGE plpgsql AS
$$
DECLARE
    ref record;
    n bigint;
BEGIN
    IF keep = duplicate THEN
        RAISE EXCEPTION 'a company cannot be merged into itself' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Lock both rows, in id order so two merges cannot deadlock.
    PERFORM 1 FROM filmwg.companies c WHERE c.id IN (keep, duplicate) ORDER BY c.id FOR UPDATE;
    -- Every single-column foreign key to companies.id, whoever added its table, except history
    -- that describes the duplicate itself: what the job decided about it (determinations and
    -- what hangs on them), its dated versions, and the merge pointer.
    FOR ref IN
        SELECT con.conrelid::regclass AS tbl, cl.relname::text AS tname, a.attname::text AS col
          FROM pg_constraint con
          JOIN pg_class cl ON cl.oid = con.conrelid
          JOIN pg_namespace ns ON ns.oid = cl.relnamespace
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
         WHERE con.contype = 'f'
           AND con.confrelid = 'filmwg.companies'::regclass
           AND array_length(con.conkey, 1) = 1
           AND ns.nspname = 'filmwg'
           AND cl.relkind IN ('r', 'p')
           AND NOT (cl.relname = 'companies' AND a.attname = 'merged_into_id')
           AND cl.relname NOT LIKE 'determination%'
           AND cl.relname NOT IN ('eligibility_changes', 'company_versions')
           AND NOT cl.relispartition
         ORDER BY cl.relname, a.attname
    LOOP
        EXECUTE format('UPDATE %s SET %I = $1 WHERE %I = $2', ref.tbl, ref.col, ref.col) USING keep, duplicate;
        GET DIAGNOSTICS n = ROW_COUNT;
        table_name := ref.tname;
        column_name := ref.col;
        moved := n;
        RETURN NEXT;
    END LOOP;
    UPDATE filmwg.companies c
       SET merged_into_id = keep, archived_at = coalesce(c.archived_at, now())
     WHERE c.id = duplicate;
END
$$;
COMMENT ON FUNCTION filmwg.merge_companies(bigint, bigint) IS
    'company merge KEEP DUPLICATE: moves every record that names DUPLICATE (every foreign key to companies.id in schema filmwg: memberships, employments, attendance, role assignments, grants, works, figures … except the job''s determinations, which stay the history of what was decided about the duplicate) onto KEEP, then archives DUPLICATE with merged_into_id = KEEP; returns how many rows moved per table. A conflict (overlapping memberships, a unique key) raises the constraint''s own error and nothing changes. Audited by each table''s trigger.';
GRANT EXECUTE ON FUNCTION filmwg.merge_companies(bigint, bigint) TO filmwg_admin;

-- 4. Events ---------------------------------------------------------------------------------

ALTER TABLE filmwg.events
    DROP CONSTRAINT events_kind_check,
    ADD CONSTRAINT events_kind_check CHECK (kind IN (
        'ceremony', 'forum', 'meeting', 'workshop', 'screening', 'festival', 'award_ceremony',
        'training', 'premiere', 'press_conference', 'exhibition', 'other'));
COMMENT ON COLUMN filmwg.events.kind IS
    'ceremony, forum, meeting, workshop, screening, festival, award_ceremony, training, premiere, press_conference, exhibition or other (events_kind_check).';

ALTER TABLE filmwg.attendance ADD COLUMN over_capacity boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN filmwg.attendance.over_capacity IS
    'Recorded beyond the event''s capacity on purpose (attendance record|import --over-capacity); audited with the row.';

CREATE FUNCTION filmwg.check_capacity() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    full_event record;
BEGIN
    -- Lock the events concerned so two sessions cannot both take the last seat.
    PERFORM 1 FROM filmwg.events e
      WHERE e.id IN (SELECT i.event_id FROM inserted i WHERE NOT i.over_capacity) AND e.capacity IS NOT NULL
      ORDER BY e.id FOR UPDATE;
    SELECT e.id, e.name, e.capacity, count(a.id) AS taken INTO full_event
      FROM filmwg.events e JOIN filmwg.attendance a ON a.event_id = e.id
     WHERE e.id IN (SELECT i.event_id FROM inserted i WHERE NOT i.over_capacity) AND e.capacity IS NOT NULL
     GROUP BY e.id, e.name, e.capacity
    HAVING count(a.id) > e.capacity
     ORDER BY e.id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'event % (%) has % seats and would have % attendees', full_event.id, full_event.name,
                full_event.capacity, full_event.taken
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_capacity_check',
                  SCHEMA = 'filmwg', TABLE = 'attendance',
                  DETAIL = format('%s seats, %s attendees', full_event.capacity, full_event.taken);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION filmwg.check_capacity() IS
    'AFTER INSERT statement trigger of attendance: refuses (23514, attendance_capacity_check) an insert that leaves an event with more attendees than its capacity, unless every new row of that event is marked over_capacity.';
CREATE TRIGGER check_capacity AFTER INSERT ON filmwg.attendance
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.check_capacity();
COMMENT ON TRIGGER check_capacity ON filmwg.attendance IS 'Event capacity (attendance_capacity_check).';

-- 5. Policy codes ---------------------------------------------------------------------------

ALTER TABLE filmwg.policies
    DROP CONSTRAINT policies_code_check,
    ADD CONSTRAINT policies_code_check CHECK (code ~ '^[A-Za-z0-9_-]+$');
CREATE UNIQUE INDEX policies_code_lower_key ON filmwg.policies (lower(code));
COMMENT ON INDEX filmwg.policies_code_lower_key IS 'Policy codes are unique regardless of case; HR-2018-02 and hr-2018-02 name one policy.';
COMMENT ON COLUMN filmwg.policies.code IS
    'Stable code as typed: letters, digits, - and _ (policies_code_check); unique regardless of case (policies_code_lower_key); looked up regardless of case.';

RESET ROLE;

-- 6. Reporting sessions read instants in the group's time zone. Role settings need CREATEROLE;
-- a migrator without it is told what to run instead of failing the upgrade. (A setting of a
-- group role does not reach its members' logins: set it on each analyst's login role too.)
DO $timezone$
BEGIN
    ALTER ROLE filmwg_reporting SET timezone = 'Asia/Shanghai';
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'could not set the time zone of filmwg_reporting; as a superuser run: ALTER ROLE filmwg_reporting SET timezone = ''Asia/Shanghai''';
END
$timezone$;
