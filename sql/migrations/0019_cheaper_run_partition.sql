-- 0019_cheaper_run_partition: a run's partition gets one index less, the works facts one
-- aggregate instead of three.
--
-- Measured (100,000 companies x 10 policies, the job's statements in the server log, the
-- index builds timed one by one on a copy of a run's 1,000,000 rows, 2 busy cores): the INSERT
-- 7.8 s, filmwg.index_determinations 4.5 s (primary key 0.9 s, (company_id, policy_version_id)
-- 1.2 s, (policy_version_id) 0.7 s, ANALYZE 0.35 s), counting the rows per version 0.37 s, the
-- changes 0.67 s; the floor (one unlogged CREATE TABLE AS) 6.8 s in the same minutes.
--
-- 1. determinations_policy_version_id_idx is dropped (with its partitions' indexes): within a
--    run the primary key (run_id, policy_version_id, company_id) finds a version's rows, and
--    the two queries that asked for a version across every run (trigger keep_determined of
--    policy_versions, trigger policy_version_defaults) now ask run by run (one probe of each
--    run's primary key, LATERAL … LIMIT 1), which is as quick. determinations_default and
--    determinations_legacy keep an index of their own on policy_version_id for the foreign key
--    they still have.
-- 2. filmwg.index_determinations builds the primary key and the company index only, and its
--    ANALYZE samples 3,000 rows (statistics target 10) instead of 30,000: the planner needs the
--    row count and the eligible fraction of a run, not a fine histogram of company ids.
-- 3. filmwg.company_facts, restated whole from 0013's text: the three works facts come from one
--    aggregate over one UNION ALL of the credits that count (one hash join instead of three,
--    one grouping instead of three); the values are the same (Tests: WorksFactsTests).

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0019_cheaper_run_partition', true);

-- ---------------------------------------------------------------------------------------------
-- 1. No index on policy_version_id alone

DROP INDEX filmwg.determinations_policy_version_id_idx;

DO $own$
DECLARE
    p text;
BEGIN
    FOR p IN SELECT c.relname FROM pg_class c
              WHERE c.relnamespace = 'filmwg'::regnamespace
                AND c.relname IN ('determinations_default', 'determinations_legacy') LOOP
        EXECUTE format('CREATE INDEX %I ON filmwg.%I (policy_version_id)', p || '_policy_version_id_idx', p);
        EXECUTE format('COMMENT ON INDEX filmwg.%I IS %L', p || '_policy_version_id_idx',
                       'The rows naming a policy version, for the foreign key ' || p || ' still has (migration 0019).');
    END LOOP;
END
$own$;

CREATE OR REPLACE FUNCTION filmwg.keep_determined() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    referenced boolean;
    constraint_name text := CASE TG_TABLE_NAME WHEN 'companies' THEN 'determinations_company_id_fkey'
                                               ELSE 'determinations_policy_version_id_fkey' END;
BEGIN
    IF NOT pg_try_advisory_xact_lock_shared(determined_rows_lock_key()) THEN
        RAISE EXCEPTION 'an eligibility run is in progress and may name % %', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'lock_not_available',
                  HINT = 'Delete it when the run has finished.';
    END IF;
    IF TG_TABLE_NAME = 'companies' THEN
        referenced := EXISTS (SELECT 1 FROM determinations d WHERE d.company_id = OLD.id);
    ELSE
        -- Run by run: one probe of each run's primary key (run_id, policy_version_id, …); every
        -- determination's run is a row of job_runs (a run's partition by construction, the
        -- other partitions by foreign key).
        referenced := EXISTS (SELECT 1 FROM job_runs r
                               CROSS JOIN LATERAL (SELECT 1 FROM determinations d
                                                    WHERE d.run_id = r.id AND d.policy_version_id = OLD.id
                                                    LIMIT 1) x);
    END IF;
    IF referenced THEN
        RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "determinations"',
                        TG_TABLE_NAME, constraint_name
            USING ERRCODE = 'foreign_key_violation',
                  CONSTRAINT = constraint_name,
                  SCHEMA = 'filmwg',
                  TABLE = 'determinations',
                  DETAIL = format('Key (id)=(%s) is still referenced from table "determinations".', OLD.id);
    END IF;
    RETURN OLD;
END
$$;

CREATE OR REPLACE FUNCTION filmwg.policy_version_defaults() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.version IS NULL THEN
            -- Serialise numbering per policy.
            PERFORM 1 FROM filmwg.policies WHERE id = NEW.policy_id FOR NO KEY UPDATE;
            SELECT coalesce(max(version), 0) + 1 INTO NEW.version
              FROM filmwg.policy_versions WHERE policy_id = NEW.policy_id;
        END IF;
        RETURN NEW;
    END IF;
    -- Whether determinations name the version: run by run, one probe of each run's primary key
    -- (migration 0019).
    IF (NEW.rule IS DISTINCT FROM OLD.rule OR NEW.criteria IS DISTINCT FROM OLD.criteria
        OR NEW.policy_id IS DISTINCT FROM OLD.policy_id OR NEW.version IS DISTINCT FROM OLD.version
        OR NEW.amount IS DISTINCT FROM OLD.amount OR NEW.amount_cap IS DISTINCT FROM OLD.amount_cap
        OR NEW.exclusive_group IS DISTINCT FROM OLD.exclusive_group)
       AND EXISTS (SELECT 1 FROM filmwg.job_runs r
                    CROSS JOIN LATERAL (SELECT 1 FROM filmwg.determinations d
                                         WHERE d.run_id = r.id AND d.policy_version_id = OLD.id
                                         LIMIT 1) x) THEN
        RAISE EXCEPTION 'version % of policy % has been used by the eligibility job, its rule cannot change',
                OLD.version, (SELECT code FROM filmwg.policies WHERE id = OLD.policy_id)
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'policy_versions_immutable',
                  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'rule',
                  HINT = 'Revise the policy: a new version from a later day.';
    END IF;
    RETURN NEW;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- 2. A run's partition: the primary key and the company index, a smaller sample

CREATE OR REPLACE FUNCTION filmwg.index_determinations(run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp SET default_statistics_target = 10 AS
$$
DECLARE
    name text := 'determinations_' || run;
BEGIN
    PERFORM require_running_here(run);
    -- The partitioned table's primary key and index, built by sorting; the attach takes them
    -- over. A duplicate fails the run here.
    EXECUTE format('ALTER TABLE filmwg.%I ADD CONSTRAINT %I PRIMARY KEY (run_id, policy_version_id, company_id)',
                   name, name || '_pkey');
    EXECUTE format('CREATE INDEX %I ON filmwg.%I (company_id, policy_version_id)', name || '_company_id_idx', name);
    -- Statistics of what queries filter and join on, from a sample of 3,000 rows (the function's
    -- default_statistics_target): the changes and the reports read the partition at once.
    EXECUTE format('ANALYZE filmwg.%I (run_id, policy_version_id, company_id, eligible, amount)', name);
END
$$;
COMMENT ON FUNCTION filmwg.index_determinations(bigint) IS
    'Builds the primary key and the company index of filmwg.determinations_<run> (see open_determinations) and ANALYZEs, from a small sample, the columns queries filter and join on, before the table is attached; job run `run` must be running in this session.';

-- ---------------------------------------------------------------------------------------------
-- 3. The works facts from one aggregate

-- 0013's definition (the values in force on D, the figures of the year before, the works), the
-- works block rewritten; one SELECT, LANGUAGE sql, STABLE, not STRICT, no SET clause: inlinable.
CREATE OR REPLACE FUNCTION filmwg.company_facts(as_of date)
RETURNS TABLE (
    company_id                        bigint,
    name                              text,
    kind                              text,
    district                          text,
    registered_in_zone                boolean,
    zone_registered_on                date,
    registered_capital                numeric,
    founded_on                        date,
    employees                         integer,
    years_in_operation                integer,
    zone_years                        integer,
    is_member                         boolean,
    member_tier                       text,
    member_since                      date,
    events_attended_12m               integer,
    professionals_count               integer,
    holds_position                    boolean,
    granted_this_year                 numeric,
    -- figures of the year before (0012)
    rent_paid_last_year               numeric,
    rented_area_m2_last_year          numeric,
    fiscal_contribution_last_year     numeric,
    revenue_last_year                 numeric,
    investment_last_year              numeric,
    renovation_cost_last_year         numeric,
    renovated_area_m2_last_year       numeric,
    fiscal_contribution_per_m2_last_year numeric,
    -- works (0013)
    works_released_12m                integer,
    first_producer_works              integer,
    first_producer_awarded_works_12m  integer
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
           coalesce(g.amount, 0),
           -- figures of the year before (0012)
           fy.rent_paid,
           fy.rented_area_m2,
           fy.fiscal_contribution,
           fy.revenue,
           fy.investment,
           fy.renovation_cost,
           fy.renovated_area_m2,
           fy.fiscal_contribution / NULLIF(fy.rented_area_m2, 0),
           -- works (0013)
           coalesce(wk.released_12m, 0)::integer,
           coalesce(wk.first_works, 0)::integer,
           coalesce(wk.awarded, 0)::integer
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
      -- The calendar year before the day's (0012; company_figures_pkey: at most one row).
      LEFT JOIN filmwg.company_figures fy
             ON fy.company_id = c.id AND fy.year = extract(year FROM company_facts.as_of)::integer - 1
      -- ---- works (0013; one aggregate since 0019): wk ---------------------------------------
      -- One row per credit that counts, grouped once: each work first-produced and released on
      -- or before D (first_works; released_12m when in the window); each co-production released
      -- in the window (released_12m; a co-producer is never the work's first producer and never
      -- listed twice, work_co_producers); each work first-produced that won an award dated in
      -- the window, once however many it won (awarded).
      LEFT JOIN (
            SELECT k.company_id, sum(k.released_12m) AS released_12m, sum(k.first_works) AS first_works,
                   sum(k.awarded) AS awarded
              FROM (SELECT w.first_producer_id AS company_id,
                           (w.released_on > (company_facts.as_of - interval '12 months')::date)::integer AS released_12m,
                           1 AS first_works, 0 AS awarded
                      FROM filmwg.works w
                     WHERE w.released_on <= company_facts.as_of
                    UNION ALL
                    SELECT cp.company_id, 1, 0, 0
                      FROM filmwg.work_co_producers cp
                      JOIN filmwg.works w ON w.id = cp.work_id
                     WHERE w.released_on > (company_facts.as_of - interval '12 months')::date
                       AND w.released_on <= company_facts.as_of
                    UNION ALL
                    SELECT w.first_producer_id, 0, 0, 1
                      FROM (SELECT DISTINCT a.work_id
                              FROM filmwg.awards a
                             WHERE a.result = 'won'
                               AND a.awarded_on > (company_facts.as_of - interval '12 months')::date
                               AND a.awarded_on <= company_facts.as_of) aw
                      JOIN filmwg.works w ON w.id = aw.work_id) k
             GROUP BY k.company_id
           ) wk ON wk.company_id = c.id
      -- ---- end of works ----------------------------------------------------------------------
     WHERE c.archived_at IS NULL
$$;

COMMENT ON FUNCTION filmwg.company_facts(date) IS
    'The facts of every non-archived company as of a day, one row per company that has values in force on that day (filmwg.company_versions; none before its founding day): company_id, then one column per filmwg.fact_catalog row in ordinal order, same names; the figures are those of the calendar year before D''s (filmwg.company_figures). Missing data stays NULL; counts are 0 and flags false when nothing matches. Inlinable (one SELECT, LANGUAGE sql STABLE).';
REVOKE ALL ON FUNCTION filmwg.company_facts(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.company_facts(date) TO filmwg_admin, filmwg_job;

-- The catalog and the function must agree: same names, order and types.
DO $check$
DECLARE
    mismatch text;
BEGIN
    WITH fn AS (
        SELECT u.name, format_type(u.type, NULL) AS type,
               row_number() OVER (ORDER BY u.k) - 1 AS ordinal
          FROM pg_proc p,
               unnest(p.proallargtypes, p.proargnames, p.proargmodes)
                   WITH ORDINALITY AS u(type, name, mode, k)
         WHERE p.oid = 'filmwg.company_facts(date)'::regprocedure AND u.mode = 't'
    )
    SELECT string_agg(coalesce(fn.name, c.name), ', ') INTO mismatch
      FROM (SELECT * FROM fn WHERE fn.ordinal > 0) fn
      FULL JOIN filmwg.fact_catalog c ON c.ordinal = fn.ordinal
     WHERE fn.name IS DISTINCT FROM c.name OR fn.type IS DISTINCT FROM c.type;
    IF mismatch IS NOT NULL THEN
        RAISE EXCEPTION 'filmwg.fact_catalog and filmwg.company_facts disagree on: %', mismatch;
    END IF;
END
$check$;

RESET ROLE;
