-- 0011_dated_company_values: the values of a company in force on a day, and one definition of
-- the previous and the current run of the eligibility job (DESIGN §11).
--
-- 1. filmwg.company_versions keeps a company's changing attributes (name, name_zh, kind,
--    district, registered_capital, employees, registered_in_zone, zone_registered_on) as dated
--    versions. The periods of one company never overlap (exclusion constraint
--    company_versions_no_overlap) and, once recorded, cover every day from the company's
--    founding on (the first version starts on founded_on, unbounded when that is unknown).
--    Every insert and update is audited like the other tables.
-- 2. filmwg.companies stays the company's identity (id, uscc, founded_on, archived_at,
--    row_version) and carries the values of its latest version (the one that is open-ended),
--    maintained by the database:
--      * an INSERT into companies records the first version (statement trigger
--        company_first_values, set-based, so imports stay one statement);
--      * an UPDATE of companies that changes values records them as a version in force from
--        the transaction's setting filmwg.effective_from (default: today in Asia/Shanghai), for
--        the fields named by the setting filmwg.company_fields (default: those that changed),
--        then sets the row's columns to the latest version's values (trigger company_values).
--    So `company update` keeps its optimistic locking (row_version of companies) and a plain
--    UPDATE from psql is a change effective today.
-- 3. A change in force from D on (filmwg.record_company_values):
--      * D before founded_on is refused (23514, company_versions_after_founding);
--      * the version containing D is split at D (or, when it starts on D, changed in place);
--      * each field given takes its new value from D up to the next later version that itself
--        changed that field (column changed_fields), and no further: a back-dated correction
--        of the capital reaches today unless a later capital change was recorded, which stays.
--    Other fields of later versions are never touched.
-- 4. filmwg.company_facts(D) reads the values in force on D: a company has facts on D only
--    when one of its versions contains D (so not before it was founded).
-- 5. filmwg.previous_run(run), filmwg.current_run(day): the one definition of each, used by the
--    job, eligibility list | explain | changes and the reporting views.
--    filmwg.determination_differences(from, to): the one comparison of two runs, used by the
--    job and by eligibility changes --from-run A --to-run B.
-- 6. filmwg.prune_determinations(keep, dry): drops all but the newest `keep` runs'
--    determinations, never a run a grant rests on; job_runs.pruned_at marks what was dropped.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0011_dated_company_values', true);

-- ---------------------------------------------------------------------------------------------
-- company_versions

CREATE TABLE filmwg.company_versions (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id          bigint NOT NULL CONSTRAINT company_versions_company_id_fkey
        REFERENCES filmwg.companies (id) ON DELETE CASCADE,
    valid               daterange NOT NULL
        CONSTRAINT company_versions_valid_check CHECK (NOT isempty(valid)),
    name                text NOT NULL
        CONSTRAINT company_versions_name_check CHECK (btrim(name) <> ''),
    name_zh             text
        CONSTRAINT company_versions_name_zh_check CHECK (btrim(name_zh) <> ''),
    kind                text NOT NULL
        CONSTRAINT company_versions_kind_check CHECK (kind IN ('internet_platform', 'production',
            'distribution', 'post_production', 'technology', 'investment', 'other')),
    district            text,
    registered_in_zone  boolean NOT NULL,
    zone_registered_on  date,
    registered_capital  numeric(20,2)
        CONSTRAINT company_versions_registered_capital_check CHECK (registered_capital >= 0),
    employees           integer
        CONSTRAINT company_versions_employees_check CHECK (employees >= 0),
    changed_fields      text[] NOT NULL,
    row_version         integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT company_versions_zone_check CHECK (registered_in_zone OR zone_registered_on IS NULL),
    CONSTRAINT company_versions_no_overlap EXCLUDE USING gist (company_id WITH =, valid WITH &&)
);
COMMENT ON TABLE filmwg.company_versions IS
    'The values of a company in force over a period: one row per version, periods of one company never overlap (company_versions_no_overlap) and follow each other without gaps from the first (starting on founded_on, or unbounded when that is unknown) to the latest (open-ended). Written only through filmwg.companies (triggers company_first_values and company_values, function filmwg.record_company_values); filmwg.companies carries the latest version''s values. 单位各属性的生效版本。';
COMMENT ON COLUMN filmwg.company_versions.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.company_versions.company_id IS 'The company.';
COMMENT ON COLUMN filmwg.company_versions.valid IS 'Half-open [effective_from, effective_to) when these values are in force; lower bound NULL (unbounded) for a first version of a company whose founding day is unknown, upper bound NULL for the latest version.';
COMMENT ON COLUMN filmwg.company_versions.name IS 'Name in force; not blank.';
COMMENT ON COLUMN filmwg.company_versions.name_zh IS 'Chinese name in force (中文名称); not blank when present.';
COMMENT ON COLUMN filmwg.company_versions.kind IS 'Kind in force (company_versions_kind_check).';
COMMENT ON COLUMN filmwg.company_versions.district IS 'District of registration in force.';
COMMENT ON COLUMN filmwg.company_versions.registered_in_zone IS 'Registered in the Huairou zone over the period.';
COMMENT ON COLUMN filmwg.company_versions.zone_registered_on IS 'Day of registration in the zone; only when registered_in_zone (company_versions_zone_check).';
COMMENT ON COLUMN filmwg.company_versions.registered_capital IS 'Registered capital in CNY in force, >= 0.';
COMMENT ON COLUMN filmwg.company_versions.employees IS 'Number of employees in force, >= 0.';
COMMENT ON COLUMN filmwg.company_versions.changed_fields IS 'The fields this version was recorded to change (all of them for a first version); a back-dated change of a field stops at the next version that changed it.';
COMMENT ON COLUMN filmwg.company_versions.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.company_versions.created_at IS 'When the version was recorded.';

CREATE INDEX company_versions_company_id_idx ON filmwg.company_versions (company_id, lower(valid));
COMMENT ON INDEX filmwg.company_versions_company_id_idx IS 'A company''s versions in order (company history, the latest version).';

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.company_versions
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.company_versions IS 'Optimistic locking (FW409).';
CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.company_versions
    FOR EACH ROW WHEN (NEW.row_version IS DISTINCT FROM 1) EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER row_version_on_insert ON filmwg.company_versions IS
    'A new row starts at row_version 1 (fires only when the insert named another).';
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON filmwg.company_versions
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.company_versions IS
    'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';
CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.company_versions REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');
COMMENT ON TRIGGER audit_insert ON filmwg.company_versions IS
    'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

REVOKE ALL ON filmwg.company_versions FROM PUBLIC;
GRANT SELECT ON filmwg.company_versions TO filmwg_admin, filmwg_job;

-- Versions for the companies recorded so far: their values now, from their founding on.
INSERT INTO filmwg.company_versions (company_id, valid, name, name_zh, kind, district, registered_in_zone,
                                     zone_registered_on, registered_capital, employees, changed_fields)
SELECT c.id, daterange(c.founded_on, NULL), c.name, c.name_zh, c.kind, c.district, c.registered_in_zone,
       c.zone_registered_on, c.registered_capital, c.employees,
       ARRAY['name', 'name_zh', 'kind', 'district', 'registered_in_zone', 'zone_registered_on',
             'registered_capital', 'employees']
  FROM filmwg.companies c
 ORDER BY c.id;

-- ---------------------------------------------------------------------------------------------
-- Writing versions

CREATE FUNCTION filmwg.company_value_fields() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY['name', 'name_zh', 'kind', 'district', 'registered_in_zone', 'zone_registered_on',
                 'registered_capital', 'employees'];
COMMENT ON FUNCTION filmwg.company_value_fields() IS
    'The columns of filmwg.companies kept as dated versions in filmwg.company_versions.';
GRANT EXECUTE ON FUNCTION filmwg.company_value_fields() TO filmwg_admin, filmwg_job;

CREATE FUNCTION filmwg.record_company_values(company bigint, effective date, fields text[],
                                             vals filmwg.companies) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    cur record;
    unknown text;
BEGIN
    SELECT string_agg(f, ', ') INTO unknown FROM unnest(fields) AS f WHERE f <> ALL (company_value_fields());
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'not a dated value of a company: %', unknown USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF vals.founded_on IS NOT NULL AND effective < vals.founded_on THEN
        RAISE EXCEPTION 'values of company % cannot take effect on %, before it was founded on %',
                coalesce(vals.uscc, company::text), effective, vals.founded_on
            USING ERRCODE = 'check_violation', CONSTRAINT = 'company_versions_after_founding',
                  SCHEMA = 'filmwg', TABLE = 'company_versions', COLUMN = 'valid',
                  HINT = 'Give a day on or after the founding day.';
    END IF;
    SELECT v.* INTO cur FROM company_versions v
     WHERE v.company_id = company AND v.valid @> effective
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'company % has no values in force on % to change', coalesce(vals.uscc, company::text), effective
            USING ERRCODE = 'check_violation', CONSTRAINT = 'company_versions_after_founding',
                  SCHEMA = 'filmwg', TABLE = 'company_versions', COLUMN = 'valid';
    END IF;
    IF lower(cur.valid) IS NOT DISTINCT FROM effective THEN
        UPDATE company_versions
           SET changed_fields = ARRAY(SELECT DISTINCT x FROM unnest(changed_fields || fields) AS x ORDER BY x)
         WHERE id = cur.id;
    ELSE
        -- Split: the version keeps the days before `effective`, a copy takes the rest.
        UPDATE company_versions SET valid = daterange(lower(cur.valid), effective) WHERE id = cur.id;
        INSERT INTO company_versions (company_id, valid, name, name_zh, kind, district, registered_in_zone,
                                      zone_registered_on, registered_capital, employees, changed_fields)
        VALUES (company, daterange(effective, upper(cur.valid)), cur.name, cur.name_zh, cur.kind, cur.district,
                cur.registered_in_zone, cur.zone_registered_on, cur.registered_capital, cur.employees,
                ARRAY(SELECT DISTINCT x FROM unnest(fields) AS x ORDER BY x));
    END IF;
    -- Each field given, from `effective` up to the next later version that itself changed it
    -- (s.<field>: that version's first day, infinity when there is none; NULL when the field is
    -- not given, so it is left alone).
    UPDATE company_versions v SET
           name = CASE WHEN lower(v.valid) < s.name THEN vals.name ELSE v.name END,
           name_zh = CASE WHEN lower(v.valid) < s.name_zh THEN vals.name_zh ELSE v.name_zh END,
           kind = CASE WHEN lower(v.valid) < s.kind THEN vals.kind ELSE v.kind END,
           district = CASE WHEN lower(v.valid) < s.district THEN vals.district ELSE v.district END,
           registered_in_zone = CASE WHEN lower(v.valid) < s.registered_in_zone THEN vals.registered_in_zone ELSE v.registered_in_zone END,
           zone_registered_on = CASE WHEN lower(v.valid) < s.zone_registered_on THEN vals.zone_registered_on ELSE v.zone_registered_on END,
           registered_capital = CASE WHEN lower(v.valid) < s.registered_capital THEN vals.registered_capital ELSE v.registered_capital END,
           employees = CASE WHEN lower(v.valid) < s.employees THEN vals.employees ELSE v.employees END
      FROM (SELECT
                   CASE WHEN 'name' = ANY (fields) THEN coalesce(min(lower(w.valid)) FILTER (WHERE 'name' = ANY (w.changed_fields)), 'infinity') END AS name,
                   CASE WHEN 'name_zh' = ANY (fields) THEN coalesce(min(lower(w.valid)) FILTER (WHERE 'name_zh' = ANY (w.changed_fields)), 'infinity') END AS name_zh,
                   CASE WHEN 'kind' = ANY (fields) THEN coalesce(min(lower(w.valid)) FILTER (WHERE 'kind' = ANY (w.changed_fields)), 'infinity') END AS kind,
                   CASE WHEN 'district' = ANY (fields) THEN coalesce(min(lower(w.valid)) FILTER (WHERE 'district' = ANY (w.changed_fields)), 'infinity') END AS district,
                   CASE WHEN 'registered_in_zone' = ANY (fields) THEN coalesce(min(lower(w.valid)) FILTER (WHERE 'registered_in_zone' = ANY (w.changed_fields)), 'infinity') END AS registered_in_zone,
                   CASE WHEN 'zone_registered_on' = ANY (fields) THEN coalesce(min(lower(w.valid)) FILTER (WHERE 'zone_registered_on' = ANY (w.changed_fields)), 'infinity') END AS zone_registered_on,
                   CASE WHEN 'registered_capital' = ANY (fields) THEN coalesce(min(lower(w.valid)) FILTER (WHERE 'registered_capital' = ANY (w.changed_fields)), 'infinity') END AS registered_capital,
                   CASE WHEN 'employees' = ANY (fields) THEN coalesce(min(lower(w.valid)) FILTER (WHERE 'employees' = ANY (w.changed_fields)), 'infinity') END AS employees
              FROM company_versions w
             WHERE w.company_id = company AND lower(w.valid) > effective) AS s
     WHERE v.company_id = company AND lower(v.valid) >= effective;
END
$$;
COMMENT ON FUNCTION filmwg.record_company_values(bigint, date, text[], filmwg.companies) IS
    'Records `fields` of `vals` as the company''s values in force from `effective` on: refuses a day before founded_on (23514, company_versions_after_founding); splits the version containing the day (or changes it in place when it starts that day); sets each field from that day up to the next later version whose changed_fields name it (later versions keep their own values of it). Called by trigger company_values of filmwg.companies.';
REVOKE ALL ON FUNCTION filmwg.record_company_values(bigint, date, text[], filmwg.companies) FROM PUBLIC;

CREATE FUNCTION filmwg.move_company_start(company bigint, founded date, reference text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    first_id bigint;
    first_valid daterange;
BEGIN
    SELECT v.id, v.valid INTO first_id, first_valid FROM company_versions v
     WHERE v.company_id = company ORDER BY lower(v.valid) NULLS FIRST LIMIT 1 FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF founded IS NOT NULL AND NOT upper_inf(first_valid) AND founded >= upper(first_valid) THEN
        RAISE EXCEPTION 'company % cannot be founded on %: values of it are recorded from % on',
                reference, founded, upper(first_valid)
            USING ERRCODE = 'check_violation', CONSTRAINT = 'company_versions_after_founding',
                  SCHEMA = 'filmwg', TABLE = 'company_versions', COLUMN = 'valid';
    END IF;
    UPDATE company_versions SET valid = daterange(founded, upper(first_valid))
     WHERE id = first_id AND valid IS DISTINCT FROM daterange(founded, upper(first_valid));
END
$$;
COMMENT ON FUNCTION filmwg.move_company_start(bigint, date, text) IS
    'When founded_on changes: the company''s first version starts on the new day (unbounded when unknown). Refused (23514, company_versions_after_founding) when a later version starts on or before that day.';
REVOKE ALL ON FUNCTION filmwg.move_company_start(bigint, date, text) FROM PUBLIC;

-- First versions of new companies, one INSERT per statement (imports write thousands of rows).
CREATE FUNCTION filmwg.company_first_values() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
BEGIN
    INSERT INTO company_versions (company_id, valid, name, name_zh, kind, district, registered_in_zone,
                                  zone_registered_on, registered_capital, employees, changed_fields)
    SELECT i.id, daterange(i.founded_on, NULL), i.name, i.name_zh, i.kind, i.district, i.registered_in_zone,
           i.zone_registered_on, i.registered_capital, i.employees, company_value_fields()
      FROM inserted AS i
     ORDER BY i.id;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION filmwg.company_first_values() IS
    'AFTER INSERT FOR EACH STATEMENT trigger company_first_values of filmwg.companies: each new company''s first version, in force from founded_on on (unbounded when unknown), with one INSERT … SELECT.';
REVOKE ALL ON FUNCTION filmwg.company_first_values() FROM PUBLIC;

CREATE TRIGGER company_first_values AFTER INSERT ON filmwg.companies REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.company_first_values();
COMMENT ON TRIGGER company_first_values ON filmwg.companies IS
    'Records the first version of each new company (filmwg.company_versions).';

CREATE FUNCTION filmwg.company_values() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    given text := nullif(current_setting('filmwg.company_fields', true), '');
    effective date := coalesce(nullif(current_setting('filmwg.effective_from', true), '')::date,
                               (now() AT TIME ZONE 'Asia/Shanghai')::date);
    fields text[];
    latest company_versions;
BEGIN
    IF NEW.founded_on IS DISTINCT FROM OLD.founded_on THEN
        PERFORM move_company_start(NEW.id, NEW.founded_on, coalesce(NEW.uscc, NEW.id::text));
    END IF;
    IF given IS NOT NULL THEN
        fields := string_to_array(given, ',');
    ELSE
        fields := ARRAY(SELECT f FROM unnest(company_value_fields()) AS f
                         WHERE to_jsonb(NEW) -> f IS DISTINCT FROM to_jsonb(OLD) -> f);
    END IF;
    IF cardinality(fields) > 0 THEN
        PERFORM record_company_values(NEW.id, effective, fields, NEW);
    END IF;
    SELECT v.* INTO latest FROM company_versions v
     WHERE v.company_id = NEW.id ORDER BY lower(v.valid) DESC NULLS LAST LIMIT 1;
    IF FOUND THEN
        NEW.name := latest.name;
        NEW.name_zh := latest.name_zh;
        NEW.kind := latest.kind;
        NEW.district := latest.district;
        NEW.registered_in_zone := latest.registered_in_zone;
        NEW.zone_registered_on := latest.zone_registered_on;
        NEW.registered_capital := latest.registered_capital;
        NEW.employees := latest.employees;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION filmwg.company_values() IS
    'BEFORE UPDATE trigger company_values of filmwg.companies (after check_row_version): a change of founded_on moves the first version''s start (filmwg.move_company_start); changed values are recorded as a version in force from the setting filmwg.effective_from (default today in Asia/Shanghai) for the fields named by the setting filmwg.company_fields (comma-separated; default: the dated fields whose value changed), see filmwg.record_company_values; then the row carries the values of the company''s latest version.';
REVOKE ALL ON FUNCTION filmwg.company_values() FROM PUBLIC;

CREATE TRIGGER company_values BEFORE UPDATE ON filmwg.companies
    FOR EACH ROW EXECUTE FUNCTION filmwg.company_values();
COMMENT ON TRIGGER company_values ON filmwg.companies IS
    'Dated values: records the change in filmwg.company_versions and keeps the row equal to the latest version.';

-- ---------------------------------------------------------------------------------------------
-- Facts as of a day read the values in force on it

UPDATE filmwg.fact_catalog SET description = CASE name
    WHEN 'name' THEN 'The company''s name in force on D.'
    WHEN 'kind' THEN 'The company''s kind in force on D.'
    WHEN 'district' THEN 'District of registration in force on D; NULL when unknown.'
    WHEN 'registered_in_zone' THEN 'Registered in the Huairou National Film Industry Demonstration Zone on D (the value in force on D).'
    WHEN 'zone_registered_on' THEN 'Day of registration in the zone, as recorded in force on D; NULL when not registered or unknown.'
    WHEN 'registered_capital' THEN 'Registered capital in CNY in force on D; NULL when unknown.'
    WHEN 'employees' THEN 'Number of employees in force on D; NULL when unknown.'
    ELSE description END
 WHERE name IN ('name', 'kind', 'district', 'registered_in_zone', 'zone_registered_on', 'registered_capital', 'employees');

-- One SELECT, LANGUAGE sql, STABLE, not STRICT, no SET clause: the planner inlines it into the
-- caller's query (the job's one INSERT … SELECT). The values come from the version containing
-- the day, joined set-based (a hash join of the versions in force on D), so a company has facts
-- on D only when it had values on D, i.e. not before its founding day.
CREATE OR REPLACE FUNCTION filmwg.company_facts(as_of date)
RETURNS TABLE (
    company_id           bigint,
    name                 text,
    kind                 text,
    district             text,
    registered_in_zone   boolean,
    zone_registered_on   date,
    registered_capital   numeric,
    founded_on           date,
    employees            integer,
    years_in_operation   integer,
    zone_years           integer,
    is_member            boolean,
    member_tier          text,
    member_since         date,
    events_attended_12m  integer,
    professionals_count  integer,
    holds_position       boolean,
    granted_this_year    numeric
)
LANGUAGE sql STABLE PARALLEL SAFE AS
$$
    SELECT c.id,
           cv.name,
           cv.kind,
           cv.district,
           cv.registered_in_zone,
           cv.zone_registered_on,
           cv.registered_capital,
           c.founded_on,
           cv.employees,
           extract(year FROM age(company_facts.as_of, c.founded_on))::integer,
           extract(year FROM age(company_facts.as_of, cv.zone_registered_on))::integer,
           m.company_id IS NOT NULL,
           m.tier,
           lower(m.period),
           coalesce(ev.events, 0)::integer,
           coalesce(emp.professionals, 0)::integer,
           ra.company_id IS NOT NULL,
           coalesce(g.amount, 0)
      FROM filmwg.companies c
      -- Exactly one version contains the day, or none before the company was founded
      -- (company_versions_no_overlap).
      JOIN filmwg.company_versions cv
        ON cv.company_id = c.id AND cv.valid @> company_facts.as_of
      -- At most one membership contains the day (memberships_no_overlap).
      LEFT JOIN filmwg.memberships m
             ON m.company_id = c.id AND m.period @> company_facts.as_of
      LEFT JOIN (
            SELECT a.company_id, count(DISTINCT a.event_id) AS events
              FROM filmwg.attendance a
              JOIN filmwg.events e ON e.id = a.event_id
             WHERE a.company_id IS NOT NULL
               -- start day in Asia/Shanghai in (D - 12 months, D]
               AND e.starts_at >= (((company_facts.as_of - interval '12 months')::date + 1)::timestamp
                                   AT TIME ZONE 'Asia/Shanghai')
               AND e.starts_at < ((company_facts.as_of + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
             GROUP BY a.company_id
           ) ev ON ev.company_id = c.id
      LEFT JOIN (
            SELECT em.company_id, count(DISTINCT em.professional_id) AS professionals
              FROM filmwg.employments em
             WHERE em.period @> company_facts.as_of
             GROUP BY em.company_id
           ) emp ON emp.company_id = c.id
      LEFT JOIN (
            SELECT DISTINCT r.company_id
              FROM filmwg.role_assignments r
             WHERE r.company_id IS NOT NULL
               AND r.term @> company_facts.as_of
           ) ra ON ra.company_id = c.id
      LEFT JOIN (
            SELECT gr.company_id, sum(gr.amount) AS amount
              FROM filmwg.grants gr
             WHERE gr.status IN ('approved', 'paid')
               AND gr.applied_on >= make_date(extract(year FROM company_facts.as_of)::integer, 1, 1)
               AND gr.applied_on < make_date(extract(year FROM company_facts.as_of)::integer + 1, 1, 1)
             GROUP BY gr.company_id
           ) g ON g.company_id = c.id
     WHERE c.archived_at IS NULL
$$;
COMMENT ON FUNCTION filmwg.company_facts(date) IS
    'The facts of every non-archived company as of a day, one row per company that has values in force on that day (filmwg.company_versions; none before its founding day): company_id, then one column per filmwg.fact_catalog row in ordinal order, same names. Missing data stays NULL; counts are 0 and flags false when nothing matches. Inlinable (one SELECT, LANGUAGE sql STABLE).';

-- ---------------------------------------------------------------------------------------------
-- The previous run and the current run: one definition each

ALTER TABLE filmwg.job_runs ADD COLUMN pruned_at timestamptz;
COMMENT ON COLUMN filmwg.job_runs.pruned_at IS
    'When the run''s determinations were dropped by filmwg.prune_determinations (eligibility prune); NULL while kept. A pruned run is never the current or the previous run.';

CREATE FUNCTION filmwg.previous_run(run bigint) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
    SELECT p.id
      FROM filmwg.job_runs r
      JOIN filmwg.job_runs p ON p.job = r.job
     WHERE r.id = previous_run.run
       AND p.status = 'succeeded' AND NOT p.dry_run AND p.pruned_at IS NULL
       AND (p.as_of < r.as_of OR (p.as_of = r.as_of AND p.id < r.id))
     ORDER BY p.as_of DESC, p.id DESC
     LIMIT 1
$$;
COMMENT ON FUNCTION filmwg.previous_run(bigint) IS
    'The previous run of run `run` (DESIGN §11): the latest succeeded, non-dry, not pruned run of the same job whose as_of is earlier than its own, or the same as_of and a lower id; NULL when there is none. A backfill (a run for an older day) is compared with its own predecessor and never becomes the previous run of a later day''s run. Used by the eligibility job (its changes) and eligibility changes.';
REVOKE ALL ON FUNCTION filmwg.previous_run(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.previous_run(bigint) TO filmwg_admin, filmwg_job, filmwg_reporting;

-- SECURITY DEFINER: the reporting role calls it through reporting.policy_eligibility_current but
-- may not read schema filmwg itself (an inlined body would be parsed with its rights).
CREATE FUNCTION filmwg.current_run(day date DEFAULT NULL) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
    SELECT r.id
      FROM filmwg.job_runs r
     WHERE r.job = 'eligibility' AND r.status = 'succeeded' AND NOT r.dry_run AND r.pruned_at IS NULL
       AND r.as_of <= coalesce(current_run.day, (now() AT TIME ZONE 'Asia/Shanghai')::date)
     ORDER BY r.as_of DESC, r.id DESC
     LIMIT 1
$$;
COMMENT ON FUNCTION filmwg.current_run(date) IS
    'The current eligibility run of a day (DESIGN §11): among the succeeded, non-dry, not pruned runs whose as_of is on or before the day (default: today in Asia/Shanghai), the one with the latest as_of, ties the highest id. So for a day that was evaluated it is the latest run of that day; a re-run of an earlier day never replaces it; a run for a later day (evaluating the future) becomes current on its day. The one definition behind eligibility list | explain | changes and reporting.policy_eligibility_current.';
REVOKE ALL ON FUNCTION filmwg.current_run(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.current_run(date) TO filmwg_admin, filmwg_job, filmwg_reporting;

CREATE FUNCTION filmwg.determination_differences(from_run bigint, to_run bigint)
RETURNS TABLE (policy_version_id bigint, company_id bigint, change text)
LANGUAGE sql STABLE AS
$$
    -- Absent and not eligible count the same, so a change is exactly a (policy, company) that
    -- is eligible in one run and not in the other: only the eligible rows are joined.
    WITH cur AS (
        SELECT d.company_id, v.policy_id, d.policy_version_id
          FROM filmwg.determinations d JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
         WHERE d.run_id = determination_differences.to_run AND d.eligible
    ), prev AS (
        SELECT d.company_id, v.policy_id, d.policy_version_id
          FROM filmwg.determinations d JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
         WHERE d.run_id = determination_differences.from_run AND d.eligible
    ), valid_then AS (
        SELECT v.policy_id, v.id AS policy_version_id
          FROM filmwg.policy_versions v JOIN filmwg.job_runs r ON v.valid @> r.as_of
         WHERE r.id = determination_differences.to_run
    )
    SELECT coalesce(c.policy_version_id, n.policy_version_id, p.policy_version_id),
           coalesce(c.company_id, p.company_id),
           CASE WHEN c.company_id IS NOT NULL THEN 'newly_eligible' ELSE 'no_longer_eligible' END
      FROM cur c
      FULL JOIN prev p ON p.policy_id = c.policy_id AND p.company_id = c.company_id
      LEFT JOIN valid_then n ON n.policy_id = p.policy_id
     WHERE c.company_id IS NULL OR p.company_id IS NULL
$$;
COMMENT ON FUNCTION filmwg.determination_differences(bigint, bigint) IS
    'What changed from run from_run to run to_run, by policy and company: newly_eligible (eligible in to_run, not or not evaluated in from_run) or no_longer_eligible (the other way round); policy_version_id is the version of to_run''s determination, else the policy''s version valid on to_run''s day, else from_run''s. from_run NULL compares with nothing. The job stores it against filmwg.previous_run; eligibility changes --from-run A --to-run B reads it for any two runs.';
REVOKE ALL ON FUNCTION filmwg.determination_differences(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.determination_differences(bigint, bigint) TO filmwg_admin, filmwg_job;

-- ---------------------------------------------------------------------------------------------
-- Retention

CREATE FUNCTION filmwg.prune_determinations(keep integer, dry boolean DEFAULT true)
RETURNS TABLE (run_id bigint, as_of date, determinations bigint, dropped boolean, reason text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    r record;
    part text;
    granted boolean;
BEGIN
    IF keep IS NULL OR keep < 1 THEN
        RAISE EXCEPTION 'keep at least the current run: --keep must be 1 or more, not %', keep
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT dry AND NOT pg_try_advisory_xact_lock(7379548681833742337) THEN
        RAISE EXCEPTION 'an eligibility run is in progress; prune when it has finished'
            USING ERRCODE = 'lock_not_available';
    END IF;
    FOR r IN
        SELECT j.id, j.as_of
          FROM job_runs j
         WHERE j.job = 'eligibility' AND j.status = 'succeeded' AND NOT j.dry_run AND j.pruned_at IS NULL
         ORDER BY j.as_of DESC, j.id DESC
        OFFSET keep
    LOOP
        run_id := r.id;
        as_of := r.as_of;
        SELECT count(*) INTO determinations FROM filmwg.determinations d WHERE d.run_id = r.id;
        granted := EXISTS (SELECT 1 FROM grants g WHERE g.run_id = r.id);
        dropped := NOT granted;
        reason := CASE WHEN granted THEN 'a grant rests on one of its determinations' END;
        IF NOT dry AND NOT granted THEN
            part := 'determinations_' || r.id;
            IF EXISTS (SELECT 1 FROM pg_inherits i
                        WHERE i.inhparent = 'filmwg.determinations'::regclass
                          AND i.inhrelid = to_regclass('filmwg.' || part)) THEN
                EXECUTE format('ALTER TABLE filmwg.determinations DETACH PARTITION filmwg.%I', part);
                EXECUTE format('DROP TABLE filmwg.%I', part);
            ELSE
                DELETE FROM filmwg.determinations d WHERE d.run_id = r.id;
            END IF;
            UPDATE job_runs SET pruned_at = clock_timestamp() WHERE id = r.id;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION filmwg.prune_determinations(integer, boolean) IS
    'Retention (eligibility prune --keep N): every succeeded, non-dry run but the newest `keep` (by as_of, then id, as filmwg.current_run orders them), with its number of determinations; dropped is false, with the reason, for a run a grant rests on, which is always kept. With dry = false, drops those runs'' determinations (DETACH and DROP of the run''s partition, else DELETE) and sets job_runs.pruned_at, under the eligibility job''s advisory lock (55P03 when a run holds it). The runs'' job_runs rows and recorded changes stay.';
REVOKE ALL ON FUNCTION filmwg.prune_determinations(integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.prune_determinations(integer, boolean) TO filmwg_admin, filmwg_job;

RESET ROLE;
