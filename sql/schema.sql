--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: filmwg; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA filmwg;

--
-- Name: SCHEMA filmwg; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA filmwg IS 'Records of the Internet Film Working Group of the Internet Society of China: companies, memberships, professionals, events, positions, policies, eligibility job results and the audit log. 中国互联网协会互联网影视工作组的业务记录。';

--
-- Name: reporting; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA reporting;

--
-- Name: SCHEMA reporting; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA reporting IS 'Read-only reporting views for analysts (role filmwg_reporting); no personal contact data. 供分析人员使用的只读报表视图，不含个人联系方式。';

--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

--
-- Name: EXTENSION btree_gist; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

--
-- Name: abandon_dead_runs(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.abandon_dead_runs(job_name text DEFAULT 'eligibility'::text) RETURNS integer
    LANGUAGE sql
    AS $$
    WITH dead AS (
        UPDATE filmwg.job_runs r
           SET status = 'abandoned',
               error = coalesce(r.error, format('the session running it (pid %s) ended before it finished', r.backend_pid))
         WHERE r.job = job_name
           AND r.status = 'running'
           AND NOT EXISTS (
                SELECT 1 FROM pg_catalog.pg_stat_activity a
                 WHERE a.pid = r.backend_pid
                   AND (a.backend_start = r.backend_start
                        OR a.backend_start IS NULL OR r.backend_start IS NULL))
        RETURNING 1
    )
    SELECT count(*)::integer FROM dead
$$;

--
-- Name: FUNCTION abandon_dead_runs(job_name text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.abandon_dead_runs(job_name text) IS 'Marks running runs of a job whose session (backend_pid + backend_start) no longer exists as abandoned; returns how many. Call it while holding the job''s advisory lock. A session of another login whose backend_start is hidden from the caller counts as alive while its pid exists.';

--
-- Name: attach_determinations(bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.attach_determinations(run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
DECLARE
    name text := 'determinations_' || run;
BEGIN
    PERFORM require_running_here(run);
    IF to_regclass(format('filmwg.%I', name || '_pkey')) IS NULL THEN
        PERFORM index_determinations(run);
    END IF;
    -- Takes over the indexes built by index_determinations; the CHECK constraint implies the
    -- bound, so the table is not scanned; no foreign key to validate (migration 0016).
    EXECUTE format('ALTER TABLE filmwg.determinations ATTACH PARTITION filmwg.%I FOR VALUES FROM (%s) TO (%s)',
                   name, run, run + 1);
    EXECUTE format('REVOKE UPDATE ON filmwg.%I FROM filmwg_job', name);
END
$$;

--
-- Name: FUNCTION attach_determinations(run bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.attach_determinations(run bigint) IS 'Attaches filmwg.determinations_<run> (see open_determinations; indexed by index_determinations, which it calls when that has not been done) as the partition of job run `run`. Nothing is validated or scanned but the default partition; it locks only filmwg.determinations (SHARE UPDATE EXCLUSIVE), its default partition and the new partition until the run commits.';

--
-- Name: audit(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
DECLARE
    old_values jsonb;
    new_values jsonb;
    key_row jsonb;
    row_id text;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_values := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_values := to_jsonb(NEW); END IF;
    key_row := coalesce(new_values, old_values);
    -- TG_ARGV names the primary key columns (no query per row: this runs for every import row).
    row_id := key_row ->> TG_ARGV[0];
    FOR i IN 1 .. TG_NARGS - 1 LOOP
        row_id := row_id || ',' || (key_row ->> TG_ARGV[i]);
    END LOOP;

    IF TG_TABLE_NAME = 'professionals'
       AND (coalesce(current_setting('filmwg.erasing', true), '') = 'on'
            OR (old_values ->> 'erased_at') IS NOT NULL
            OR (new_values ->> 'erased_at') IS NOT NULL) THEN
        old_values := old_values - personal_fields();
        new_values := new_values - personal_fields();
    END IF;

    INSERT INTO audit_log (actor, session_user_name, table_name, row_id, action, old_values, new_values)
    VALUES (current_actor(), session_user, TG_TABLE_NAME, row_id, lower(TG_OP), old_values, new_values);
    RETURN NULL;
END
$$;

--
-- Name: FUNCTION audit(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.audit() IS 'AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW trigger (trigger name audit) of every admin-edited table; arguments: the primary key column names. Writes exactly one filmwg.audit_log row per changed row, as filmwg_owner. For professionals, personal fields are left out when the row is (or becomes) erased or when the session setting filmwg.erasing is ''on''.';

--
-- Name: audit_inserted(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.audit_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $_$
DECLARE
    row_id_sql text;
BEGIN
    -- row_id: the key columns named by TG_ARGV, as text, joined by commas (as filmwg.audit()).
    SELECT string_agg(format('(j ->> %L)', key), ' || '','' || ' ORDER BY n)
      INTO row_id_sql
      FROM unnest(TG_ARGV) WITH ORDINALITY AS k(key, n);

    EXECUTE format($sql$
        INSERT INTO audit_log (actor, session_user_name, table_name, row_id, action, old_values, new_values)
        SELECT $1, session_user, $2, %s, 'insert', NULL,
               CASE WHEN $3 AND ($4 OR (j ->> 'erased_at') IS NOT NULL) THEN j - personal_fields() ELSE j END
          FROM (SELECT to_jsonb(i) AS j FROM inserted AS i) AS rows
        $sql$, row_id_sql)
    USING current_actor(),
          TG_TABLE_NAME::text,
          TG_TABLE_NAME = 'professionals',
          coalesce(current_setting('filmwg.erasing', true), '') = 'on';
    RETURN NULL;
END
$_$;

--
-- Name: FUNCTION audit_inserted(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.audit_inserted() IS 'AFTER INSERT FOR EACH STATEMENT trigger (trigger name audit_insert, REFERENCING NEW TABLE AS inserted) of every admin-edited table; arguments: the primary key column names. Writes, with one INSERT … SELECT, exactly one filmwg.audit_log row (action insert) per row the statement inserted, as filmwg_owner, with the same actor, row_id and new_values that filmwg.audit() writes for a row; for professionals, personal fields are left out when the row is erased or the session setting filmwg.erasing is ''on''. UPDATE and DELETE stay with the row-level trigger audit.';

--
-- Name: check_capacity(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.check_capacity() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: FUNCTION check_capacity(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.check_capacity() IS 'AFTER INSERT statement trigger of attendance: refuses (23514, attendance_capacity_check) an insert that leaves an event with more attendees than its capacity, unless every new row of that event is marked over_capacity.';

--
-- Name: check_grant(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.check_grant() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    pol record;
    version_policy text;
BEGIN
    SELECT code, cap INTO pol FROM filmwg.policies WHERE id = NEW.policy_id;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports it
    END IF;
    IF NEW.amount > pol.cap THEN
        RAISE EXCEPTION 'grant amount % exceeds the cap % of policy %', NEW.amount, pol.cap, pol.code
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'grants_amount_cap',
                  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'amount';
    END IF;
    IF NEW.policy_version_id IS NOT NULL THEN
        SELECT p.code INTO version_policy
          FROM filmwg.policy_versions v JOIN filmwg.policies p ON p.id = v.policy_id
         WHERE v.id = NEW.policy_version_id;
        IF FOUND AND version_policy <> pol.code THEN
            RAISE EXCEPTION 'policy version % belongs to policy %, not to policy %',
                    NEW.policy_version_id, version_policy, pol.code
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'grants_policy_version_check',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'policy_version_id';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

--
-- Name: FUNCTION check_grant(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.check_grant() IS 'Trigger check_grant of grants (BEFORE INSERT OR UPDATE OF amount, policy_id, policy_version_id): check_violation (23514) with constraint grants_amount_cap "grant amount A exceeds the cap C of policy CODE"; with constraint grants_policy_version_check "policy version ID belongs to policy CODE, not to policy CODE".';

--
-- Name: check_policy_budget(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.check_policy_budget() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    granted numeric;
BEGIN
    -- The same lock approvals take, so a budget and an approval cannot pass each other.
    PERFORM 1 FROM filmwg.policies WHERE id = NEW.policy_id FOR NO KEY UPDATE;
    SELECT coalesce(sum(amount), 0) INTO granted
      FROM filmwg.grants
     WHERE policy_id = NEW.policy_id AND year = NEW.year AND status IN ('approved', 'paid');
    IF granted > NEW.amount THEN
        RAISE EXCEPTION 'the budget % of policy % for % is below the % already approved or paid',
                NEW.amount, (SELECT code FROM filmwg.policies WHERE id = NEW.policy_id), NEW.year, granted
            USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_budget_exceeded',
                  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'amount';
    END IF;
    RETURN NEW;
END
$$;

--
-- Name: FUNCTION check_policy_budget(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.check_policy_budget() IS 'Trigger check_policy_budget of policy_budgets (BEFORE INSERT OR UPDATE): locks the policy row as approvals do; check_violation (23514) on constraint grants_budget_exceeded when the approved + paid total of the policy''s grants for the year is above the new budget.';

--
-- Name: check_row_version(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.check_row_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.row_version := 1;
        RETURN NEW;
    END IF;
    IF NEW.row_version IS DISTINCT FROM OLD.row_version THEN
        RAISE EXCEPTION 'stale row_version: expected %, current %', NEW.row_version, OLD.row_version
            USING ERRCODE = 'FW409',
                  SCHEMA = TG_TABLE_SCHEMA,
                  TABLE = TG_TABLE_NAME,
                  COLUMN = 'row_version',
                  DETAIL = format('%s.%s was changed by someone else after it was read.',
                                  TG_TABLE_SCHEMA, TG_TABLE_NAME),
                  HINT = 'Read the record again and repeat the change.';
    END IF;
    NEW.row_version := OLD.row_version + 1;
    RETURN NEW;
END
$$;

--
-- Name: FUNCTION check_row_version(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.check_row_version() IS 'BEFORE INSERT OR UPDATE trigger of every admin-edited table (trigger name check_row_version). On insert, row_version starts at 1. On update, a caller that names a version (UPDATE … SET row_version = expected) that differs from the stored one gets SQLSTATE FW409 "stale row_version: expected N, current M" and nothing is written; otherwise row_version becomes the stored version + 1.';

--
-- Name: company_facts(date); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.company_facts(as_of date) RETURNS TABLE(company_id bigint, name text, kind text, district text, registered_in_zone boolean, zone_registered_on date, registered_capital numeric, founded_on date, employees integer, years_in_operation integer, zone_years integer, is_member boolean, member_tier text, member_since date, events_attended_12m integer, professionals_count integer, holds_position boolean, granted_this_year numeric, rent_paid_last_year numeric, rented_area_m2_last_year numeric, fiscal_contribution_last_year numeric, revenue_last_year numeric, investment_last_year numeric, renovation_cost_last_year numeric, renovated_area_m2_last_year numeric, fiscal_contribution_per_m2_last_year numeric, works_released_12m integer, first_producer_works integer, first_producer_awarded_works_12m integer)
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
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

--
-- Name: FUNCTION company_facts(as_of date); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.company_facts(as_of date) IS 'The facts of every non-archived company as of a day, one row per company that has values in force on that day (filmwg.company_versions; none before its founding day): company_id, then one column per filmwg.fact_catalog row in ordinal order, same names; the figures are those of the calendar year before D''s (filmwg.company_figures). Missing data stays NULL; counts are 0 and flags false when nothing matches. Inlinable (one SELECT, LANGUAGE sql STABLE).';

--
-- Name: company_first_values(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.company_first_values() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION company_first_values(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.company_first_values() IS 'AFTER INSERT FOR EACH STATEMENT trigger company_first_values of filmwg.companies: each new company''s first version, in force from founded_on on (unbounded when unknown), with one INSERT … SELECT.';

--
-- Name: company_name_key(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.company_name_key(name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_replace(CASE WHEN (name ~ '[^\x01-\x40\x5b-\x60\x7b-\x7f\u4e00-\u9fff]'::text) THEN regexp_replace(regexp_replace(regexp_replace(lower(CASE WHEN (name IS NFKC NORMALIZED) THEN name ELSE NORMALIZE(name, NFKC) END), '\([^()]*\)'::text, ''::text, 'g'::text), '(集团)?(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)$'::text, ''::text), '[[:space:][:punct:]·・、，。]+(?:co(?:\.?,? *ltd\.?|\.? limited|\.)?|company limited|corp(?:oration(?: limited)?|\.)?|limited|ltd\.?|inc(?:orporated|\.)?|l\.?l\.?c\.?|gmbh|s\.?a\.?)[[:space:][:punct:]]*$'::text, ''::text) ELSE regexp_replace(regexp_replace(name, '\([^()]*\)'::text, ''::text, 'g'::text), '(集团)?(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)$'::text, ''::text) END, '[[:space:][:punct:]·・、，。“”‘’《》]+'::text, ''::text, 'g'::text);

--
-- Name: FUNCTION company_name_key(name text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.company_name_key(name text) IS 'A company name with what does not tell companies apart set aside: full-width forms folded (NFKC), case, bracketed places such as (北京) or （北京）, a final Chinese legal form (有限公司, 有限责任公司, 股份有限公司, 集团有限公司 …), a final Latin one (Co., Ltd., Company Limited, Inc., Corp., LLC, GmbH …), spaces and punctuation; NULL for NULL. Two companies with the same key are probable duplicates (company duplicates, company import). An expression, inlined into the indexes companies_name_key_idx and companies_name_zh_key_idx and the queries that use it; the same key as migration 0014 defined, computed in a third of the time (migration 0020).';

--
-- Name: company_search_text(text, text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.company_search_text(name text, name_zh text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((name || ' '::text) || COALESCE(name_zh, ''::text));

--
-- Name: FUNCTION company_search_text(name text, name_zh text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.company_search_text(name text, name_zh text) IS 'A company''s name and Chinese name in one text, for the one trigram index of name search (companies_names_trgm_idx); a match must still be found in one of the two names.';

--
-- Name: company_value_fields(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.company_value_fields() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY['name'::text, 'name_zh'::text, 'kind'::text, 'district'::text, 'registered_in_zone'::text, 'zone_registered_on'::text, 'registered_capital'::text, 'employees'::text];

--
-- Name: FUNCTION company_value_fields(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.company_value_fields() IS 'The columns of filmwg.companies kept as dated versions in filmwg.company_versions.';

--
-- Name: company_values(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.company_values() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION company_values(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.company_values() IS 'BEFORE UPDATE trigger company_values of filmwg.companies (after check_row_version): a change of founded_on moves the first version''s start (filmwg.move_company_start); changed values are recorded as a version in force from the setting filmwg.effective_from (default today in Asia/Shanghai) for the fields named by the setting filmwg.company_fields (comma-separated; default: the dated fields whose value changed), see filmwg.record_company_values; then the row carries the values of the company''s latest version.';

--
-- Name: current_actor(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.current_actor() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN COALESCE(NULLIF(current_setting('filmwg.actor'::text, true), ''::text), NULLIF("substring"(current_setting('application_name'::text, true), '^filmwg \((.*?)\)?$'::text), ''::text), (SESSION_USER)::text);

--
-- Name: FUNCTION current_actor(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.current_actor() IS 'The acting user: the setting filmwg.actor (set_config(''filmwg.actor'', NAME, false) on a direct connection, or SET LOCAL in a transaction), else the actor in application_name ''filmwg (NAME)'' (what filmwg sends behind a pooler, at most 63 bytes), else the session user.';

--
-- Name: current_run(date); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.current_run(day date DEFAULT NULL::date) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT r.id
      FROM filmwg.job_runs r
     WHERE r.job = 'eligibility' AND r.status = 'succeeded' AND NOT r.dry_run AND r.pruned_at IS NULL
       AND r.as_of <= coalesce(current_run.day, (now() AT TIME ZONE 'Asia/Shanghai')::date)
     ORDER BY r.as_of DESC, r.id DESC
     LIMIT 1
$$;

--
-- Name: FUNCTION current_run(day date); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.current_run(day date) IS 'The current eligibility run of a day (DESIGN §11): among the succeeded, non-dry, not pruned runs whose as_of is on or before the day (default: today in Asia/Shanghai), the one with the latest as_of, ties the highest id. So for a day that was evaluated it is the latest run of that day; a re-run of an earlier day never replaces it; a run for a later day (evaluating the future) becomes current on its day. The one definition behind eligibility list | explain | changes and reporting.policy_eligibility_current.';

--
-- Name: delete_determinations(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.delete_determinations() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
BEGIN
    DELETE FROM determinations d WHERE d.run_id = OLD.id;
    DELETE FROM determination_changes ch WHERE ch.run_id = OLD.id;
    UPDATE determination_changes ch SET previous_run_id = NULL WHERE ch.previous_run_id = OLD.id;
    RETURN OLD;
END
$$;

--
-- Name: FUNCTION delete_determinations(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.delete_determinations() IS 'Trigger delete_determinations of job_runs (BEFORE DELETE): a deleted run takes its determinations and its changes with it, and changes computed against it no longer name it, as the foreign keys'' ON DELETE CASCADE and ON DELETE SET NULL did (migrations 0016, 0021).';

--
-- Name: determination_differences(bigint, bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.determination_differences(from_run bigint, to_run bigint) RETURNS TABLE(policy_version_id bigint, company_id bigint, change text)
    LANGUAGE sql STABLE
    AS $$
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

--
-- Name: FUNCTION determination_differences(from_run bigint, to_run bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.determination_differences(from_run bigint, to_run bigint) IS 'What changed from run from_run to run to_run, by policy and company: newly_eligible (eligible in to_run, not or not evaluated in from_run) or no_longer_eligible (the other way round); policy_version_id is the version of to_run''s determination, else the policy''s version valid on to_run''s day, else from_run''s. from_run NULL compares with nothing. The job stores it against filmwg.previous_run; eligibility changes --from-run A --to-run B reads it for any two runs.';

--
-- Name: determined_rows_lock_key(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.determined_rows_lock_key() RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT 7379548681833742338::bigint $$;

--
-- Name: FUNCTION determined_rows_lock_key(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.determined_rows_lock_key() IS 'The advisory lock an eligibility run holds exclusively for its transaction ("filmwg" in ASCII, then 2) and a deletion of a company or policy version takes shared: no deletion while a run may be writing determinations that name the row.';

--
-- Name: enforce_seats(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.enforce_seats() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    pos record;
    conflict_on date;
    held_from date;
    holders text;
BEGIN
    IF TG_TABLE_NAME = 'positions' THEN
        -- Lowering the seats of a position: the row is locked by this UPDATE, so concurrent
        -- assignments of it wait. Check today and every later start of a term.
        WITH live AS (
            SELECT ra.professional_id, ra.term
              FROM filmwg.role_assignments ra
             WHERE ra.position_id = NEW.id
               AND (upper_inf(ra.term) OR upper(ra.term) > (now() AT TIME ZONE 'Asia/Shanghai')::date)
        ), points AS (
            SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS at
            UNION
            SELECT lower(term) FROM live WHERE lower(term) > (now() AT TIME ZONE 'Asia/Shanghai')::date
        )
        SELECT p.at, string_agg(l.professional_id::text, ', ' ORDER BY l.professional_id)
          INTO conflict_on, holders
          FROM points p JOIN live l ON l.term @> p.at
         GROUP BY p.at
        HAVING count(*) > NEW.seats
         ORDER BY count(*) DESC, p.at
         LIMIT 1;
        IF conflict_on IS NOT NULL THEN
            RAISE EXCEPTION 'position % cannot have % seat%, it is held on % by professionals %',
                    NEW.code, NEW.seats, CASE WHEN NEW.seats = 1 THEN '' ELSE 's' END,
                    conflict_on, holders
                USING ERRCODE = 'exclusion_violation',
                      CONSTRAINT = 'role_assignments_seats',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'seats',
                      HINT = 'End some terms first, or keep the seats.';
        END IF;
        RETURN NEW;
    END IF;

    -- role_assignments: nothing to check when neither position nor term changes.
    IF TG_OP = 'UPDATE' AND NEW.position_id = OLD.position_id AND NEW.term = OLD.term THEN
        RETURN NEW;
    END IF;

    -- Serialise every assignment of this position (and changes of its seats).
    SELECT id, code, seats INTO pos
      FROM filmwg.positions WHERE id = NEW.position_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports it
    END IF;

    -- The number of holders over the new term is highest at its start or at the start of one
    -- of the overlapping terms; count the other holders at each such day.
    WITH others AS (
        SELECT ra.professional_id, ra.term
          FROM filmwg.role_assignments ra
         WHERE ra.position_id = NEW.position_id
           AND ra.id <> NEW.id
           AND ra.term && NEW.term
    ), points AS (
        SELECT lower(NEW.term) AS at
        UNION
        SELECT lower(term) FROM others WHERE NEW.term @> lower(term)
    )
    SELECT p.at, min(lower(o.term)),
           string_agg(o.professional_id::text, ', ' ORDER BY lower(o.term), o.professional_id)
      INTO conflict_on, held_from, holders
      FROM points p JOIN others o ON o.term @> p.at
     GROUP BY p.at
    HAVING count(*) >= pos.seats
     ORDER BY p.at
     LIMIT 1;

    IF conflict_on IS NOT NULL THEN
        IF pos.seats = 1 THEN
            RAISE EXCEPTION 'position % has 1 seat, already held from % by professional %',
                    pos.code, held_from, holders
                USING ERRCODE = 'exclusion_violation',
                      CONSTRAINT = 'role_assignments_seats',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'term',
                      HINT = 'End the current term first, or choose a later start.';
        ELSE
            RAISE EXCEPTION 'position % has % seats, all held on % by professionals %',
                    pos.code, pos.seats, conflict_on, holders
                USING ERRCODE = 'exclusion_violation',
                      CONSTRAINT = 'role_assignments_seats',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'term',
                      HINT = 'End a current term first, choose a later start, or add seats.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

--
-- Name: FUNCTION enforce_seats(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.enforce_seats() IS 'Trigger enforce_seats. On role_assignments (BEFORE INSERT OR UPDATE): locks the position row (FOR NO KEY UPDATE) so assignments of one position serialise, then counts the holders on every day of the new term; raises exclusion_violation (23P01) with constraint role_assignments_seats: "position CODE has 1 seat, already held from DATE by professional ID" or "position CODE has N seats, all held on DATE by professionals ID, ID, …". On positions (BEFORE UPDATE OF seats, when lowered): 23P01 role_assignments_seats "position CODE cannot have N seat(s), it is held on DATE by professionals ID, …" when more professionals hold it on some day from today (Asia/Shanghai) on. Sound under READ COMMITTED (the default) and SERIALIZABLE.';

--
-- Name: erase_professional(bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.erase_professional(professional_id bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
DECLARE
    previous text := current_setting('filmwg.erasing', true);
    was_erased timestamptz;
BEGIN
    SELECT erased_at INTO was_erased FROM professionals WHERE id = professional_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'professional % does not exist', professional_id
            USING ERRCODE = 'no_data_found', SCHEMA = 'filmwg', TABLE = 'professionals';
    END IF;
    PERFORM set_config('filmwg.erasing', 'on', true);
    IF was_erased IS NULL THEN
        UPDATE professionals
           SET full_name = NULL, latin_name = NULL, email = NULL, phone = NULL,
               erased_at = clock_timestamp()
         WHERE id = professional_id;
    ELSE
        -- Already erased: only make sure the audit log holds nothing personal.
        UPDATE audit_log
           SET old_values = old_values - personal_fields(),
               new_values = new_values - personal_fields()
         WHERE table_name = 'professionals' AND row_id = professional_id::text
           AND (old_values ?| personal_fields() OR new_values ?| personal_fields());
    END IF;
    PERFORM set_config('filmwg.erasing', coalesce(previous, ''), true);
END
$$;

--
-- Name: FUNCTION erase_professional(professional_id bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.erase_professional(professional_id bigint) IS 'Erases a professional''s personal data on request: nulls full_name, latin_name, email and phone, sets erased_at, keeps attendance, employments and roles; leaves one audit row for the erase without personal values and removes them from the earlier audit rows. Idempotent. Raises no_data_found (P0002) "professional N does not exist".';

--
-- Name: grant_workflow(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.grant_workflow() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    det record;
    pol_code text;
    company_total numeric;
    policy_total numeric;
    budget numeric;
BEGIN
    NEW.year := coalesce(NEW.year, extract(year FROM NEW.applied_on)::integer);
    IF NEW.amount < 0 THEN
        RETURN NEW;  -- grants_amount_check reports it
    END IF;
    SELECT code INTO pol_code FROM filmwg.policies WHERE id = NEW.policy_id;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'applied' THEN
            RAISE EXCEPTION 'a grant starts as applied, not %; approve, reject or pay it afterwards', NEW.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_transition_check',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'status';
        END IF;
    ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
        IF NOT ((OLD.status, NEW.status) IN (('applied', 'approved'), ('approved', 'paid'),
                                             ('applied', 'rejected'), ('approved', 'rejected'))) THEN
            RAISE EXCEPTION 'grant % is %; it cannot become % (only applied → approved → paid, and applied or approved → rejected)',
                    OLD.id, OLD.status, NEW.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_transition_check',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'status';
        END IF;
    ELSIF NEW.amount IS DISTINCT FROM OLD.amount AND OLD.status IN ('paid', 'rejected') THEN
        RAISE EXCEPTION 'grant % is %; its amount cannot change', OLD.id, OLD.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_transition_check',
                  SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'amount';
    END IF;

    IF TG_OP = 'INSERT' OR NEW.run_id IS DISTINCT FROM OLD.run_id OR NEW.year IS DISTINCT FROM OLD.year
       OR NEW.company_id IS DISTINCT FROM OLD.company_id OR NEW.policy_id IS DISTINCT FROM OLD.policy_id THEN
        SELECT d.eligible, d.amount, r.as_of, r.status AS run_status, r.dry_run
          INTO det
          FROM filmwg.determinations d JOIN filmwg.job_runs r ON r.id = d.run_id
         WHERE d.run_id = NEW.run_id AND d.policy_version_id = NEW.policy_version_id AND d.company_id = NEW.company_id;
        IF NOT FOUND OR NOT det.eligible OR det.run_status <> 'succeeded' OR det.dry_run
           OR extract(year FROM det.as_of)::integer <> NEW.year THEN
            RAISE EXCEPTION 'a grant of policy % for % must rest on an eligible determination of a succeeded run of that year', pol_code, NEW.year
                USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_determination_eligible',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'run_id';
        END IF;
    END IF;

    IF NEW.status = 'approved' AND (TG_OP = 'INSERT' OR OLD.status <> 'approved' OR NEW.amount > OLD.amount) THEN
        -- Serialise approvals of the policy: the second of two racing approvals waits here,
        -- then (READ COMMITTED: each statement below takes a new snapshot) sees the first.
        PERFORM 1 FROM filmwg.policies WHERE id = NEW.policy_id FOR NO KEY UPDATE;
        SELECT d.amount, d.amount_reason, v.amount AS formula INTO det
          FROM filmwg.determinations d JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
         WHERE d.run_id = NEW.run_id AND d.policy_version_id = NEW.policy_version_id AND d.company_id = NEW.company_id;
        IF FOUND AND det.formula IS NOT NULL THEN
            IF det.amount IS NULL THEN
                RAISE EXCEPTION 'the amount of the determination grant % rests on is unknown (%); it cannot be approved',
                        NEW.id, coalesce(det.amount_reason, 'no reason recorded')
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_entitlement_exceeded',
                          SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'amount';
            END IF;
            SELECT coalesce(sum(g.amount), 0) INTO company_total
              FROM filmwg.grants g
             WHERE g.policy_id = NEW.policy_id AND g.year = NEW.year AND g.company_id = NEW.company_id
               AND g.status IN ('approved', 'paid') AND g.id <> NEW.id;
            IF company_total + NEW.amount > det.amount THEN
                RAISE EXCEPTION 'approving % would bring the approved and paid grants of this company under policy % for % to %, above its entitlement of %',
                        NEW.amount, pol_code, NEW.year, company_total + NEW.amount, round(det.amount, 2)
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_entitlement_exceeded',
                          SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'amount';
            END IF;
        END IF;
        SELECT b.amount INTO budget FROM filmwg.policy_budgets b WHERE b.policy_id = NEW.policy_id AND b.year = NEW.year;
        IF FOUND THEN
            SELECT coalesce(sum(g.amount), 0) INTO policy_total
              FROM filmwg.grants g
             WHERE g.policy_id = NEW.policy_id AND g.year = NEW.year
               AND g.status IN ('approved', 'paid') AND g.id <> NEW.id;
            IF policy_total + NEW.amount > budget THEN
                RAISE EXCEPTION 'approving % would bring the approved and paid grants of policy % for % to %, above its budget of %',
                        NEW.amount, pol_code, NEW.year, policy_total + NEW.amount, budget
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_budget_exceeded',
                          SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'amount';
            END IF;
        END IF;
    END IF;
    RETURN NEW;
END
$$;

--
-- Name: FUNCTION grant_workflow(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.grant_workflow() IS 'Trigger grant_workflow of grants (BEFORE INSERT OR UPDATE), all check_violation (23514): a NULL year becomes applied_on''s; a new grant is applied (grants_transition_check) and rests on an eligible determination of a succeeded, non-dry run of its year (grants_determination_eligible); status moves only applied → approved → paid and applied | approved → rejected (grants_transition_check); an approval locks the policy row (serialising approvals of the policy) and is refused when the company''s approved + paid total for (policy, year) would exceed the amount of its determination (grants_entitlement_exceeded; also when that amount is unknown) or the policy''s approved + paid total for the year would exceed its budget (grants_budget_exceeded).';

--
-- Name: index_determinations(bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.index_determinations(run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    SET default_statistics_target TO '10'
    SET maintenance_work_mem TO '1GB'
    AS $$
DECLARE
    name text := 'determinations_' || run;
BEGIN
    PERFORM require_running_here(run);
    -- The partitioned table's primary key, built by sorting rows already in its order, and its
    -- BRIN company index (one pass, no sort); the attach takes both over. A duplicate fails
    -- the run here.
    EXECUTE format('ALTER TABLE filmwg.%I ADD CONSTRAINT %I PRIMARY KEY (run_id, policy_version_id, company_id)',
                   name, name || '_pkey');
    EXECUTE format('CREATE INDEX %I ON filmwg.%I USING brin (company_id) WITH (pages_per_range = 8)',
                   name || '_company_id_idx', name);
    -- Statistics of what queries filter and join on, from a sample of 3,000 rows (the function's
    -- default_statistics_target): the changes and the reports read the partition at once.
    EXECUTE format('ANALYZE filmwg.%I (run_id, policy_version_id, company_id, eligible, amount)', name);
END
$$;

--
-- Name: FUNCTION index_determinations(run bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.index_determinations(run bigint) IS 'Builds the primary key (sorted in memory: maintenance_work_mem 1GB for the function) and the BRIN company index of filmwg.determinations_<run> (see open_determinations) and ANALYZEs, from a small sample, the columns queries filter and join on, before the table is attached; job run `run` must be running in this session.';

--
-- Name: job_run_defaults(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.job_run_defaults() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.backend_start IS NULL AND NEW.backend_pid = pg_backend_pid() THEN
            SELECT a.backend_start INTO NEW.backend_start
              FROM pg_catalog.pg_stat_activity a WHERE a.pid = pg_backend_pid();
        END IF;
    ELSIF OLD.status = 'running' AND NEW.status <> 'running' THEN
        NEW.finished_at := coalesce(NEW.finished_at, clock_timestamp());
        NEW.duration_ms := coalesce(NEW.duration_ms,
            floor(extract(epoch FROM NEW.finished_at - NEW.started_at) * 1000)::bigint);
    END IF;
    RETURN NEW;
END
$$;

--
-- Name: FUNCTION job_run_defaults(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.job_run_defaults() IS 'Trigger job_run_defaults of job_runs (BEFORE INSERT OR UPDATE): fills backend_start of the inserting session; when status leaves running, fills finished_at and duration_ms unless given.';

--
-- Name: keep_determined(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.keep_determined() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
DECLARE
    referenced text;
BEGIN
    IF NOT pg_try_advisory_xact_lock_shared(determined_rows_lock_key()) THEN
        RAISE EXCEPTION 'an eligibility run is in progress and may name % %', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'lock_not_available',
                  HINT = 'Delete it when the run has finished.';
    END IF;
    IF TG_TABLE_NAME = 'companies' THEN
        IF EXISTS (SELECT 1 FROM determinations d WHERE d.company_id = OLD.id) THEN
            referenced := 'determinations';
        ELSIF EXISTS (SELECT 1 FROM determination_changes ch WHERE ch.company_id = OLD.id) THEN
            referenced := 'determination_changes';
        END IF;
    ELSE
        -- Run by run: one probe of each run's primary key (run_id, policy_version_id, …); every
        -- determination's and every change's run is a row of job_runs.
        IF EXISTS (SELECT 1 FROM job_runs r
                    CROSS JOIN LATERAL (SELECT 1 FROM determinations d
                                         WHERE d.run_id = r.id AND d.policy_version_id = OLD.id
                                         LIMIT 1) x) THEN
            referenced := 'determinations';
        ELSIF EXISTS (SELECT 1 FROM job_runs r
                       CROSS JOIN LATERAL (SELECT 1 FROM determination_changes ch
                                            WHERE ch.run_id = r.id AND ch.policy_version_id = OLD.id
                                            LIMIT 1) x) THEN
            referenced := 'determination_changes';
        END IF;
    END IF;
    IF referenced IS NOT NULL THEN
        RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
                        TG_TABLE_NAME,
                        referenced || CASE TG_TABLE_NAME WHEN 'companies' THEN '_company_id_fkey'
                                                         ELSE '_policy_version_id_fkey' END,
                        referenced
            USING ERRCODE = 'foreign_key_violation',
                  CONSTRAINT = referenced || CASE TG_TABLE_NAME WHEN 'companies' THEN '_company_id_fkey'
                                                                 ELSE '_policy_version_id_fkey' END,
                  SCHEMA = 'filmwg',
                  TABLE = referenced,
                  DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', OLD.id, referenced);
    END IF;
    RETURN OLD;
END
$$;

--
-- Name: FUNCTION keep_determined(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.keep_determined() IS 'Trigger keep_determined of companies and policy_versions (BEFORE DELETE): refuses, as the foreign keys did (23503, determinations_… or determination_changes_…_fkey), to delete a row a determination or a change names, and refuses (55P03) while an eligibility run is in progress (advisory lock determined_rows_lock_key() held exclusively by the run).';

SET default_tablespace = '';

--
-- Name: determinations; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.determinations (
    run_id bigint NOT NULL,
    policy_version_id bigint NOT NULL,
    company_id bigint NOT NULL,
    eligible boolean NOT NULL,
    criteria_values boolean[] NOT NULL,
    amount numeric,
    amount_reason text
)
PARTITION BY RANGE (run_id);

--
-- Name: TABLE determinations; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.determinations IS 'What a job run decided: for each policy version valid on the run''s day and each company, whether it is eligible and the value of every criterion. Partitioned by run: the job writes a run''s rows into filmwg.determinations_<run>, indexes it and attaches it (filmwg.open_determinations, filmwg.index_determinations, filmwg.attach_determinations); rows inserted here directly for a run without a partition go to determinations_default. The keys to job_runs, policy_versions and companies hold by construction in a run''s partition (migration 0016) and by foreign keys in determinations_default; triggers keep_determined refuse to delete a company or policy version a determination names.';

--
-- Name: COLUMN determinations.run_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determinations.run_id IS 'The run (rows go with it when it is deleted).';

--
-- Name: COLUMN determinations.policy_version_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determinations.policy_version_id IS 'The policy version evaluated.';

--
-- Name: COLUMN determinations.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determinations.company_id IS 'The company evaluated.';

--
-- Name: COLUMN determinations.eligible; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determinations.eligible IS 'Whether the rule held; a rule that came out NULL is false.';

--
-- Name: COLUMN determinations.criteria_values; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determinations.criteria_values IS 'Value of each criterion, aligned with policy_versions.criteria; NULL elements are undetermined (missing facts).';

--
-- Name: COLUMN determinations.amount; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determinations.amount IS 'For an eligible determination of a version with an amount formula: CNY the company receives, rounded half-up to 0.01, at least 0, at most the version''s amount_cap; 0 when another policy of its exclusive group pays more; NULL when a fact the formula needs is unknown or a divisor is 0 (amount_reason says which), and for ineligible determinations and versions without a formula.';

--
-- Name: COLUMN determinations.amount_reason; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determinations.amount_reason IS 'Why amount is NULL (e.g. "rent_paid_last_year is unknown") or 0 by its exclusive group; NULL otherwise.';

SET default_table_access_method = heap;

--
-- Name: grants; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.grants (
    id bigint NOT NULL,
    policy_id bigint NOT NULL,
    company_id bigint NOT NULL,
    run_id bigint,
    policy_version_id bigint,
    amount numeric(20,2) NOT NULL,
    status text DEFAULT 'applied'::text NOT NULL,
    applied_on date DEFAULT ((now() AT TIME ZONE 'Asia/Shanghai'::text))::date NOT NULL,
    decided_on date,
    paid_on date,
    notes text,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    year integer NOT NULL,
    reason text,
    CONSTRAINT grants_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT grants_dates_check CHECK (((decided_on >= applied_on) AND (paid_on >= applied_on))),
    CONSTRAINT grants_determination_check CHECK (((run_id IS NULL) = (policy_version_id IS NULL))),
    CONSTRAINT grants_status_check CHECK ((status = ANY (ARRAY['applied'::text, 'approved'::text, 'rejected'::text, 'paid'::text]))),
    CONSTRAINT grants_year_check CHECK (((year >= 1990) AND (year <= 2200)))
);

--
-- Name: TABLE grants; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.grants IS 'Benefits actually granted (or applied for) under a policy, and the determination they rest on.';

--
-- Name: COLUMN grants.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.id IS 'Surrogate key.';

--
-- Name: COLUMN grants.policy_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.policy_id IS 'The policy.';

--
-- Name: COLUMN grants.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.company_id IS 'The receiving company.';

--
-- Name: COLUMN grants.run_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.run_id IS 'With policy_version_id and company_id: the determination the grant rests on (grants_determination_fkey); both NULL or both set (grants_determination_check).';

--
-- Name: COLUMN grants.policy_version_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.policy_version_id IS 'The policy version of that determination; must belong to policy_id (grants_policy_version_check).';

--
-- Name: COLUMN grants.amount; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.amount IS 'Amount in CNY, >= 0 (grants_amount_check), at most the policy''s cap (grants_amount_cap).';

--
-- Name: COLUMN grants.status; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.status IS 'applied, approved, rejected or paid (grants_status_check); only applied → approved → paid and applied | approved → rejected (grants_transition_check). A paid grant has paid_on (grants_paid_on_check).';

--
-- Name: COLUMN grants.applied_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.applied_on IS 'Day of application (default today in Asia/Shanghai); its year is the grant''s year.';

--
-- Name: COLUMN grants.decided_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.decided_on IS 'Day of approval or rejection, not before applied_on (grants_dates_check).';

--
-- Name: COLUMN grants.paid_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.paid_on IS 'Day of payment, not before applied_on (grants_dates_check).';

--
-- Name: COLUMN grants.notes; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.notes IS 'Free notes.';

--
-- Name: COLUMN grants.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN grants.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.created_at IS 'When the record was created.';

--
-- Name: COLUMN grants.year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.year IS 'The year the grant is for: its determination is from a run of this year; budgets and entitlements are per year.';

--
-- Name: COLUMN grants.reason; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.grants.reason IS 'Why it was rejected (required when rejected, grants_reason_check).';

--
-- Name: job_runs; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.job_runs (
    id bigint NOT NULL,
    job text NOT NULL,
    as_of date NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    dry_run boolean DEFAULT false NOT NULL,
    actor text DEFAULT filmwg.current_actor() NOT NULL,
    backend_pid integer DEFAULT pg_backend_pid(),
    backend_start timestamp with time zone,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    duration_ms bigint,
    companies integer,
    policy_versions integer,
    determinations integer,
    eligible integer,
    changes integer,
    error text,
    pruned_at timestamp with time zone,
    CONSTRAINT job_runs_finished_check CHECK (((status = 'running'::text) = (finished_at IS NULL))),
    CONSTRAINT job_runs_job_check CHECK ((job = 'eligibility'::text)),
    CONSTRAINT job_runs_status_check CHECK ((status = ANY (ARRAY['running'::text, 'succeeded'::text, 'failed'::text, 'abandoned'::text])))
);

--
-- Name: TABLE job_runs; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.job_runs IS 'Every run of a batch job. At most one running run per job (job_runs_running_key). A run whose session is gone is marked abandoned by filmwg.abandon_dead_runs.';

--
-- Name: COLUMN job_runs.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.id IS 'Surrogate key; increases with the start of runs.';

--
-- Name: COLUMN job_runs.job; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.job IS 'Which job: eligibility (job_runs_job_check).';

--
-- Name: COLUMN job_runs.as_of; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.as_of IS 'The day the job evaluated (facts as of this day).';

--
-- Name: COLUMN job_runs.status; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.status IS 'running, succeeded, failed or abandoned (job_runs_status_check).';

--
-- Name: COLUMN job_runs.dry_run; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.dry_run IS 'A dry run computes but keeps no determinations; reports ignore it.';

--
-- Name: COLUMN job_runs.actor; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.actor IS 'Who started the run (filmwg.actor, else the session user).';

--
-- Name: COLUMN job_runs.backend_pid; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.backend_pid IS 'pg_backend_pid() of the session doing the work; with backend_start, identifies it in pg_stat_activity.';

--
-- Name: COLUMN job_runs.backend_start; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.backend_start IS 'backend_start of that session in pg_stat_activity (filled in on insert), so a reused pid is not mistaken for a live run.';

--
-- Name: COLUMN job_runs.started_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.started_at IS 'When the run started.';

--
-- Name: COLUMN job_runs.finished_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.finished_at IS 'When the run ended (NULL exactly while running, job_runs_finished_check); filled in when status leaves running if not given.';

--
-- Name: COLUMN job_runs.duration_ms; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.duration_ms IS 'finished_at - started_at in milliseconds; filled in when status leaves running if not given.';

--
-- Name: COLUMN job_runs.companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.companies IS 'Companies evaluated.';

--
-- Name: COLUMN job_runs.policy_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.policy_versions IS 'Policy versions valid on as_of and evaluated.';

--
-- Name: COLUMN job_runs.determinations; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.determinations IS 'Determinations written.';

--
-- Name: COLUMN job_runs.eligible; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.eligible IS 'Determinations that came out eligible.';

--
-- Name: COLUMN job_runs.changes; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.changes IS 'Changes since the previous succeeded run (determination_changes rows).';

--
-- Name: COLUMN job_runs.error; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.error IS 'Why the run failed or was abandoned.';

--
-- Name: COLUMN job_runs.pruned_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.job_runs.pruned_at IS 'When the run''s determinations were dropped by filmwg.prune_determinations (eligibility prune); NULL while kept. A pruned run is never the current or the previous run.';

--
-- Name: policies; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.policies (
    id bigint NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    issuer text,
    benefit text,
    cap numeric(20,2),
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT policies_cap_check CHECK ((cap >= (0)::numeric)),
    CONSTRAINT policies_code_check CHECK ((code ~ '^[A-Za-z0-9_-]+$'::text)),
    CONSTRAINT policies_title_check CHECK ((btrim(title) <> ''::text))
);

--
-- Name: TABLE policies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.policies IS 'Preferential policies the Huairou zone offers film companies; their eligibility rules are in policy_versions.';

--
-- Name: COLUMN policies.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policies.id IS 'Surrogate key.';

--
-- Name: COLUMN policies.code; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policies.code IS 'Stable code as typed: letters, digits, - and _ (policies_code_check); unique regardless of case (policies_code_lower_key); looked up regardless of case.';

--
-- Name: COLUMN policies.title; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policies.title IS 'Title; not blank.';

--
-- Name: COLUMN policies.issuer; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policies.issuer IS 'Who issues the policy, e.g. the zone''s administrative committee.';

--
-- Name: COLUMN policies.benefit; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policies.benefit IS 'What the policy grants, in words.';

--
-- Name: COLUMN policies.cap; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policies.cap IS 'Largest amount in CNY of one grant under the policy, >= 0 (policies_cap_check); NULL when uncapped.';

--
-- Name: COLUMN policies.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policies.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN policies.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policies.created_at IS 'When the record was created.';

--
-- Name: policy_budgets; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.policy_budgets (
    policy_id bigint NOT NULL,
    year integer NOT NULL,
    amount numeric(20,2) NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT policy_budgets_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT policy_budgets_year_check CHECK (((year >= 1990) AND (year <= 2200)))
);

--
-- Name: TABLE policy_budgets; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.policy_budgets IS 'What a policy may pay in a year (filmwg policy budget): approvals whose approved + paid total for the year would exceed it are refused (grants_budget_exceeded). No row: no budget limit.';

--
-- Name: COLUMN policy_budgets.policy_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_budgets.policy_id IS 'The policy.';

--
-- Name: COLUMN policy_budgets.year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_budgets.year IS 'The grants'' year.';

--
-- Name: COLUMN policy_budgets.amount; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_budgets.amount IS 'Budget in CNY, >= 0, never below the approved + paid total already granted (grants_budget_exceeded).';

--
-- Name: COLUMN policy_budgets.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_budgets.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN policy_budgets.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_budgets.created_at IS 'When the record was created.';

--
-- Name: policy_versions; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.policy_versions (
    id bigint NOT NULL,
    policy_id bigint NOT NULL,
    version integer NOT NULL,
    valid daterange NOT NULL,
    rule text NOT NULL,
    criteria text[] NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    amount text,
    amount_cap numeric(20,2),
    exclusive_group text,
    CONSTRAINT policy_versions_amount_cap_check CHECK ((amount_cap >= (0)::numeric)),
    CONSTRAINT policy_versions_amount_check CHECK ((btrim(amount) <> ''::text)),
    CONSTRAINT policy_versions_criteria_check CHECK ((array_position(criteria, NULL::text) IS NULL)),
    CONSTRAINT policy_versions_exclusive_group_check CHECK ((exclusive_group ~ '^[a-z0-9_-]+$'::text)),
    CONSTRAINT policy_versions_rule_check CHECK ((btrim(rule) <> ''::text)),
    CONSTRAINT policy_versions_valid_check CHECK (((NOT isempty(valid)) AND (NOT lower_inf(valid)))),
    CONSTRAINT policy_versions_version_check CHECK ((version >= 1))
);

--
-- Name: TABLE policy_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.policy_versions IS 'Versions of a policy''s eligibility rule, each valid over a period; versions of one policy never overlap (policy_versions_no_overlap). Rule and criteria are fixed once a job has used the version (policy_versions_immutable).';

--
-- Name: COLUMN policy_versions.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.id IS 'Surrogate key.';

--
-- Name: COLUMN policy_versions.policy_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.policy_id IS 'The policy.';

--
-- Name: COLUMN policy_versions.version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.version IS 'Number of the version within its policy: 1, 2, … (unique per policy, policy_versions_policy_id_version_key); the next number is filled in when inserted as NULL.';

--
-- Name: COLUMN policy_versions.valid; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.valid IS 'Half-open [valid_from, valid_to) when the version applies; upper bound NULL while open (policy_versions_valid_check).';

--
-- Name: COLUMN policy_versions.rule; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.rule IS 'The eligibility rule, in the rule language over the fact catalog (filmwg.fact_catalog); checked by the application before it is saved.';

--
-- Name: COLUMN policy_versions.criteria; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.criteria IS 'Source text of each top-level `and` term of the rule, in order; determinations.criteria_values is aligned with it.';

--
-- Name: COLUMN policy_versions.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN policy_versions.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.created_at IS 'When the version was recorded.';

--
-- Name: COLUMN policy_versions.amount; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.amount IS 'How much an eligible company receives: a formula of the rules language over the facts (DESIGN §12), checked by the application before it is saved; NULL when the version pays no computed amount.';

--
-- Name: COLUMN policy_versions.amount_cap; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.amount_cap IS 'Largest amount in CNY of one determination, >= 0; NULL when uncapped.';

--
-- Name: COLUMN policy_versions.exclusive_group; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.policy_versions.exclusive_group IS 'Policies whose versions share a group are not cumulative: per company and run, only the eligible one with the highest amount keeps it (ties: the smaller code); NULL when cumulative.';

--
-- Name: live_benefits_by_policy_year; Type: VIEW; Schema: filmwg; Owner: -
--

CREATE VIEW filmwg.live_benefits_by_policy_year AS
 WITH latest AS (
         SELECT DISTINCT ON (v.policy_id, d.company_id, (EXTRACT(year FROM r.as_of))) v.policy_id,
            d.company_id,
            (EXTRACT(year FROM r.as_of))::integer AS year,
            d.amount
           FROM ((filmwg.determinations d
             JOIN filmwg.job_runs r ON (((r.id = d.run_id) AND (r.status = 'succeeded'::text) AND (NOT r.dry_run))))
             JOIN filmwg.policy_versions v ON ((v.id = d.policy_version_id)))
          WHERE d.eligible
          ORDER BY v.policy_id, d.company_id, (EXTRACT(year FROM r.as_of)), r.as_of DESC, r.id DESC
        ), entitled AS (
         SELECT latest.policy_id,
            latest.year,
            (count(*))::integer AS companies,
            sum(latest.amount) AS amount,
            (count(*) FILTER (WHERE (latest.amount IS NULL)))::integer AS unknown
           FROM latest
          GROUP BY latest.policy_id, latest.year
        ), granted AS (
         SELECT grants.policy_id,
            grants.year,
            sum(grants.amount) FILTER (WHERE (grants.status = 'applied'::text)) AS applied,
            sum(grants.amount) FILTER (WHERE (grants.status = 'approved'::text)) AS approved,
            sum(grants.amount) FILTER (WHERE (grants.status = 'paid'::text)) AS paid,
            sum(grants.amount) FILTER (WHERE (grants.status = 'rejected'::text)) AS rejected
           FROM filmwg.grants
          GROUP BY grants.policy_id, grants.year
        ), keys AS (
         SELECT entitled.policy_id,
            entitled.year
           FROM entitled
        UNION
         SELECT granted.policy_id,
            granted.year
           FROM granted
        UNION
         SELECT policy_budgets.policy_id,
            policy_budgets.year
           FROM filmwg.policy_budgets
        )
 SELECT p.code AS policy_code,
    p.title AS policy_title,
    k.year,
    COALESCE(e.companies, 0) AS companies_entitled,
    COALESCE(e.unknown, 0) AS entitlements_unknown,
    COALESCE(e.amount, (0)::numeric) AS entitled,
    COALESCE(g.applied, (0)::numeric) AS applied,
    COALESCE(g.approved, (0)::numeric) AS approved,
    COALESCE(g.paid, (0)::numeric) AS paid,
    COALESCE(g.rejected, (0)::numeric) AS rejected,
    b.amount AS budget,
    ((b.amount - COALESCE(g.approved, (0)::numeric)) - COALESCE(g.paid, (0)::numeric)) AS remaining_budget
   FROM ((((keys k
     JOIN filmwg.policies p ON ((p.id = k.policy_id)))
     LEFT JOIN entitled e ON (((e.policy_id = k.policy_id) AND (e.year = k.year))))
     LEFT JOIN granted g ON (((g.policy_id = k.policy_id) AND (g.year = k.year))))
     LEFT JOIN filmwg.policy_budgets b ON (((b.policy_id = k.policy_id) AND (b.year = k.year))));

--
-- Name: VIEW live_benefits_by_policy_year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON VIEW filmwg.live_benefits_by_policy_year IS 'reporting.benefits_by_policy_year computed from the records now (what filmwg.refresh_summaries() stores).';

--
-- Name: live_benefits_by_policy_year_rows(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.live_benefits_by_policy_year_rows() RETURNS SETOF filmwg.live_benefits_by_policy_year
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT live_benefits_by_policy_year.policy_code,
     live_benefits_by_policy_year.policy_title,
     live_benefits_by_policy_year.year,
     live_benefits_by_policy_year.companies_entitled,
     live_benefits_by_policy_year.entitlements_unknown,
     live_benefits_by_policy_year.entitled,
     live_benefits_by_policy_year.applied,
     live_benefits_by_policy_year.approved,
     live_benefits_by_policy_year.paid,
     live_benefits_by_policy_year.rejected,
     live_benefits_by_policy_year.budget,
     live_benefits_by_policy_year.remaining_budget
    FROM filmwg.live_benefits_by_policy_year;
END;

--
-- Name: FUNCTION live_benefits_by_policy_year_rows(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.live_benefits_by_policy_year_rows() IS 'The rows of filmwg.live_benefits_by_policy_year, for reporting.benefits_by_policy_year before its first refresh or for another day than its summary''s. Runs as the owner; readers of the report may call it.';

--
-- Name: uscc_entity_types(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.uscc_entity_types(authority text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE authority WHEN '1'::text THEN '1239'::text WHEN '2'::text THEN '19'::text WHEN '3'::text THEN '123459'::text WHEN '4'::text THEN '19'::text WHEN '5'::text THEN '1239'::text WHEN '6'::text THEN '129'::text WHEN '7'::text THEN '129'::text WHEN '8'::text THEN '19'::text WHEN '9'::text THEN '123'::text WHEN 'A'::text THEN '19'::text WHEN 'N'::text THEN '1239'::text WHEN 'Y'::text THEN '1'::text ELSE NULL::text END;

--
-- Name: FUNCTION uscc_entity_types(authority text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.uscc_entity_types(authority text) IS 'The entity-type characters (USCC position 2) that a registration authority (position 1) uses, GB 32100-2015 table 1 with its amendments: 1 机构编制 1239, 2 外交 19, 3 司法行政 123459, 4 文化 19, 5 民政 1239, 6 旅游 129, 7 宗教 129, 8 工会 19, 9 工商 123, A 中央军委改革和编制办公室 19, N 农业 1239, Y 其他 1; NULL for a character that is no authority (and for NULL). An expression, inlined where it is used. The Swift twin is USCC.entityTypes.';

--
-- Name: uscc_is_valid(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.uscc_is_valid(code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'::text) AND (substr('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, (((31 - (((((((((((((((((((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 1, 1)) - 1) * 1) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 2, 1)) - 1) * 3)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 3, 1)) - 1) * 9)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 4, 1)) - 1) * 27)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 5, 1)) - 1) * 19)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 6, 1)) - 1) * 26)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 7, 1)) - 1) * 16)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 8, 1)) - 1) * 17)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 9, 1)) - 1) * 20)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 10, 1)) - 1) * 29)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 11, 1)) - 1) * 25)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 12, 1)) - 1) * 13)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 13, 1)) - 1) * 8)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 14, 1)) - 1) * 24)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 15, 1)) - 1) * 10)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 16, 1)) - 1) * 30)) + ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY'::text, substr(code, 17, 1)) - 1) * 28)) % 31)) % 31) + 1), 1) = substr(code, 18, 1)));

--
-- Name: FUNCTION uscc_is_valid(code text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.uscc_is_valid(code text) IS 'Whether a Unified Social Credit Code is valid (GB 32100-2015: 18 characters of 0123456789ABCDEFGHJKLMNPQRTUWXY, check character over weights 3^(i-1) mod 31); NULL for NULL. Accepts exactly the codes for which filmwg.uscc_problem is NULL; one inlinable expression, for the CHECK constraint companies_uscc_check (with filmwg.uscc_refused). filmwg.uscc_problem says why a code is invalid.';

--
-- Name: uscc_refused(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.uscc_refused(code text) RETURNS boolean
    LANGUAGE plpgsql STRICT
    AS $$
DECLARE
    problem text := filmwg.uscc_problem(code);
BEGIN
    RAISE EXCEPTION 'USCC ''%'' is not valid: %', code, coalesce(problem, 'check character')
        USING ERRCODE = 'check_violation',
              CONSTRAINT = 'companies_uscc_check',
              SCHEMA = 'filmwg',
              TABLE = 'companies',
              COLUMN = 'uscc',
              DETAIL = coalesce(problem, 'check character');
END
$$;

--
-- Name: FUNCTION uscc_refused(code text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.uscc_refused(code text) IS 'Raises check_violation (23514) on constraint companies_uscc_check with message "USCC ''CODE'' is not valid: REASON" and DETAIL = REASON (the phrase of filmwg.uscc_problem); NULL for NULL. The second half of companies_uscc_check, reached only when filmwg.uscc_is_valid is false.';

--
-- Name: uscc_structure_problem(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.uscc_structure_problem(code text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN ((code IS NULL) OR (char_length(code) <> 18)) THEN NULL::text WHEN (filmwg.uscc_entity_types(substr(code, 1, 1)) IS NULL) THEN (('position 1 is '''::text || substr(code, 1, 1)) || ''', which is no registration authority of GB 32100 (1 to 9, A, N or Y)'::text) WHEN (strpos(filmwg.uscc_entity_types(substr(code, 1, 1)), substr(code, 2, 1)) = 0) THEN (((((('position 2 is '''::text || substr(code, 2, 1)) || ''', an entity type that registration authority '''::text) || substr(code, 1, 1)) || ''' does not use (it uses '::text) || rtrim(regexp_replace(filmwg.uscc_entity_types(substr(code, 1, 1)), '(.)'::text, '\1, '::text, 'g'::text), ', '::text)) || ')'::text) WHEN (substr(code, 3, 6) !~ '^[0-9]{6}$'::text) THEN (('positions 3 to 8 are '''::text || substr(code, 3, 6)) || ''', which is not the six digits of an administrative division code'::text) ELSE NULL::text END;

--
-- Name: FUNCTION uscc_structure_problem(code text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.uscc_structure_problem(code text) IS 'Why positions 1–8 of an 18-character USCC break GB 32100-2015 (authority, entity type, six-digit division code), or NULL when they do not (or the code is not 18 characters: filmwg.uscc_problem says so; NULL for NULL). One sentence per failure, the same words as Swift USCC.structureProblem. An expression of immutable functions, so that it inlines into the CHECK constraint companies_uscc_structure_check. Whether the division exists is filmwg.uscc_region_problem.';

--
-- Name: uscc_structure_refused(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.uscc_structure_refused(code text) RETURNS boolean
    LANGUAGE plpgsql STRICT
    AS $$
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

--
-- Name: FUNCTION uscc_structure_refused(code text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.uscc_structure_refused(code text) IS 'Raises check_violation (23514) on constraint companies_uscc_structure_check with message "USCC ''CODE'' is not valid: REASON" and DETAIL = REASON (filmwg.uscc_structure_problem). Reached only when the structure is wrong.';

--
-- Name: companies; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.companies (
    id bigint NOT NULL,
    uscc text,
    name text NOT NULL,
    name_zh text,
    kind text DEFAULT 'other'::text NOT NULL,
    district text,
    registered_in_zone boolean DEFAULT false NOT NULL,
    zone_registered_on date,
    registered_capital numeric(20,2),
    founded_on date,
    employees integer,
    archived_at timestamp with time zone,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    uscc_override_reason text,
    uscc_override_by text,
    uscc_override_at timestamp with time zone,
    merged_into_id bigint,
    uscc_region text GENERATED ALWAYS AS (
CASE
    WHEN ((uscc_override_reason IS NULL) AND (substr(uscc, 3, 6) ~ '^[0-9]{6}$'::text)) THEN substr(uscc, 3, 6)
    ELSE NULL::text
END) STORED,
    CONSTRAINT companies_employees_check CHECK ((employees >= 0)),
    CONSTRAINT companies_kind_check CHECK ((kind = ANY (ARRAY['internet_platform'::text, 'production'::text, 'distribution'::text, 'post_production'::text, 'technology'::text, 'investment'::text, 'other'::text]))),
    CONSTRAINT companies_name_check CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT companies_name_zh_check CHECK ((btrim(name_zh) <> ''::text)),
    CONSTRAINT companies_registered_capital_check CHECK ((registered_capital >= (0)::numeric)),
    CONSTRAINT companies_uscc_check CHECK ((filmwg.uscc_is_valid(uscc) OR filmwg.uscc_refused(uscc))),
    CONSTRAINT companies_uscc_override_check CHECK (((uscc_override_reason IS NULL) OR ((uscc IS NOT NULL) AND (btrim(uscc_override_reason) <> ''::text) AND (uscc_override_by IS NOT NULL) AND (uscc_override_at IS NOT NULL)))),
    CONSTRAINT companies_uscc_structure_check CHECK (((uscc_override_reason IS NOT NULL) OR (filmwg.uscc_structure_problem(uscc) IS NULL) OR filmwg.uscc_structure_refused(uscc))),
    CONSTRAINT companies_zone_check CHECK ((registered_in_zone OR (zone_registered_on IS NULL)))
);

--
-- Name: TABLE companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.companies IS 'Member units and other film and internet companies (also organisations such as the Internet Society of China, kind other). Archived companies stay for history but drop out of facts and reports.';

--
-- Name: COLUMN companies.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.id IS 'Surrogate key.';

--
-- Name: COLUMN companies.uscc; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.uscc IS 'Unified Social Credit Code, 18 upper-case characters with a valid GB 32100-2015 check digit (constraint companies_uscc_check, reason from filmwg.uscc_problem); unique when present (companies_uscc_key); NULL when unknown or not applicable.';

--
-- Name: COLUMN companies.name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.name IS 'Name, usually the English or registered name; not blank.';

--
-- Name: COLUMN companies.name_zh; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.name_zh IS 'Chinese name (中文名称); not blank when present.';

--
-- Name: COLUMN companies.kind; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.kind IS 'internet_platform, production, distribution, post_production, technology, investment or other (companies_kind_check).';

--
-- Name: COLUMN companies.district; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.district IS 'District of registration, e.g. 怀柔区.';

--
-- Name: COLUMN companies.registered_in_zone; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.registered_in_zone IS 'Registered in the Huairou National Film Industry Demonstration Zone.';

--
-- Name: COLUMN companies.zone_registered_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.zone_registered_on IS 'Day of registration in the zone; only when registered_in_zone (companies_zone_check).';

--
-- Name: COLUMN companies.registered_capital; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.registered_capital IS 'Registered capital in CNY, >= 0.';

--
-- Name: COLUMN companies.founded_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.founded_on IS 'Day the company was founded.';

--
-- Name: COLUMN companies.employees; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.employees IS 'Number of employees, >= 0.';

--
-- Name: COLUMN companies.archived_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.archived_at IS 'When the company was archived; NULL while active.';

--
-- Name: COLUMN companies.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.row_version IS 'Optimistic-locking version: 1 on insert, +1 on every update; an update naming a stale version fails with SQLSTATE FW409.';

--
-- Name: COLUMN companies.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.created_at IS 'When the record was created.';

--
-- Name: COLUMN companies.uscc_override_reason; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.uscc_override_reason IS 'Why a USCC that breaks the GB 32100 structure or names no known region was accepted (company add|update --uscc-override REASON); NULL when the code passed every check. Never excuses a wrong check character.';

--
-- Name: COLUMN companies.uscc_override_by; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.uscc_override_by IS 'The actor who accepted the USCC with an override.';

--
-- Name: COLUMN companies.uscc_override_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.uscc_override_at IS 'When the override was given.';

--
-- Name: COLUMN companies.merged_into_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.merged_into_id IS 'For a company merged as a duplicate (company merge KEEP DUPLICATE): the company kept; the duplicate is archived and its records moved there.';

--
-- Name: COLUMN companies.uscc_region; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.companies.uscc_region IS 'Positions 3–8 of the USCC when they must be a known division (no override): the key of constraint companies_uscc_region_fkey to filmwg.regions. The region shown to users is substr(uscc, 3, 6) whatever the override.';

--
-- Name: CONSTRAINT companies_uscc_check ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON CONSTRAINT companies_uscc_check ON filmwg.companies IS 'uscc is a valid Unified Social Credit Code (filmwg.uscc_is_valid); an invalid one is refused with the reason from filmwg.uscc_problem (filmwg.uscc_refused).';

--
-- Name: CONSTRAINT companies_uscc_override_check ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON CONSTRAINT companies_uscc_override_check ON filmwg.companies IS 'An override names a USCC, a non-blank reason, its actor and its time.';

--
-- Name: CONSTRAINT companies_uscc_structure_check ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON CONSTRAINT companies_uscc_structure_check ON filmwg.companies IS 'Positions 1–8 of the USCC follow GB 32100-2015 (filmwg.uscc_structure_problem), unless overridden.';

--
-- Name: live_companies_by_kind; Type: VIEW; Schema: filmwg; Owner: -
--

CREATE VIEW filmwg.live_companies_by_kind AS
 SELECT k.kind,
    (count(c.id))::integer AS companies,
    (count(c.id) FILTER (WHERE c.registered_in_zone))::integer AS in_zone,
    COALESCE(sum(c.registered_capital), (0)::numeric) AS total_capital
   FROM (( VALUES ('internet_platform'::text), ('production'::text), ('distribution'::text), ('post_production'::text), ('technology'::text), ('investment'::text), ('other'::text)) k(kind)
     LEFT JOIN filmwg.companies c ON (((c.kind = k.kind) AND (c.archived_at IS NULL))))
  GROUP BY k.kind;

--
-- Name: VIEW live_companies_by_kind; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON VIEW filmwg.live_companies_by_kind IS 'reporting.companies_by_kind computed from the records now (what filmwg.refresh_summaries() stores).';

--
-- Name: live_companies_by_kind_rows(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.live_companies_by_kind_rows() RETURNS SETOF filmwg.live_companies_by_kind
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT live_companies_by_kind.kind,
     live_companies_by_kind.companies,
     live_companies_by_kind.in_zone,
     live_companies_by_kind.total_capital
    FROM filmwg.live_companies_by_kind;
END;

--
-- Name: FUNCTION live_companies_by_kind_rows(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.live_companies_by_kind_rows() IS 'The rows of filmwg.live_companies_by_kind, for reporting.companies_by_kind before its first refresh or for another day than its summary''s. Runs as the owner; readers of the report may call it.';

--
-- Name: live_grants_by_policy_year; Type: VIEW; Schema: filmwg; Owner: -
--

CREATE VIEW filmwg.live_grants_by_policy_year AS
SELECT
    NULL::text AS policy_code,
    NULL::text AS policy_title,
    NULL::integer AS year,
    NULL::text AS status,
    NULL::integer AS grants,
    NULL::numeric AS total_amount;

--
-- Name: VIEW live_grants_by_policy_year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON VIEW filmwg.live_grants_by_policy_year IS 'reporting.grants_by_policy_year computed from the records now (what filmwg.refresh_summaries() stores).';

--
-- Name: live_grants_by_policy_year_rows(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.live_grants_by_policy_year_rows() RETURNS SETOF filmwg.live_grants_by_policy_year
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT live_grants_by_policy_year.policy_code,
     live_grants_by_policy_year.policy_title,
     live_grants_by_policy_year.year,
     live_grants_by_policy_year.status,
     live_grants_by_policy_year.grants,
     live_grants_by_policy_year.total_amount
    FROM filmwg.live_grants_by_policy_year;
END;

--
-- Name: FUNCTION live_grants_by_policy_year_rows(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.live_grants_by_policy_year_rows() IS 'The rows of filmwg.live_grants_by_policy_year, for reporting.grants_by_policy_year before its first refresh or for another day than its summary''s. Runs as the owner; readers of the report may call it.';

--
-- Name: as_of(); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.as_of() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN COALESCE((NULLIF(current_setting('reporting.as_of'::text, true), ''::text))::date, ((now() AT TIME ZONE 'Asia/Shanghai'::text))::date);

--
-- Name: FUNCTION as_of(); Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON FUNCTION reporting.as_of() IS 'The day date-dependent reports are computed for: the setting reporting.as_of when it names a day (set for one call by reporting.<view>_as_of(day), or by SET reporting.as_of = ''YYYY-MM-DD''), else today in Asia/Shanghai. 报表所依据的日期：若设置了 reporting.as_of 则为该日，否则为北京时间当日。';

--
-- Name: memberships; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.memberships (
    id bigint NOT NULL,
    company_id bigint NOT NULL,
    tier text NOT NULL,
    period daterange NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT memberships_period_check CHECK (((NOT isempty(period)) AND (NOT lower_inf(period)))),
    CONSTRAINT memberships_tier_check CHECK ((tier = ANY (ARRAY['initiating'::text, 'member'::text, 'observer'::text])))
);

--
-- Name: TABLE memberships; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.memberships IS 'A company''s membership of the working group over a period; a change of tier ends one membership and starts another. Periods of one company never overlap (memberships_no_overlap).';

--
-- Name: COLUMN memberships.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.memberships.id IS 'Surrogate key.';

--
-- Name: COLUMN memberships.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.memberships.company_id IS 'The member company.';

--
-- Name: COLUMN memberships.tier; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.memberships.tier IS 'initiating (initiating member unit, 发起单位), member or observer (memberships_tier_check).';

--
-- Name: COLUMN memberships.period; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.memberships.period IS 'Half-open [joined_on, left_on): a member from joined_on up to and including the day before left_on; upper bound NULL while a member. Lower bound required, never empty (memberships_period_check).';

--
-- Name: COLUMN memberships.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.memberships.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN memberships.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.memberships.created_at IS 'When the record was created.';

--
-- Name: live_membership_growth; Type: VIEW; Schema: filmwg; Owner: -
--

CREATE VIEW filmwg.live_membership_growth AS
 WITH memberships AS (
         SELECT m.tier,
            lower(m.period) AS joined_on,
            LEAST(upper(m.period), a.archived_on) AS left_on
           FROM (filmwg.memberships m
             LEFT JOIN ( SELECT companies.id,
                    ((companies.archived_at AT TIME ZONE 'Asia/Shanghai'::text))::date AS archived_on
                   FROM filmwg.companies
                  WHERE (companies.archived_at IS NOT NULL)) a ON ((a.id = m.company_id)))
          WHERE ((a.archived_on IS NULL) OR (a.archived_on > lower(m.period)))
        ), changes AS (
         SELECT memberships.tier,
            (EXTRACT(year FROM memberships.joined_on))::integer AS year,
            1 AS joined,
            0 AS left_in_year
           FROM memberships
          WHERE (memberships.joined_on <= ( SELECT reporting.as_of() AS as_of))
        UNION ALL
         SELECT memberships.tier,
            (EXTRACT(year FROM memberships.left_on))::integer AS "extract",
            0,
            1
           FROM memberships
          WHERE (memberships.left_on <= ( SELECT reporting.as_of() AS as_of))
        ), per_year AS (
         SELECT changes.year,
            changes.tier,
            (sum(changes.joined))::integer AS joined,
            (sum(changes.left_in_year))::integer AS left_in_year
           FROM changes
          GROUP BY changes.year, changes.tier
        ), years AS (
         SELECT y_1.year
           FROM ( SELECT min(per_year.year) AS first_year
                   FROM per_year) f,
            LATERAL generate_series(f.first_year, (EXTRACT(year FROM reporting.as_of()))::integer) y_1(year)
        )
 SELECT y.year,
    t.tier,
    (sum((COALESCE(p.joined, 0) - COALESCE(p.left_in_year, 0))) OVER (PARTITION BY t.tier ORDER BY y.year))::integer AS members_at_year_end,
    COALESCE(p.joined, 0) AS joined,
    COALESCE(p.left_in_year, 0) AS left_in_year
   FROM ((years y
     CROSS JOIN ( VALUES ('initiating'::text), ('member'::text), ('observer'::text)) t(tier))
     LEFT JOIN per_year p ON (((p.year = y.year) AND (p.tier = t.tier))));

--
-- Name: VIEW live_membership_growth; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON VIEW filmwg.live_membership_growth IS 'reporting.membership_growth computed from the records now, for the report day reporting.as_of() (what filmwg.refresh_summaries() stores).';

--
-- Name: live_membership_growth_rows(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.live_membership_growth_rows() RETURNS SETOF filmwg.live_membership_growth
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT live_membership_growth.year,
     live_membership_growth.tier,
     live_membership_growth.members_at_year_end,
     live_membership_growth.joined,
     live_membership_growth.left_in_year
    FROM filmwg.live_membership_growth;
END;

--
-- Name: FUNCTION live_membership_growth_rows(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.live_membership_growth_rows() IS 'The rows of filmwg.live_membership_growth, for reporting.membership_growth before its first refresh or for another day than its summary''s. Runs as the owner; readers of the report may call it.';

--
-- Name: merge_companies(bigint, bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.merge_companies(keep bigint, duplicate bigint) RETURNS TABLE(table_name text, column_name text, moved bigint)
    LANGUAGE plpgsql
    AS $_$
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
$_$;

--
-- Name: FUNCTION merge_companies(keep bigint, duplicate bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.merge_companies(keep bigint, duplicate bigint) IS 'company merge KEEP DUPLICATE: moves every record that names DUPLICATE (every foreign key to companies.id in schema filmwg: memberships, employments, attendance, role assignments, grants, works, figures … except the job''s determinations, which stay the history of what was decided about the duplicate) onto KEEP, then archives DUPLICATE with merged_into_id = KEEP; returns how many rows moved per table. A conflict (overlapping memberships, a unique key) raises the constraint''s own error and nothing changes. Audited by each table''s trigger.';

--
-- Name: merge_company_works(bigint, bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.merge_company_works(keep bigint, duplicate bigint) RETURNS TABLE(table_name text, column_name text, moved bigint)
    LANGUAGE plpgsql
    AS $$
DECLARE
    n bigint;
BEGIN
    IF keep = duplicate THEN
        RAISE EXCEPTION 'a company cannot be merged into itself' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- 1. Credits that would collide once DUPLICATE is KEEP: the duplicate's co-producer row on
    --    a work KEEP already first-produced or co-produces, and KEEP's co-producer row on a work
    --    the duplicate first-produced (KEEP becomes its first producer).
    DELETE FROM filmwg.work_co_producers cp
     WHERE (cp.company_id = duplicate
            AND (cp.first_producer_id = keep
                 OR EXISTS (SELECT 1 FROM filmwg.work_co_producers k
                             WHERE k.work_id = cp.work_id AND k.company_id = keep)))
        OR (cp.company_id = keep AND cp.first_producer_id = duplicate);
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'work_co_producers'; column_name := 'company_id (credits already held, dropped)'; moved := n;
    RETURN NEXT;
    -- 2. First producer (the co-producer rows follow through work_co_producers_work_fkey).
    UPDATE filmwg.works w SET first_producer_id = keep WHERE w.first_producer_id = duplicate;
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'works'; column_name := 'first_producer_id'; moved := n;
    RETURN NEXT;
    -- 3. Co-producer credits.
    UPDATE filmwg.work_co_producers cp SET company_id = keep WHERE cp.company_id = duplicate;
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'work_co_producers'; column_name := 'company_id'; moved := n;
    RETURN NEXT;
END
$$;

--
-- Name: FUNCTION merge_company_works(keep bigint, duplicate bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.merge_company_works(keep bigint, duplicate bigint) IS 'company merge KEEP DUPLICATE, the credits of works, called before filmwg.merge_companies in the same transaction: drops the co-producer rows that would collide (the duplicate''s on a work KEEP first-produced or co-produces; KEEP''s on a work the duplicate first-produced), then moves works.first_producer_id, then work_co_producers.company_id; returns the rows per table and column. Audited by the tables'' triggers.';

--
-- Name: move_company_start(bigint, date, text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.move_company_start(company bigint, founded date, reference text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION move_company_start(company bigint, founded date, reference text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.move_company_start(company bigint, founded date, reference text) IS 'When founded_on changes: the company''s first version starts on the new day (unbounded when unknown). Refused (23514, company_versions_after_founding) when a later version starts on or before that day.';

--
-- Name: open_determinations(bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.open_determinations(run bigint) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
DECLARE
    name text := 'determinations_' || run;
BEGIN
    PERFORM require_running_here(run);
    EXECUTE format('CREATE TABLE filmwg.%I (LIKE filmwg.determinations, CONSTRAINT %I CHECK (run_id >= %s AND run_id < %s))',
                   name, name || '_run_id_check', run, run + 1);
    EXECUTE format('COMMENT ON TABLE filmwg.%I IS %L', name,
                   format('Determinations of job run %s (a partition of filmwg.determinations).', run));
    EXECUTE format('REVOKE ALL ON filmwg.%I FROM PUBLIC', name);
    EXECUTE format('GRANT SELECT ON filmwg.%I TO filmwg_admin', name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON filmwg.%I TO filmwg_job', name);
    RETURN 'filmwg.' || name;
END
$$;

--
-- Name: FUNCTION open_determinations(run bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.open_determinations(run bigint) IS 'Creates filmwg.determinations_<run>, the empty table of job run `run` (running in this session), without indexes, its only constraints NOT NULL and CHECK (run_id = run, as a range: the partition''s bound), for the job to fill with one INSERT; returns its name. Rolled back with the run.';

--
-- Name: personal_fields(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.personal_fields() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY['full_name'::text, 'latin_name'::text, 'email'::text, 'phone'::text];

--
-- Name: FUNCTION personal_fields(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.personal_fields() IS 'Columns of filmwg.professionals that are personal data: nulled by an erase and removed from audit rows of erased professionals.';

--
-- Name: policy_version_defaults(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.policy_version_defaults() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: FUNCTION policy_version_defaults(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.policy_version_defaults() IS 'Trigger policy_version_defaults of policy_versions (BEFORE INSERT OR UPDATE). Insert: a NULL version becomes the policy''s highest version + 1 (numbering serialised by locking the policy row). Update: once determinations refer to the version, its policy, version, rule, criteria, amount, amount_cap and exclusive_group cannot change: check_violation (23514) with constraint policy_versions_immutable. Changing valid stays allowed (policy revise ends the open version).';

--
-- Name: previous_run(bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.previous_run(run bigint) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT p.id
      FROM filmwg.job_runs r
      JOIN filmwg.job_runs p ON p.job = r.job
     WHERE r.id = previous_run.run
       AND p.status = 'succeeded' AND NOT p.dry_run AND p.pruned_at IS NULL
       AND (p.as_of < r.as_of OR (p.as_of = r.as_of AND p.id < r.id))
     ORDER BY p.as_of DESC, p.id DESC
     LIMIT 1
$$;

--
-- Name: FUNCTION previous_run(run bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.previous_run(run bigint) IS 'The previous run of run `run` (DESIGN §11): the latest succeeded, non-dry, not pruned run of the same job whose as_of is earlier than its own, or the same as_of and a lower id; NULL when there is none. A backfill (a run for an older day) is compared with its own predecessor and never becomes the previous run of a later day''s run. Used by the eligibility job (its changes) and eligibility changes.';

--
-- Name: prune_determinations(integer, boolean); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.prune_determinations(keep integer, dry boolean DEFAULT true) RETURNS TABLE(run_id bigint, as_of date, determinations bigint, dropped boolean, reason text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION prune_determinations(keep integer, dry boolean); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.prune_determinations(keep integer, dry boolean) IS 'Retention (eligibility prune --keep N): every succeeded, non-dry run but the newest `keep` (by as_of, then id, as filmwg.current_run orders them), with its number of determinations; dropped is false, with the reason, for a run a grant rests on, which is always kept. With dry = false, drops those runs'' determinations (DETACH and DROP of the run''s partition, else DELETE) and sets job_runs.pruned_at, under the eligibility job''s advisory lock (55P03 when a run holds it). The runs'' job_runs rows and recorded changes stay.';

--
-- Name: record_company_values(bigint, date, text[], filmwg.companies); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.record_company_values(company bigint, effective date, fields text[], vals filmwg.companies) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
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

--
-- Name: FUNCTION record_company_values(company bigint, effective date, fields text[], vals filmwg.companies); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.record_company_values(company bigint, effective date, fields text[], vals filmwg.companies) IS 'Records `fields` of `vals` as the company''s values in force from `effective` on: refuses a day before founded_on (23514, company_versions_after_founding); splits the version containing the day (or changes it in place when it starts that day); sets each field from that day up to the next later version whose changed_fields name it (later versions keep their own values of it). Called by trigger company_values of filmwg.companies.';

--
-- Name: refresh_summaries(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.refresh_summaries() RETURNS TABLE(summary text, as_of date, rows integer, took interval)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    previous text := current_setting('reporting.as_of', true);
    day date;
    started timestamptz;
    n integer;
BEGIN
    -- today's figures, whatever day the caller's session asked its reports for
    PERFORM set_config('reporting.as_of', '', true);
    day := reporting.as_of();
    LOCK TABLE filmwg.report_summaries IN SHARE ROW EXCLUSIVE MODE;
    FOREACH summary IN ARRAY ARRAY['companies_by_kind', 'membership_growth', 'grants_by_policy_year',
                                   'benefits_by_policy_year'] LOOP
        started := clock_timestamp();
        -- the names come from the list above, quoted all the same
        EXECUTE format('DELETE FROM filmwg.%I', 'summary_' || summary);
        EXECUTE format('INSERT INTO filmwg.%I SELECT * FROM filmwg.%I', 'summary_' || summary, 'live_' || summary);
        GET DIAGNOSTICS n = ROW_COUNT;
        as_of := day;
        rows := n;
        took := clock_timestamp() - started;
        INSERT INTO filmwg.report_summaries AS s (name, as_of, refreshed_at, refreshed_by, rows, took)
        VALUES (summary, day, started, filmwg.current_actor(), n, took)
        ON CONFLICT (name) DO UPDATE
           SET as_of = excluded.as_of, refreshed_at = excluded.refreshed_at,
               refreshed_by = excluded.refreshed_by, rows = excluded.rows, took = excluded.took;
        RETURN NEXT;
    END LOOP;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;

--
-- Name: FUNCTION refresh_summaries(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.refresh_summaries() IS 'Recomputes the summaries of the aggregate reports (companies_by_kind, membership_growth, grants_by_policy_year, benefits_by_policy_year) for today in Asia/Shanghai, each replaced whole, and records in filmwg.report_summaries the day, time and actor; returns one row per summary with its day, rows and time taken. Runs as the owner; filmwg_job and filmwg_admin may call it (filmwg report refresh, nightly after the eligibility job).';

--
-- Name: require_running_here(bigint); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.require_running_here(run bigint) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM job_runs r
                    WHERE r.id = run AND r.status = 'running' AND r.backend_pid = pg_backend_pid()) THEN
        RAISE EXCEPTION 'job run % is not running in this session', run
            USING ERRCODE = '55000',
                  HINT = 'Only the session doing a run (job_runs.backend_pid) may write its determinations table.';
    END IF;
END
$$;

--
-- Name: FUNCTION require_running_here(run bigint); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.require_running_here(run bigint) IS 'Raises 55000 unless job run `run` is running in the calling session; the guard of open_determinations and attach_determinations.';

--
-- Name: scrub_erased_audit(); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.scrub_erased_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'filmwg', 'pg_temp'
    AS $$
BEGIN
    UPDATE audit_log
       SET old_values = old_values - personal_fields(),
           new_values = new_values - personal_fields()
     WHERE table_name = 'professionals'
       AND row_id = NEW.id::text
       AND (old_values ?| personal_fields() OR new_values ?| personal_fields());
    RETURN NULL;
END
$$;

--
-- Name: FUNCTION scrub_erased_audit(); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.scrub_erased_audit() IS 'AFTER UPDATE trigger of professionals (scrub_erased_audit), when erased_at becomes non-NULL: removes full_name, latin_name, email and phone from every earlier audit row of that professional. Runs as filmwg_owner, the only role that may change audit rows.';

--
-- Name: uscc_problem(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.uscc_problem(code text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    -- weight of position i is 3^(i-1) mod 31
    weights constant integer[] := '{1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28}';
    ch text;
    total integer := 0;
    expected integer;
BEGIN
    IF char_length(code) <> 18 THEN
        RETURN format('has %s characters, a USCC has 18', char_length(code));
    END IF;
    FOR i IN 1..18 LOOP
        ch := substr(code, i, 1);
        IF strpos(alphabet, ch) = 0 THEN
            RETURN format('character ''%s'' at position %s is not allowed in a USCC', ch, i);
        END IF;
        IF i <= 17 THEN
            total := total + (strpos(alphabet, ch) - 1) * weights[i];
        END IF;
    END LOOP;
    expected := (31 - total % 31) % 31;
    IF substr(code, 18, 1) <> substr(alphabet, expected + 1, 1) THEN
        RETURN format('check digit is ''%s'', expected ''%s''',
                      substr(code, 18, 1), substr(alphabet, expected + 1, 1));
    END IF;
    RETURN NULL;
END
$$;

--
-- Name: FUNCTION uscc_problem(code text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.uscc_problem(code text) IS 'Why a Unified Social Credit Code (GB 32100-2015) is invalid, or NULL when it is valid (or NULL). Checks, in order: length ("has N characters, a USCC has 18"), characters from 0123456789ABCDEFGHJKLMNPQRTUWXY, upper case only ("character ''X'' at position N is not allowed in a USCC", position 1-based), then the check digit ("check digit is ''X'', expected ''Y''"; weights 3^(i-1) mod 31, check value (31 - Σ mod 31) mod 31).';

--
-- Name: uscc_region_problem(text); Type: FUNCTION; Schema: filmwg; Owner: -
--

CREATE FUNCTION filmwg.uscc_region_problem(code text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS $_$
SELECT format('positions 3 to 8 are ''%s'', which is no GB/T 2260 administrative division in filmwg''s region table',
              substr($1, 3, 6))
 WHERE substr($1, 3, 6) ~ '^[0-9]{6}$'
   AND NOT EXISTS (SELECT 1 FROM filmwg.regions r WHERE r.code = substr($1, 3, 6))
$_$;

--
-- Name: FUNCTION uscc_region_problem(code text); Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON FUNCTION filmwg.uscc_region_problem(code text) IS 'Why the division code of a USCC (positions 3–8, six digits) is not accepted: it is no row of filmwg.regions; NULL when it is, or when the positions are not six digits (filmwg.uscc_structure_problem says so).';

--
-- Name: filmwg_apply_database_privileges(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.filmwg_apply_database_privileges() RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO filmwg_owner, filmwg_admin', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO filmwg_owner, filmwg_admin, filmwg_job, filmwg_reporting',
                   current_database());
END
$$;

--
-- Name: FUNCTION filmwg_apply_database_privileges(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.filmwg_apply_database_privileges() IS 'Sets filmwg''s privileges on the current database (they are not copied by CREATE DATABASE … TEMPLATE): TEMPORARY revoked from PUBLIC and granted to filmwg_owner and filmwg_admin; CONNECT to the four filmwg roles. Run by the database owner or a superuser.';

--
-- Name: attendance; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.attendance (
    id bigint NOT NULL,
    event_id bigint NOT NULL,
    professional_id bigint NOT NULL,
    company_id bigint,
    role text DEFAULT 'attendee'::text NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    over_capacity boolean DEFAULT false NOT NULL,
    CONSTRAINT attendance_role_check CHECK ((role = ANY (ARRAY['attendee'::text, 'speaker'::text, 'host'::text, 'guest'::text])))
);

--
-- Name: TABLE attendance; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.attendance IS 'Who attended an event, on behalf of which company, in which role; one row per (event, professional).';

--
-- Name: COLUMN attendance.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.attendance.id IS 'Surrogate key.';

--
-- Name: COLUMN attendance.event_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.attendance.event_id IS 'The event.';

--
-- Name: COLUMN attendance.professional_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.attendance.professional_id IS 'The person who attended (kept after erasure, so counts stay right).';

--
-- Name: COLUMN attendance.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.attendance.company_id IS 'The company the person attended for; NULL when in a personal capacity or unknown.';

--
-- Name: COLUMN attendance.role; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.attendance.role IS 'attendee, speaker, host or guest (attendance_role_check).';

--
-- Name: COLUMN attendance.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.attendance.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN attendance.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.attendance.created_at IS 'When the record was created.';

--
-- Name: COLUMN attendance.over_capacity; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.attendance.over_capacity IS 'Recorded beyond the event''s capacity on purpose (attendance record|import --over-capacity); audited with the row.';

--
-- Name: company_versions; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.company_versions (
    id bigint NOT NULL,
    company_id bigint NOT NULL,
    valid daterange NOT NULL,
    name text NOT NULL,
    name_zh text,
    kind text NOT NULL,
    district text,
    registered_in_zone boolean NOT NULL,
    zone_registered_on date,
    registered_capital numeric(20,2),
    employees integer,
    changed_fields text[] NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT company_versions_employees_check CHECK ((employees >= 0)),
    CONSTRAINT company_versions_kind_check CHECK ((kind = ANY (ARRAY['internet_platform'::text, 'production'::text, 'distribution'::text, 'post_production'::text, 'technology'::text, 'investment'::text, 'other'::text]))),
    CONSTRAINT company_versions_name_check CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT company_versions_name_zh_check CHECK ((btrim(name_zh) <> ''::text)),
    CONSTRAINT company_versions_registered_capital_check CHECK ((registered_capital >= (0)::numeric)),
    CONSTRAINT company_versions_valid_check CHECK ((NOT isempty(valid))),
    CONSTRAINT company_versions_zone_check CHECK ((registered_in_zone OR (zone_registered_on IS NULL)))
);

--
-- Name: TABLE company_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.company_versions IS 'The values of a company in force over a period: one row per version, periods of one company never overlap (company_versions_no_overlap) and follow each other without gaps from the first (starting on founded_on, or unbounded when that is unknown) to the latest (open-ended). Written only through filmwg.companies (triggers company_first_values and company_values, function filmwg.record_company_values); filmwg.companies carries the latest version''s values. 单位各属性的生效版本。';

--
-- Name: COLUMN company_versions.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.id IS 'Surrogate key.';

--
-- Name: COLUMN company_versions.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.company_id IS 'The company.';

--
-- Name: COLUMN company_versions.valid; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.valid IS 'Half-open [effective_from, effective_to) when these values are in force; lower bound NULL (unbounded) for a first version of a company whose founding day is unknown, upper bound NULL for the latest version.';

--
-- Name: COLUMN company_versions.name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.name IS 'Name in force; not blank.';

--
-- Name: COLUMN company_versions.name_zh; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.name_zh IS 'Chinese name in force (中文名称); not blank when present.';

--
-- Name: COLUMN company_versions.kind; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.kind IS 'Kind in force (company_versions_kind_check).';

--
-- Name: COLUMN company_versions.district; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.district IS 'District of registration in force.';

--
-- Name: COLUMN company_versions.registered_in_zone; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.registered_in_zone IS 'Registered in the Huairou zone over the period.';

--
-- Name: COLUMN company_versions.zone_registered_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.zone_registered_on IS 'Day of registration in the zone; only when registered_in_zone (company_versions_zone_check).';

--
-- Name: COLUMN company_versions.registered_capital; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.registered_capital IS 'Registered capital in CNY in force, >= 0.';

--
-- Name: COLUMN company_versions.employees; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.employees IS 'Number of employees in force, >= 0.';

--
-- Name: COLUMN company_versions.changed_fields; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.changed_fields IS 'The fields this version was recorded to change (all of them for a first version); a back-dated change of a field stops at the next version that changed it.';

--
-- Name: COLUMN company_versions.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN company_versions.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_versions.created_at IS 'When the version was recorded.';

--
-- Name: events; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.events (
    id bigint NOT NULL,
    name text NOT NULL,
    kind text DEFAULT 'other'::text NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone,
    venue text,
    district text,
    capacity integer,
    notes text,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT events_capacity_check CHECK ((capacity > 0)),
    CONSTRAINT events_ends_check CHECK ((ends_at >= starts_at)),
    CONSTRAINT events_kind_check CHECK ((kind = ANY (ARRAY['ceremony'::text, 'forum'::text, 'meeting'::text, 'workshop'::text, 'screening'::text, 'festival'::text, 'award_ceremony'::text, 'training'::text, 'premiere'::text, 'press_conference'::text, 'exhibition'::text, 'other'::text]))),
    CONSTRAINT events_name_check CHECK ((btrim(name) <> ''::text))
);

--
-- Name: TABLE events; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.events IS 'The working group''s ceremonies, forums, meetings and workshops.';

--
-- Name: COLUMN events.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.id IS 'Surrogate key.';

--
-- Name: COLUMN events.name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.name IS 'Name of the event; not blank.';

--
-- Name: COLUMN events.kind; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.kind IS 'ceremony, forum, meeting, workshop, screening, festival, award_ceremony, training, premiere, press_conference, exhibition or other (events_kind_check).';

--
-- Name: COLUMN events.starts_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.starts_at IS 'Start instant; its date in Asia/Shanghai is the event''s day.';

--
-- Name: COLUMN events.ends_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.ends_at IS 'End instant, not before starts_at (events_ends_check); NULL when unknown.';

--
-- Name: COLUMN events.venue; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.venue IS 'Where it took place.';

--
-- Name: COLUMN events.district; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.district IS 'District of the venue, e.g. 怀柔区.';

--
-- Name: COLUMN events.capacity; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.capacity IS 'Seats available, > 0 (events_capacity_check); NULL when unknown.';

--
-- Name: COLUMN events.notes; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.notes IS 'What happened, e.g. decisions taken.';

--
-- Name: COLUMN events.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN events.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.events.created_at IS 'When the record was created.';

--
-- Name: role_assignments; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.role_assignments (
    id bigint NOT NULL,
    position_id bigint NOT NULL,
    professional_id bigint NOT NULL,
    company_id bigint,
    term daterange NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT role_assignments_term_check CHECK (((NOT isempty(term)) AND (NOT lower_inf(term))))
);

--
-- Name: TABLE role_assignments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.role_assignments IS 'A professional holding a position, on behalf of a company, over a term. Never more holders at once than the position''s seats (trigger enforce_seats, 23P01 role_assignments_seats); one professional never holds the same position twice at once (role_assignments_no_overlap).';

--
-- Name: COLUMN role_assignments.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.role_assignments.id IS 'Surrogate key.';

--
-- Name: COLUMN role_assignments.position_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.role_assignments.position_id IS 'The position held.';

--
-- Name: COLUMN role_assignments.professional_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.role_assignments.professional_id IS 'The holder.';

--
-- Name: COLUMN role_assignments.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.role_assignments.company_id IS 'The company the holder represents; NULL when none or unknown.';

--
-- Name: COLUMN role_assignments.term; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.role_assignments.term IS 'Half-open [from, to): held from `from` up to and including the day before `to`; upper bound NULL while held. Lower bound required, never empty (role_assignments_term_check).';

--
-- Name: COLUMN role_assignments.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.role_assignments.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN role_assignments.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.role_assignments.created_at IS 'When the record was created.';

--
-- Name: company_engagement; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.company_engagement AS
 SELECT c.id AS company_id,
    c.uscc,
    COALESCE(cv.name, c.name) AS name,
        CASE
            WHEN (cv.id IS NULL) THEN c.name_zh
            ELSE cv.name_zh
        END AS name_zh,
    ev.events_attended,
    ev.last_event_at,
    ra.positions_held_now,
    ra.positions_ever,
    COALESCE(cv.kind, c.kind) AS kind,
    ev.attendances
   FROM (((filmwg.companies c
     LEFT JOIN LATERAL ( SELECT v.id,
            v.name,
            v.name_zh,
            v.kind,
            v.valid
           FROM ( SELECT v_1.id,
                    v_1.name,
                    v_1.name_zh,
                    v_1.kind,
                    v_1.valid
                   FROM filmwg.company_versions v_1
                  WHERE ((v_1.company_id = c.id) AND ((lower(v_1.valid) <= reporting.as_of()) OR lower_inf(v_1.valid)))
                  ORDER BY (lower(v_1.valid)) DESC NULLS LAST
                 LIMIT 1) v
          WHERE (v.valid @> reporting.as_of())) cv ON (true))
     CROSS JOIN LATERAL ( SELECT (count(DISTINCT a.event_id))::integer AS events_attended,
            (count(*))::integer AS attendances,
            max(e.starts_at) AS last_event_at
           FROM (filmwg.attendance a
             JOIN filmwg.events e ON ((e.id = a.event_id)))
          WHERE ((a.company_id = c.id) AND (e.starts_at < (((reporting.as_of() + 1))::timestamp without time zone AT TIME ZONE 'Asia/Shanghai'::text)))) ev)
     CROSS JOIN LATERAL ( SELECT (count(*) FILTER (WHERE (r.term @> reporting.as_of())))::integer AS positions_held_now,
            (count(*))::integer AS positions_ever
           FROM filmwg.role_assignments r
          WHERE ((r.company_id = c.id) AND (lower(r.term) <= reporting.as_of()))) ra)
  WHERE ((c.archived_at IS NULL) OR (c.archived_at >= (((reporting.as_of() + 1))::timestamp without time zone AT TIME ZONE 'Asia/Shanghai'::text)));

--
-- Name: VIEW company_engagement; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.company_engagement IS 'Per company not archived by the report day: events attended on its behalf and positions of the working group held on its behalf, on and up to the report day (today in Asia/Shanghai, reporting.as_of(); company_engagement_as_of(day) for another day); names and kind in force on that day. 各单位截至报表日的参与情况：代表该单位参加的活动数和人次，以及报表日和历来担任的工作组职务数；报表日默认为北京时间当日。';

--
-- Name: COLUMN company_engagement.company_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.company_id IS 'Company id. 单位编号。';

--
-- Name: COLUMN company_engagement.uscc; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.uscc IS 'Unified Social Credit Code of the company (a public registration number), if known. 统一社会信用代码（单位公开登记号码，如有）。';

--
-- Name: COLUMN company_engagement.name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.name IS 'Company name. 单位名称。';

--
-- Name: COLUMN company_engagement.name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.name_zh IS 'Chinese name. 中文名称。';

--
-- Name: COLUMN company_engagement.events_attended; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.events_attended IS 'Distinct events, started by the end of the report day, attended by someone on the company''s behalf. 截至报表日代表该单位参加的活动数。';

--
-- Name: COLUMN company_engagement.last_event_at; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.last_event_at IS 'Start of the latest such event; NULL when none. 最近一次参加的活动的开始时间。';

--
-- Name: COLUMN company_engagement.positions_held_now; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.positions_held_now IS 'Role assignments on the company''s behalf whose term contains the report day. 报表日担任的职务数。';

--
-- Name: COLUMN company_engagement.positions_ever; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.positions_ever IS 'Role assignments on the company''s behalf begun on or before the report day. 截至报表日历来担任的职务数。';

--
-- Name: COLUMN company_engagement.kind; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.kind IS 'Kind of company: internet_platform, production, distribution, post_production, technology, investment or other. 单位类型。';

--
-- Name: COLUMN company_engagement.attendances; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.company_engagement.attendances IS 'Attendances on the company''s behalf at those events (one per professional and event). 截至报表日代表该单位参会的人次。';

--
-- Name: company_engagement_as_of(date); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.company_engagement_as_of(day date) RETURNS SETOF reporting.company_engagement
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.company_engagement;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;

--
-- Name: FUNCTION company_engagement_as_of(day date); Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON FUNCTION reporting.company_engagement_as_of(day date) IS 'reporting.company_engagement up to the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 截至指定日期的单位参与情况，列与 company_engagement 相同。';

--
-- Name: member_roster; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.member_roster AS
 SELECT c.id AS company_id,
    c.uscc,
    COALESCE(cv.name, c.name) AS name,
        CASE
            WHEN (cv.id IS NULL) THEN c.name_zh
            ELSE cv.name_zh
        END AS name_zh,
    COALESCE(cv.kind, c.kind) AS kind,
    m.tier,
    lower(m.period) AS member_since,
        CASE
            WHEN (cv.id IS NULL) THEN c.district
            ELSE cv.district
        END AS district,
    COALESCE(cv.registered_in_zone, c.registered_in_zone) AS registered_in_zone,
    upper(m.period) AS left_on
   FROM ((filmwg.memberships m
     JOIN filmwg.companies c ON ((c.id = m.company_id)))
     LEFT JOIN LATERAL ( SELECT v.id,
            v.name,
            v.name_zh,
            v.kind,
            v.district,
            v.registered_in_zone,
            v.valid
           FROM ( SELECT v_1.id,
                    v_1.name,
                    v_1.name_zh,
                    v_1.kind,
                    v_1.district,
                    v_1.registered_in_zone,
                    v_1.valid
                   FROM filmwg.company_versions v_1
                  WHERE ((v_1.company_id = c.id) AND ((lower(v_1.valid) <= ( SELECT reporting.as_of() AS as_of)) OR lower_inf(v_1.valid)))
                  ORDER BY (lower(v_1.valid)) DESC NULLS LAST
                 LIMIT 1) v
          WHERE (v.valid @> ( SELECT reporting.as_of() AS as_of))) cv ON (true))
  WHERE ((lower_inf(m.period) OR (lower(m.period) <= ( SELECT reporting.as_of() AS as_of))) AND (upper_inf(m.period) OR (upper(m.period) > ( SELECT reporting.as_of() AS as_of))) AND ((c.archived_at IS NULL) OR (c.archived_at >= (((( SELECT reporting.as_of() AS as_of) + 1))::timestamp without time zone AT TIME ZONE 'Asia/Shanghai'::text))));

--
-- Name: VIEW member_roster; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.member_roster IS 'Member companies on the report day and their tier. The report day is today in Asia/Shanghai (reporting.as_of()); member_roster_as_of(day) gives another day. Companies archived by the end of that day are left out; names, kind, district and zone registration are those in force on that day. 报表日的成员单位及其级别（名称、类型、所在区及示范区注册为当日有效的值）；报表日默认为北京时间当日（reporting.as_of()），其他日期用 member_roster_as_of(日期)；截至该日已归档的单位不列入。';

--
-- Name: COLUMN member_roster.company_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.company_id IS 'Company id. 单位编号。';

--
-- Name: COLUMN member_roster.uscc; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.uscc IS 'Unified Social Credit Code of the company (a public registration number), if known. 统一社会信用代码（单位公开登记号码，如有）。';

--
-- Name: COLUMN member_roster.name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.name IS 'Company name. 单位名称。';

--
-- Name: COLUMN member_roster.name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.name_zh IS 'Chinese name. 中文名称。';

--
-- Name: COLUMN member_roster.kind; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.kind IS 'Kind of company: internet_platform, production, distribution, post_production, technology, investment or other. 单位类型。';

--
-- Name: COLUMN member_roster.tier; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.tier IS 'Membership tier on the report day: initiating, member or observer. 成员级别：发起单位、成员或观察员。';

--
-- Name: COLUMN member_roster.member_since; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.member_since IS 'First day of the membership that contains the report day (a change of tier starts a new one). 本次入会日期（变更级别即开始新的成员资格）。';

--
-- Name: COLUMN member_roster.district; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.district IS 'District of registration, e.g. 怀柔区. 注册所在区。';

--
-- Name: COLUMN member_roster.registered_in_zone; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.registered_in_zone IS 'Registered in the Huairou National Film Industry Demonstration Zone. 是否在怀柔国家影视产业示范区注册。';

--
-- Name: COLUMN member_roster.left_on; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.member_roster.left_on IS 'First day the company is no longer a member under this membership, if already recorded; NULL while open-ended. 本次成员资格终止日（当日起不再是成员），未定则为空。';

--
-- Name: member_roster_as_of(date); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.member_roster_as_of(day date) RETURNS SETOF reporting.member_roster
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.member_roster;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;

--
-- Name: FUNCTION member_roster_as_of(day date); Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON FUNCTION reporting.member_roster_as_of(day date) IS 'reporting.member_roster as of the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 指定日期的成员单位名单，列与 member_roster 相同。';

--
-- Name: report_summaries; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.report_summaries (
    name text NOT NULL,
    as_of date NOT NULL,
    refreshed_at timestamp with time zone NOT NULL,
    refreshed_by text NOT NULL,
    rows integer NOT NULL,
    took interval NOT NULL,
    CONSTRAINT report_summaries_name_check CHECK ((name = ANY (ARRAY['companies_by_kind'::text, 'membership_growth'::text, 'grants_by_policy_year'::text, 'benefits_by_policy_year'::text]))),
    CONSTRAINT report_summaries_rows_check CHECK ((rows >= 0))
);

--
-- Name: TABLE report_summaries; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.report_summaries IS 'Which aggregate reports are answered from a summary, and how fresh it is: one row per report refreshed by filmwg.refresh_summaries() since its view (or this function) last changed; db migrate drops a row when it applies a changed file of the report. Without a row the view computes its figures live.';

--
-- Name: COLUMN report_summaries.name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.report_summaries.name IS 'The report (a view of schema reporting).';

--
-- Name: COLUMN report_summaries.as_of; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.report_summaries.as_of IS 'The day the figures are as of: today in Asia/Shanghai when the refresh ran.';

--
-- Name: COLUMN report_summaries.refreshed_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.report_summaries.refreshed_at IS 'When the figures were computed.';

--
-- Name: COLUMN report_summaries.refreshed_by; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.report_summaries.refreshed_by IS 'Who refreshed them (filmwg.current_actor()).';

--
-- Name: COLUMN report_summaries.rows; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.report_summaries.rows IS 'Rows of the summary.';

--
-- Name: COLUMN report_summaries.took; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.report_summaries.took IS 'How long computing this summary took.';

--
-- Name: summary_membership_growth; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.summary_membership_growth (
    year integer NOT NULL,
    tier text NOT NULL,
    members_at_year_end integer NOT NULL,
    joined integer NOT NULL,
    left_in_year integer NOT NULL
);

--
-- Name: TABLE summary_membership_growth; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.summary_membership_growth IS 'reporting.membership_growth as of the day of the last refresh (filmwg.report_summaries).';

--
-- Name: membership_growth; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.membership_growth AS
 WITH summary AS (
         SELECT m.as_of,
            m.refreshed_at
           FROM filmwg.report_summaries m
          WHERE ((m.name = 'membership_growth'::text) AND ((NULLIF(current_setting('reporting.as_of'::text, true), ''::text) IS NULL) OR (m.as_of = reporting.as_of())))
        )
 SELECT s.year,
    s.tier,
    s.members_at_year_end,
    s.joined,
    s.left_in_year,
    m.as_of,
    m.refreshed_at AS computed_at
   FROM (summary m
     CROSS JOIN filmwg.summary_membership_growth s)
UNION ALL
 SELECT l.year,
    l.tier,
    l.members_at_year_end,
    l.joined,
    l.left_in_year,
    reporting.as_of() AS as_of,
    now() AS computed_at
   FROM filmwg.live_membership_growth_rows() l(year, tier, members_at_year_end, joined, left_in_year)
  WHERE (NOT (EXISTS ( SELECT 1
           FROM summary)));

--
-- Name: VIEW membership_growth; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.membership_growth IS 'Membership per year and tier, from the year of the first membership to the year of the report day (today in Asia/Shanghai, reporting.as_of(); membership_growth_as_of(day) for another day): members on 31 December (on the report day for its own year), memberships begun and ended in the year. A change of tier ends one membership and begins another; archiving a company ends its membership on that day (as in member_roster). Answered from the summary of the last nightly refresh when it is for the report day asked (or no day is asked: then the as_of column names the day), else computed live. 按年度和级别统计的成员变化：年末（报表日所在年度为报表日）成员数、当年入会数与退出数；报表日默认为北京时间当日；变更级别计为一次退出和一次入会；单位归档之日视为退出。数据取自最近一次夜间汇总（as_of 列为其日期），指定其他报表日时为实时计算。';

--
-- Name: COLUMN membership_growth.year; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.membership_growth.year IS 'Calendar year. 年度。';

--
-- Name: COLUMN membership_growth.tier; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.membership_growth.tier IS 'Membership tier: initiating, member or observer. 成员级别：发起单位、成员或观察员。';

--
-- Name: COLUMN membership_growth.members_at_year_end; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.membership_growth.members_at_year_end IS 'Memberships of this tier on 31 December of the year; for the year of the report day, on the report day. Summed over tiers: member companies. 当年12月31日（报表日所在年度为报表日）该级别的成员数；各级别之和即成员单位数。';

--
-- Name: COLUMN membership_growth.joined; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.membership_growth.joined IS 'Memberships of this tier begun in the year, up to the report day. 当年（截至报表日）入会数。';

--
-- Name: COLUMN membership_growth.left_in_year; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.membership_growth.left_in_year IS 'Memberships of this tier ended in the year, up to the report day: the first day no longer a member (end of the period, or the day the company was archived) in the year. 当年（截至报表日）退出数，以成员资格终止日或单位归档日计。';

--
-- Name: COLUMN membership_growth.as_of; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.membership_growth.as_of IS 'The report day the figures are for: the day of the last refresh, or the day asked for (reporting.as_of()) when computed live. 数据所对应的报表日：最近一次汇总之日，实时计算时为所指定的报表日。';

--
-- Name: COLUMN membership_growth.computed_at; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.membership_growth.computed_at IS 'When the figures were computed: the last refresh (filmwg report refresh, run nightly after the eligibility job), or now when computed live. 数据计算时间：最近一次汇总（每晚资格评估后运行），实时计算时为当前时间。';

--
-- Name: membership_growth_as_of(date); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.membership_growth_as_of(day date) RETURNS SETOF reporting.membership_growth
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.membership_growth;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;

--
-- Name: FUNCTION membership_growth_as_of(day date); Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON FUNCTION reporting.membership_growth_as_of(day date) IS 'reporting.membership_growth up to the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 截至指定日期的成员变化，列与 membership_growth 相同。';

--
-- Name: policy_eligibility_current; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.policy_eligibility_current AS
 WITH latest AS (
         SELECT r.id,
            r.as_of
           FROM filmwg.job_runs r
          WHERE (r.id = filmwg.current_run(reporting.as_of()))
        )
 SELECT l.id AS run_id,
    l.as_of,
    p.code AS policy_code,
    p.title AS policy_title,
    v.version,
    d.company_id,
    c.uscc,
    COALESCE(cv.name, c.name) AS company_name,
        CASE
            WHEN (cv.id IS NULL) THEN c.name_zh
            ELSE cv.name_zh
        END AS company_name_zh,
    d.eligible
   FROM (((((latest l
     JOIN filmwg.determinations d ON ((d.run_id = l.id)))
     JOIN filmwg.policy_versions v ON ((v.id = d.policy_version_id)))
     JOIN filmwg.policies p ON ((p.id = v.policy_id)))
     JOIN filmwg.companies c ON ((c.id = d.company_id)))
     LEFT JOIN filmwg.company_versions cv ON (((cv.company_id = d.company_id) AND (cv.valid @> ( SELECT latest.as_of
           FROM latest)))))
  WHERE (d.run_id = ( SELECT latest.id
           FROM latest));

--
-- Name: VIEW policy_eligibility_current; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.policy_eligibility_current IS 'What the eligibility job decided, per policy version valid on that day and company, in the current run of the report day (filmwg.current_run, the same run eligibility list and explain read): the succeeded, not dry run of the latest day evaluated on or before the report day (today in Asia/Shanghai, reporting.as_of(); policy_eligibility_current_as_of(day) for another day), ties the highest id. A re-run for an earlier day does not replace the current day''s answer. Company names are those in force on the run''s day. 资格判定结果（按政策和单位），取报表日（默认为北京时间当日）的当前运行（与 eligibility list 相同）：报表日及之前最近判定日的最近一次成功运行（非试运行）。单位名称为判定日当日有效的名称。';

--
-- Name: COLUMN policy_eligibility_current.run_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.run_id IS 'The job run. 运行编号。';

--
-- Name: COLUMN policy_eligibility_current.as_of; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.as_of IS 'Day the facts were evaluated (the run''s as_of). 判定所依据的日期。';

--
-- Name: COLUMN policy_eligibility_current.policy_code; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.policy_code IS 'Policy code. 政策代码。';

--
-- Name: COLUMN policy_eligibility_current.policy_title; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.policy_title IS 'Policy title. 政策名称。';

--
-- Name: COLUMN policy_eligibility_current.version; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.version IS 'Number of the policy version applied. 所适用的政策版本号。';

--
-- Name: COLUMN policy_eligibility_current.company_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.company_id IS 'Company id. 单位编号。';

--
-- Name: COLUMN policy_eligibility_current.uscc; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.uscc IS 'Unified Social Credit Code, if known. 统一社会信用代码（如有）。';

--
-- Name: COLUMN policy_eligibility_current.company_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.company_name IS 'Company name in force on the run''s day. 判定日当日有效的单位名称。';

--
-- Name: COLUMN policy_eligibility_current.company_name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.company_name_zh IS 'Chinese name in force on the run''s day. 判定日当日有效的中文名称。';

--
-- Name: COLUMN policy_eligibility_current.eligible; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.policy_eligibility_current.eligible IS 'Whether the company meets the rule. 是否符合条件。';

--
-- Name: policy_eligibility_current_as_of(date); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.policy_eligibility_current_as_of(day date) RETURNS SETOF reporting.policy_eligibility_current
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.policy_eligibility_current;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;

--
-- Name: FUNCTION policy_eligibility_current_as_of(day date); Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON FUNCTION reporting.policy_eligibility_current_as_of(day date) IS 'reporting.policy_eligibility_current for the given day instead of today: the latest run of that day, else of the latest earlier day evaluated; same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 指定日期（或其之前最近判定日）的资格判定结果，列与 policy_eligibility_current 相同。';

--
-- Name: positions; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.positions (
    id bigint NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    title_zh text,
    seats integer DEFAULT 1 NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT positions_code_check CHECK ((code ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT positions_seats_check CHECK ((seats >= 1)),
    CONSTRAINT positions_title_check CHECK ((btrim(title) <> ''::text))
);

--
-- Name: TABLE positions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.positions IS 'The working group''s elected posts and how many people may hold each at once.';

--
-- Name: COLUMN positions.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.positions.id IS 'Surrogate key.';

--
-- Name: COLUMN positions.code; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.positions.code IS 'Stable code, lower-case letters, digits and _ (positions_code_check), unique (positions_code_key), e.g. head.';

--
-- Name: COLUMN positions.title; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.positions.title IS 'English title, e.g. Head.';

--
-- Name: COLUMN positions.title_zh; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.positions.title_zh IS 'Chinese title, e.g. 组长.';

--
-- Name: COLUMN positions.seats; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.positions.seats IS 'How many professionals may hold the position at the same time, >= 1; never lowered below the current holders (23P01 role_assignments_seats).';

--
-- Name: COLUMN positions.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.positions.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN positions.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.positions.created_at IS 'When the record was created.';

--
-- Name: professionals; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.professionals (
    id bigint NOT NULL,
    full_name text,
    latin_name text,
    title text,
    email text,
    phone text,
    specialties text[] DEFAULT '{}'::text[] NOT NULL,
    erased_at timestamp with time zone,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT professionals_email_check CHECK ((email ~ '^[^@[:space:]]+@[^@[:space:]]+$'::text)),
    CONSTRAINT professionals_erased_check CHECK (((erased_at IS NULL) OR ((full_name IS NULL) AND (latin_name IS NULL) AND (email IS NULL) AND (phone IS NULL)))),
    CONSTRAINT professionals_full_name_check CHECK ((btrim(full_name) <> ''::text)),
    CONSTRAINT professionals_name_required CHECK (((full_name IS NOT NULL) OR (erased_at IS NOT NULL))),
    CONSTRAINT professionals_specialties_check CHECK ((array_position(specialties, NULL::text) IS NULL))
);

--
-- Name: TABLE professionals; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.professionals IS 'People in the industry. full_name, latin_name, email and phone are personal data: filmwg.erase_professional removes them on request (erased_at set) while attendance, employments and roles stay as anonymous history.';

--
-- Name: COLUMN professionals.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.id IS 'Surrogate key.';

--
-- Name: COLUMN professionals.full_name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.full_name IS 'Full name as the person writes it (Chinese names first-class); required, not blank (professionals_name_required, professionals_full_name_check); NULL only after erasure.';

--
-- Name: COLUMN professionals.latin_name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.latin_name IS 'Name in Latin letters (e.g. pinyin), optional. Personal data.';

--
-- Name: COLUMN professionals.title; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.title IS 'Job title, e.g. Deputy Secretary-General.';

--
-- Name: COLUMN professionals.email; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.email IS 'E-mail address; unique ignoring case (index professionals_email_key); must look like local@domain (professionals_email_check). Personal contact data, never in reports.';

--
-- Name: COLUMN professionals.phone; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.phone IS 'Phone number. Personal contact data, never in reports.';

--
-- Name: COLUMN professionals.specialties; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.specialties IS 'Specialties (e.g. screenwriting, VFX); no NULL elements (professionals_specialties_check).';

--
-- Name: COLUMN professionals.erased_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.erased_at IS 'When the personal data was erased; then full_name, latin_name, email and phone are NULL (professionals_erased_check).';

--
-- Name: COLUMN professionals.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN professionals.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.professionals.created_at IS 'When the record was created.';

--
-- Name: role_history; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.role_history AS
 SELECT p.code AS "position",
    p.title AS position_title,
    p.title_zh AS position_title_zh,
    r.professional_id,
    pr.full_name AS holder_name,
    r.company_id,
    c.name AS company_name,
    c.name_zh AS company_name_zh,
    lower(r.term) AS term_from,
    upper(r.term) AS term_to,
    (r.term @> reporting.as_of()) AS is_current
   FROM (((filmwg.role_assignments r
     JOIN filmwg.positions p ON ((p.id = r.position_id)))
     JOIN filmwg.professionals pr ON ((pr.id = r.professional_id)))
     LEFT JOIN filmwg.companies c ON ((c.id = r.company_id)));

--
-- Name: VIEW role_history; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.role_history IS 'Every term of every position of the working group, past, current and future; is_current tells whether the term contains the report day (today in Asia/Shanghai, reporting.as_of(); role_history_as_of(day) for another day). No contact data; the name of an erased professional is NULL. 工作组历届职务任期（过去、当前及未来），is_current 表示任期是否包含报表日（默认为北京时间当日）；不含联系方式；已删除个人信息者姓名为空。';

--
-- Name: COLUMN role_history."position"; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history."position" IS 'Position code, e.g. head. 职务代码。';

--
-- Name: COLUMN role_history.position_title; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.position_title IS 'Position title. 职务名称（英文）。';

--
-- Name: COLUMN role_history.position_title_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.position_title_zh IS 'Chinese position title. 职务名称（中文）。';

--
-- Name: COLUMN role_history.professional_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.professional_id IS 'Holder''s professional id. 担任人编号。';

--
-- Name: COLUMN role_history.holder_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.holder_name IS 'Holder''s full name; NULL after erasure. 担任人姓名（个人信息删除后为空）。';

--
-- Name: COLUMN role_history.company_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.company_id IS 'Company represented, if any. 所代表单位编号。';

--
-- Name: COLUMN role_history.company_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.company_name IS 'Name of the company represented. 所代表单位名称。';

--
-- Name: COLUMN role_history.company_name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.company_name_zh IS 'Chinese name of the company represented. 所代表单位中文名称。';

--
-- Name: COLUMN role_history.term_from; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.term_from IS 'First day of the term. 任期起始日。';

--
-- Name: COLUMN role_history.term_to; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.term_to IS 'Day the term ends (exclusive); NULL while open-ended. 任期终止日（不含当日），未定则为空。';

--
-- Name: COLUMN role_history.is_current; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_history.is_current IS 'The term contains the report day (today in Asia/Shanghai unless given). 任期是否包含报表日（是否为当前任期）。';

--
-- Name: role_history_as_of(date); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.role_history_as_of(day date) RETURNS SETOF reporting.role_history
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.role_history;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;

--
-- Name: FUNCTION role_history_as_of(day date); Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON FUNCTION reporting.role_history_as_of(day date) IS 'reporting.role_history with is_current as of the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 以指定日期判断是否为当前任期的历届任期，列与 role_history 相同。';

--
-- Name: role_holders_current; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.role_holders_current AS
 SELECT h."position",
    h.position_title,
    h.position_title_zh,
    h.professional_id,
    h.holder_name,
    h.company_id,
    h.company_name,
    h.company_name_zh,
    h.term_from,
    h.term_to
   FROM reporting.role_history h
  WHERE h.is_current;

--
-- Name: VIEW role_holders_current; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.role_holders_current IS 'Holders of the working group''s positions on the report day: today in Asia/Shanghai (reporting.as_of()); role_holders_current_as_of(day) for another day. Vacant seats are not listed. No contact data; the name of an erased professional is NULL. 报表日（默认为北京时间当日）工作组职务担任人，空缺不列出；不含联系方式；已删除个人信息者姓名为空。';

--
-- Name: COLUMN role_holders_current."position"; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current."position" IS 'Position code, e.g. head. 职务代码。';

--
-- Name: COLUMN role_holders_current.position_title; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.position_title IS 'Position title. 职务名称（英文）。';

--
-- Name: COLUMN role_holders_current.position_title_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.position_title_zh IS 'Chinese position title, e.g. 组长. 职务名称（中文）。';

--
-- Name: COLUMN role_holders_current.professional_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.professional_id IS 'Holder''s professional id. 担任人编号。';

--
-- Name: COLUMN role_holders_current.holder_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.holder_name IS 'Holder''s full name; NULL after erasure. 担任人姓名（个人信息删除后为空）。';

--
-- Name: COLUMN role_holders_current.company_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.company_id IS 'Company represented, if any. 所代表单位编号。';

--
-- Name: COLUMN role_holders_current.company_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.company_name IS 'Name of the company represented. 所代表单位名称。';

--
-- Name: COLUMN role_holders_current.company_name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.company_name_zh IS 'Chinese name of the company represented. 所代表单位中文名称。';

--
-- Name: COLUMN role_holders_current.term_from; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.term_from IS 'First day of the term. 任期起始日。';

--
-- Name: COLUMN role_holders_current.term_to; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.role_holders_current.term_to IS 'Day the term ends (exclusive); NULL while open-ended. 任期终止日（不含当日），未定则为空。';

--
-- Name: role_holders_current_as_of(date); Type: FUNCTION; Schema: reporting; Owner: -
--

CREATE FUNCTION reporting.role_holders_current_as_of(day date) RETURNS SETOF reporting.role_holders_current
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.role_holders_current;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;

--
-- Name: FUNCTION role_holders_current_as_of(day date); Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON FUNCTION reporting.role_holders_current_as_of(day date) IS 'reporting.role_holders_current as of the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 指定日期的职务担任人，列与 role_holders_current 相同。';

--
-- Name: attendance_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.attendance ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.attendance_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: audit_log; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.audit_log (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor text NOT NULL,
    table_name text NOT NULL,
    row_id text NOT NULL,
    action text NOT NULL,
    old_values jsonb,
    new_values jsonb,
    session_user_name text DEFAULT SESSION_USER,
    CONSTRAINT audit_log_action_check CHECK ((action = ANY (ARRAY['insert'::text, 'update'::text, 'delete'::text])))
);

--
-- Name: TABLE audit_log; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.audit_log IS 'One row per inserted, updated or deleted row of every admin-edited table, written by trigger audit. Append-only for everyone but filmwg_owner. Personal fields of erased professionals are removed (see filmwg.erase_professional).';

--
-- Name: COLUMN audit_log.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.id IS 'Surrogate key, in order of writing.';

--
-- Name: COLUMN audit_log.at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.at IS 'When the change was made (clock time of the change, not of the transaction start).';

--
-- Name: COLUMN audit_log.actor; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.actor IS 'Who made the change: session setting filmwg.actor, else the database session user.';

--
-- Name: COLUMN audit_log.table_name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.table_name IS 'Table changed, without schema (e.g. companies).';

--
-- Name: COLUMN audit_log.row_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.row_id IS 'Primary key of the changed row as text; composite keys joined by commas in key order (election_candidates: "election_id,professional_id").';

--
-- Name: COLUMN audit_log.action; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.action IS 'insert, update or delete.';

--
-- Name: COLUMN audit_log.old_values; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.old_values IS 'The whole row before the change (NULL on insert), as JSON keyed by column name.';

--
-- Name: COLUMN audit_log.new_values; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.new_values IS 'The whole row after the change (NULL on delete), as JSON keyed by column name.';

--
-- Name: COLUMN audit_log.session_user_name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.audit_log.session_user_name IS 'The database login (session_user) the change was made under, whatever the self-declared actor; NULL for rows written before migration 0015.';

--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: award_bodies; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.award_bodies (
    code text NOT NULL,
    name text NOT NULL,
    name_zh text NOT NULL,
    scope text NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT award_bodies_code_check CHECK ((code ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT award_bodies_name_check CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT award_bodies_name_zh_check CHECK ((btrim(name_zh) <> ''::text)),
    CONSTRAINT award_bodies_scope_check CHECK ((scope = ANY (ARRAY['national'::text, 'international'::text])))
);

--
-- Name: TABLE award_bodies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.award_bodies IS 'The awards a work can win or be nominated for (reference data seeded by migration 0013): code, English and Chinese name, national or international. 影视奖项（参考数据）。';

--
-- Name: COLUMN award_bodies.code; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.award_bodies.code IS 'Stable code used by award record --award (lower-case letters, digits, _; award_bodies_code_check), e.g. huabiao.';

--
-- Name: COLUMN award_bodies.name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.award_bodies.name IS 'English name, e.g. Huabiao Awards.';

--
-- Name: COLUMN award_bodies.name_zh; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.award_bodies.name_zh IS 'Chinese name, e.g. 华表奖.';

--
-- Name: COLUMN award_bodies.scope; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.award_bodies.scope IS 'national or international (award_bodies_scope_check).';

--
-- Name: COLUMN award_bodies.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.award_bodies.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN award_bodies.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.award_bodies.created_at IS 'When the record was created.';

--
-- Name: awards; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.awards (
    id bigint NOT NULL,
    work_id bigint NOT NULL,
    award_code text NOT NULL,
    awarded_on date NOT NULL,
    category text,
    result text DEFAULT 'won'::text NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT awards_category_check CHECK ((btrim(category) <> ''::text)),
    CONSTRAINT awards_result_check CHECK ((result = ANY (ARRAY['won'::text, 'nominated'::text])))
);

--
-- Name: TABLE awards; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.awards IS 'An award a work won, or was nominated for, on a day. One row per (work, award, day, category) (index awards_work_award_key). 作品获奖及提名记录。';

--
-- Name: COLUMN awards.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.awards.id IS 'Surrogate key.';

--
-- Name: COLUMN awards.work_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.awards.work_id IS 'The work.';

--
-- Name: COLUMN awards.award_code; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.awards.award_code IS 'The award (filmwg.award_bodies.code).';

--
-- Name: COLUMN awards.awarded_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.awards.awarded_on IS 'Day of the award (ceremony or announcement).';

--
-- Name: COLUMN awards.category; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.awards.category IS 'Category, e.g. Best Feature Film; NULL when the award has none or it is unknown.';

--
-- Name: COLUMN awards.result; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.awards.result IS 'won or nominated (awards_result_check); only won counts for first_producer_awarded_works_12m.';

--
-- Name: COLUMN awards.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.awards.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN awards.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.awards.created_at IS 'When the record was created.';

--
-- Name: awards_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.awards ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.awards_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: companies_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.companies ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.companies_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: company_figures; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.company_figures (
    company_id bigint NOT NULL,
    year integer NOT NULL,
    rent_paid numeric(20,2),
    rented_area_m2 numeric(20,2),
    fiscal_contribution numeric(20,2),
    revenue numeric(20,2),
    investment numeric(20,2),
    renovation_cost numeric(20,2),
    renovated_area_m2 numeric(20,2),
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT company_figures_fiscal_contribution_check CHECK ((fiscal_contribution >= (0)::numeric)),
    CONSTRAINT company_figures_investment_check CHECK ((investment >= (0)::numeric)),
    CONSTRAINT company_figures_renovated_area_m2_check CHECK ((renovated_area_m2 >= (0)::numeric)),
    CONSTRAINT company_figures_renovation_cost_check CHECK ((renovation_cost >= (0)::numeric)),
    CONSTRAINT company_figures_rent_paid_check CHECK ((rent_paid >= (0)::numeric)),
    CONSTRAINT company_figures_rented_area_m2_check CHECK ((rented_area_m2 >= (0)::numeric)),
    CONSTRAINT company_figures_revenue_check CHECK ((revenue >= (0)::numeric)),
    CONSTRAINT company_figures_year_check CHECK (((year >= 1990) AND (year <= 2200)))
);

--
-- Name: TABLE company_figures; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.company_figures IS 'A company''s yearly figures, one row per company and calendar year (filmwg figure import); NULL = unknown. The facts <figure>_last_year read the year before the day''s.';

--
-- Name: COLUMN company_figures.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.company_id IS 'The company.';

--
-- Name: COLUMN company_figures.year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.year IS 'Calendar year the figures are for (the import accepts 1990 to next year).';

--
-- Name: COLUMN company_figures.rent_paid; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.rent_paid IS 'Rent paid for premises in the year, CNY, >= 0.';

--
-- Name: COLUMN company_figures.rented_area_m2; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.rented_area_m2 IS 'Area rented, m², >= 0.';

--
-- Name: COLUMN company_figures.fiscal_contribution; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.fiscal_contribution IS 'Contribution to the district''s finances (taxes retained locally) in the year, CNY, >= 0.';

--
-- Name: COLUMN company_figures.revenue; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.revenue IS 'Revenue in the year, CNY, >= 0.';

--
-- Name: COLUMN company_figures.investment; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.investment IS 'Investment made in the year (e.g. premises bought), CNY, >= 0.';

--
-- Name: COLUMN company_figures.renovation_cost; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.renovation_cost IS 'Cost of renovating premises in the year, CNY, >= 0.';

--
-- Name: COLUMN company_figures.renovated_area_m2; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.renovated_area_m2 IS 'Area renovated, m², >= 0.';

--
-- Name: COLUMN company_figures.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN company_figures.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.company_figures.created_at IS 'When the record was created.';

--
-- Name: company_versions_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.company_versions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.company_versions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: determination_changes; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.determination_changes (
    run_id bigint NOT NULL,
    policy_version_id bigint NOT NULL,
    company_id bigint NOT NULL,
    change text NOT NULL,
    previous_run_id bigint,
    CONSTRAINT determination_changes_change_check CHECK ((change = ANY (ARRAY['newly_eligible'::text, 'no_longer_eligible'::text])))
);

--
-- Name: TABLE determination_changes; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.determination_changes IS 'What changed in a run compared with the previous succeeded run of the same job. Written by the job only; its keys to job_runs, policy_versions and companies hold by construction (migration 0021): triggers keep_determined refuse to delete a company or policy version a change names, trigger delete_determinations of job_runs deletes a run''s changes and forgets it as a previous run.';

--
-- Name: COLUMN determination_changes.run_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determination_changes.run_id IS 'The run that saw the change.';

--
-- Name: COLUMN determination_changes.policy_version_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determination_changes.policy_version_id IS 'The policy version of the determination in this run (or of the previous run''s when the policy has no version valid any more).';

--
-- Name: COLUMN determination_changes.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determination_changes.company_id IS 'The company.';

--
-- Name: COLUMN determination_changes.change; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determination_changes.change IS 'newly_eligible or no_longer_eligible (determination_changes_change_check).';

--
-- Name: COLUMN determination_changes.previous_run_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.determination_changes.previous_run_id IS 'The succeeded run compared with; NULL when there was none.';

--
-- Name: determinations_default; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.determinations_default (
    run_id bigint NOT NULL,
    policy_version_id bigint NOT NULL,
    company_id bigint NOT NULL,
    eligible boolean NOT NULL,
    criteria_values boolean[] NOT NULL,
    amount numeric,
    amount_reason text
);

--
-- Name: TABLE determinations_default; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.determinations_default IS 'Determinations inserted into filmwg.determinations for a run without a partition of its own (by hand, by tests); the job never writes here.';

--
-- Name: election_candidates; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.election_candidates (
    election_id bigint NOT NULL,
    professional_id bigint NOT NULL,
    company_id bigint,
    votes_for integer,
    votes_against integer,
    votes_abstain integer,
    elected boolean DEFAULT false NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT election_candidates_votes_abstain_check CHECK ((votes_abstain >= 0)),
    CONSTRAINT election_candidates_votes_against_check CHECK ((votes_against >= 0)),
    CONSTRAINT election_candidates_votes_for_check CHECK ((votes_for >= 0))
);

--
-- Name: TABLE election_candidates; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.election_candidates IS 'A candidate of an election and the votes cast for, against, or abstaining on them.';

--
-- Name: COLUMN election_candidates.election_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.election_id IS 'The election (rows go with it when it is deleted).';

--
-- Name: COLUMN election_candidates.professional_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.professional_id IS 'The candidate.';

--
-- Name: COLUMN election_candidates.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.company_id IS 'The company the candidate stood for, if any.';

--
-- Name: COLUMN election_candidates.votes_for; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.votes_for IS 'Votes for, >= 0; NULL when not published.';

--
-- Name: COLUMN election_candidates.votes_against; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.votes_against IS 'Votes against, >= 0; NULL when not published.';

--
-- Name: COLUMN election_candidates.votes_abstain; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.votes_abstain IS 'Abstentions, >= 0; NULL when not published.';

--
-- Name: COLUMN election_candidates.elected; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.elected IS 'Whether the candidate was elected.';

--
-- Name: COLUMN election_candidates.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN election_candidates.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.election_candidates.created_at IS 'When the record was created.';

--
-- Name: elections; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.elections (
    id bigint NOT NULL,
    event_id bigint,
    held_on date NOT NULL,
    position_id bigint NOT NULL,
    notes text,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: TABLE elections; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.elections IS 'A vote that filled a position; candidates and their votes in election_candidates.';

--
-- Name: COLUMN elections.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.elections.id IS 'Surrogate key.';

--
-- Name: COLUMN elections.event_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.elections.event_id IS 'The event at which the vote was held, if any.';

--
-- Name: COLUMN elections.held_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.elections.held_on IS 'Day of the vote.';

--
-- Name: COLUMN elections.position_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.elections.position_id IS 'The position voted on.';

--
-- Name: COLUMN elections.notes; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.elections.notes IS 'Free notes, e.g. the procedure.';

--
-- Name: COLUMN elections.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.elections.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN elections.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.elections.created_at IS 'When the record was created.';

--
-- Name: elections_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.elections ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.elections_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: employments; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.employments (
    id bigint NOT NULL,
    professional_id bigint NOT NULL,
    company_id bigint NOT NULL,
    period daterange NOT NULL,
    title text,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT employments_period_check CHECK ((NOT isempty(period)))
);

--
-- Name: TABLE employments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.employments IS 'Who works for which company, when.';

--
-- Name: COLUMN employments.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.employments.id IS 'Surrogate key.';

--
-- Name: COLUMN employments.professional_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.employments.professional_id IS 'The employee.';

--
-- Name: COLUMN employments.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.employments.company_id IS 'The employer.';

--
-- Name: COLUMN employments.period; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.employments.period IS 'Half-open [employed_from, employed_to); either bound may be NULL (start unknown, still employed); never empty (employments_period_check).';

--
-- Name: COLUMN employments.title; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.employments.title IS 'Job title in this employment.';

--
-- Name: COLUMN employments.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.employments.row_version IS 'Optimistic-locking version (FW409 when stale).';

--
-- Name: COLUMN employments.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.employments.created_at IS 'When the record was created.';

--
-- Name: employments_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.employments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.employments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: events_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: fact_catalog; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.fact_catalog (
    name text NOT NULL,
    ordinal integer NOT NULL,
    type text NOT NULL,
    description text NOT NULL,
    allowed_values text[],
    CONSTRAINT fact_catalog_name_check CHECK ((name ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT fact_catalog_type_check CHECK ((type = ANY (ARRAY['boolean'::text, 'integer'::text, 'numeric'::text, 'text'::text, 'date'::text])))
);

--
-- Name: TABLE fact_catalog; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.fact_catalog IS 'Every fact an eligibility rule may name, in the order of the columns of filmwg.company_facts (after company_id). Facts are evaluated as of a day D.';

--
-- Name: COLUMN fact_catalog.name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.fact_catalog.name IS 'Name used in rules and column name of filmwg.company_facts.';

--
-- Name: COLUMN fact_catalog.ordinal; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.fact_catalog.ordinal IS 'Position among the facts: column ordinal + 1 in filmwg.company_facts (company_id comes first).';

--
-- Name: COLUMN fact_catalog.type; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.fact_catalog.type IS 'Type in the rule language: boolean, integer, numeric, text or date.';

--
-- Name: COLUMN fact_catalog.description; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.fact_catalog.description IS 'What the fact means, as of the day D.';

--
-- Name: COLUMN fact_catalog.allowed_values; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.fact_catalog.allowed_values IS 'For text facts with a fixed set of values: those values (a rule comparing with another value is rejected); else NULL.';

--
-- Name: grants_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.grants ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.grants_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: job_runs_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.job_runs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.job_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: memberships_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.memberships ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.memberships_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: policies_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.policies ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.policies_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: policy_versions_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.policy_versions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.policy_versions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: positions_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.positions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.positions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: professionals_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.professionals ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.professionals_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: SEQUENCE professionals_id_seq; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON SEQUENCE filmwg.professionals_id_seq IS 'Identity of filmwg.professionals. filmwg_admin has USAGE so that professional import can take ids up front (nextval) and insert them with OVERRIDING SYSTEM VALUE.';

--
-- Name: regions; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.regions (
    code text NOT NULL,
    name text NOT NULL,
    full_name text NOT NULL,
    level text NOT NULL,
    since_year integer,
    until_year integer,
    CONSTRAINT regions_code_check CHECK ((code ~ '^[0-9]{6}$'::text)),
    CONSTRAINT regions_level_check CHECK ((level = ANY (ARRAY['province'::text, 'prefecture'::text, 'county'::text])))
);

--
-- Name: TABLE regions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.regions IS 'GB/T 2260 administrative divisions (province, prefecture and county level) in use at some time from 2015 on, the region table that positions 3–8 of a USCC are checked against. Reference data from sql/reference/gbt2260_regions.sql, which names its source and date; never fetched at run time.';

--
-- Name: COLUMN regions.code; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.regions.code IS 'Six-digit division code, e.g. 110116.';

--
-- Name: COLUMN regions.name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.regions.name IS 'The division''s latest name, e.g. 怀柔区.';

--
-- Name: COLUMN regions.full_name; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.regions.full_name IS 'Province, prefecture and county names joined, e.g. 北京市怀柔区.';

--
-- Name: COLUMN regions.level; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.regions.level IS 'province (XX0000), prefecture (XXXX00) or county.';

--
-- Name: COLUMN regions.since_year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.regions.since_year IS 'Year the code came into use, when the source says; NULL when older or unknown.';

--
-- Name: COLUMN regions.until_year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.regions.until_year IS 'Last year the code was in use; NULL while in use.';

--
-- Name: role_assignments_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.role_assignments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.role_assignments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: summary_benefits_by_policy_year; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.summary_benefits_by_policy_year (
    policy_code text NOT NULL,
    policy_title text NOT NULL,
    year integer NOT NULL,
    companies_entitled integer NOT NULL,
    entitlements_unknown integer NOT NULL,
    entitled numeric NOT NULL,
    applied numeric NOT NULL,
    approved numeric NOT NULL,
    paid numeric NOT NULL,
    rejected numeric NOT NULL,
    budget numeric(20,2),
    remaining_budget numeric
);

--
-- Name: TABLE summary_benefits_by_policy_year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.summary_benefits_by_policy_year IS 'reporting.benefits_by_policy_year as of the last refresh (filmwg.report_summaries).';

--
-- Name: summary_companies_by_kind; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.summary_companies_by_kind (
    kind text NOT NULL,
    companies integer NOT NULL,
    in_zone integer NOT NULL,
    total_capital numeric NOT NULL
);

--
-- Name: TABLE summary_companies_by_kind; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.summary_companies_by_kind IS 'reporting.companies_by_kind as of the last refresh (filmwg.report_summaries).';

--
-- Name: summary_grants_by_policy_year; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.summary_grants_by_policy_year (
    policy_code text NOT NULL,
    policy_title text NOT NULL,
    year integer NOT NULL,
    status text NOT NULL,
    grants integer NOT NULL,
    total_amount numeric
);

--
-- Name: TABLE summary_grants_by_policy_year; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.summary_grants_by_policy_year IS 'reporting.grants_by_policy_year as of the last refresh (filmwg.report_summaries).';

--
-- Name: work_co_producers; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.work_co_producers (
    work_id bigint NOT NULL,
    company_id bigint NOT NULL,
    first_producer_id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT work_co_producers_not_first_producer CHECK ((company_id <> first_producer_id))
);

--
-- Name: TABLE work_co_producers; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.work_co_producers IS 'The co-producers (联合出品方) of a work: distinct companies (work_co_producers_pkey), never the work''s first producer (work_co_producers_not_first_producer, kept true through the composite foreign key to works, which cascades a change of first producer). 作品的联合出品方。';

--
-- Name: COLUMN work_co_producers.work_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.work_co_producers.work_id IS 'The work.';

--
-- Name: COLUMN work_co_producers.company_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.work_co_producers.company_id IS 'The co-producing company.';

--
-- Name: COLUMN work_co_producers.first_producer_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.work_co_producers.first_producer_id IS 'The work''s first producer, copied and kept equal by the foreign key work_co_producers_work_fkey (ON UPDATE CASCADE); never equal to company_id.';

--
-- Name: COLUMN work_co_producers.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.work_co_producers.created_at IS 'When the record was created.';

--
-- Name: works; Type: TABLE; Schema: filmwg; Owner: -
--

CREATE TABLE filmwg.works (
    id bigint NOT NULL,
    title text NOT NULL,
    title_zh text,
    kind text NOT NULL,
    released_on date NOT NULL,
    licence_no text,
    first_producer_id bigint NOT NULL,
    row_version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT works_kind_check CHECK ((kind = ANY (ARRAY['film'::text, 'online_film'::text, 'series'::text, 'documentary'::text, 'animation'::text]))),
    CONSTRAINT works_licence_no_check CHECK ((btrim(licence_no) <> ''::text)),
    CONSTRAINT works_title_check CHECK ((btrim(title) <> ''::text)),
    CONSTRAINT works_title_zh_check CHECK ((btrim(title_zh) <> ''::text))
);

--
-- Name: TABLE works; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TABLE filmwg.works IS 'Film works (films, online films, series, documentaries, animation) and their first producer (第一出品方): exactly one per work, the NOT NULL column first_producer_id. Co-producers are in work_co_producers, awards in awards. 影视作品及其第一出品方。';

--
-- Name: COLUMN works.id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.id IS 'Surrogate key.';

--
-- Name: COLUMN works.title; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.title IS 'Title, usually the English or registered title; not blank.';

--
-- Name: COLUMN works.title_zh; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.title_zh IS 'Chinese title (中文片名); not blank when present.';

--
-- Name: COLUMN works.kind; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.kind IS 'film, online_film, series, documentary or animation (works_kind_check).';

--
-- Name: COLUMN works.released_on; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.released_on IS 'Day of first release (public screening, broadcast or online release).';

--
-- Name: COLUMN works.licence_no; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.licence_no IS 'Release licence number (公映许可证号 / 发行许可证号); unique when present (works_licence_no_key).';

--
-- Name: COLUMN works.first_producer_id; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.first_producer_id IS 'The first producer (第一出品方), a company; exactly one per work.';

--
-- Name: COLUMN works.row_version; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.row_version IS 'Optimistic-locking version (FW409 when stale); also raised when the work''s co-producers change.';

--
-- Name: COLUMN works.created_at; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON COLUMN filmwg.works.created_at IS 'When the record was created.';

--
-- Name: works_id_seq; Type: SEQUENCE; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.works ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME filmwg.works_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: SEQUENCE works_id_seq; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON SEQUENCE filmwg.works_id_seq IS 'Identity of filmwg.works. filmwg_admin has USAGE so that work import can take ids up front (nextval) and insert them with OVERRIDING SYSTEM VALUE.';

--
-- Name: filmwg_schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.filmwg_schema_migrations (
    kind text NOT NULL,
    name text NOT NULL,
    version integer,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by text DEFAULT CURRENT_USER NOT NULL,
    CONSTRAINT filmwg_schema_migrations_kind_check CHECK ((kind = ANY (ARRAY['migration'::text, 'reporting'::text])))
);

--
-- Name: TABLE filmwg_schema_migrations; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.filmwg_schema_migrations IS 'Which filmwg migrations and reporting files were applied, with the md5 of their text.';

--
-- Name: awards; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.awards AS
 SELECT a.awarded_on,
    b.code AS award_code,
    b.name AS award_name,
    b.name_zh AS award_name_zh,
    b.scope,
    a.category,
    a.result,
    w.id AS work_id,
    w.title,
    w.title_zh,
    w.kind,
    w.released_on,
    c.id AS first_producer_id,
    c.uscc AS first_producer_uscc,
    c.name AS first_producer_name,
    c.name_zh AS first_producer_name_zh,
    a.id AS award_id
   FROM (((filmwg.awards a
     JOIN filmwg.award_bodies b ON ((b.code = a.award_code)))
     JOIN filmwg.works w ON ((w.id = a.work_id)))
     JOIN filmwg.companies c ON ((c.id = w.first_producer_id)));

--
-- Name: VIEW awards; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.awards IS 'Every award a work won or was nominated for, by day, with the award (national or international), the work and its first producer (第一出品方). 作品获奖及提名记录：奖项（国内或国际）、作品及其第一出品方。';

--
-- Name: COLUMN awards.awarded_on; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.awarded_on IS 'Day of the award. 获奖（提名）日期。';

--
-- Name: COLUMN awards.award_code; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.award_code IS 'Code of the award, e.g. huabiao. 奖项代码。';

--
-- Name: COLUMN awards.award_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.award_name IS 'English name of the award. 奖项英文名称。';

--
-- Name: COLUMN awards.award_name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.award_name_zh IS 'Chinese name of the award, e.g. 华表奖. 奖项中文名称。';

--
-- Name: COLUMN awards.scope; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.scope IS 'national or international. 国内奖项或国际奖项。';

--
-- Name: COLUMN awards.category; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.category IS 'Category, e.g. Best Feature Film; NULL when none. 奖项类别。';

--
-- Name: COLUMN awards.result; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.result IS 'won or nominated. 结果：获奖或提名。';

--
-- Name: COLUMN awards.work_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.work_id IS 'The work''s id. 作品编号。';

--
-- Name: COLUMN awards.title; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.title IS 'Title of the work. 作品名称。';

--
-- Name: COLUMN awards.title_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.title_zh IS 'Chinese title of the work. 作品中文名称。';

--
-- Name: COLUMN awards.kind; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.kind IS 'film, online_film, series, documentary or animation. 作品类型。';

--
-- Name: COLUMN awards.released_on; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.released_on IS 'Day the work was first released. 作品首映（上线、播出）日期。';

--
-- Name: COLUMN awards.first_producer_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.first_producer_id IS 'Id of the work''s first producer. 第一出品方编号。';

--
-- Name: COLUMN awards.first_producer_uscc; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.first_producer_uscc IS 'USCC of the first producer. 第一出品方统一社会信用代码。';

--
-- Name: COLUMN awards.first_producer_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.first_producer_name IS 'Name of the first producer. 第一出品方名称。';

--
-- Name: COLUMN awards.first_producer_name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.first_producer_name_zh IS 'Chinese name of the first producer. 第一出品方中文名称。';

--
-- Name: COLUMN awards.award_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.awards.award_id IS 'The award record''s id. 获奖记录编号。';

--
-- Name: benefits_by_policy_year; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.benefits_by_policy_year AS
 SELECT s.policy_code,
    s.policy_title,
    s.year,
    s.companies_entitled,
    s.entitlements_unknown,
    s.entitled,
    s.applied,
    s.approved,
    s.paid,
    s.rejected,
    s.budget,
    s.remaining_budget,
    m.as_of,
    m.refreshed_at AS computed_at
   FROM (filmwg.report_summaries m
     CROSS JOIN filmwg.summary_benefits_by_policy_year s)
  WHERE (m.name = 'benefits_by_policy_year'::text)
UNION ALL
 SELECT l.policy_code,
    l.policy_title,
    l.year,
    l.companies_entitled,
    l.entitlements_unknown,
    l.entitled,
    l.applied,
    l.approved,
    l.paid,
    l.rejected,
    l.budget,
    l.remaining_budget,
    ((now() AT TIME ZONE 'Asia/Shanghai'::text))::date AS as_of,
    now() AS computed_at
   FROM filmwg.live_benefits_by_policy_year_rows() l(policy_code, policy_title, year, companies_entitled, entitlements_unknown, entitled, applied, approved, paid, rejected, budget, remaining_budget)
  WHERE (NOT (EXISTS ( SELECT 1
           FROM filmwg.report_summaries m
          WHERE (m.name = 'benefits_by_policy_year'::text))));

--
-- Name: VIEW benefits_by_policy_year; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.benefits_by_policy_year IS 'Per policy and year: what eligible companies are entitled to (each company''s latest eligible determination of the year in a succeeded run), against the grants applied for, approved, paid and rejected, and what remains of the budget. As of the last nightly refresh, right after the eligibility job (columns as_of and computed_at), computed live before the first one. 按政策和年度：符合条件的企业应享金额（该年度最近一次成功评估的结果），与申请中、已批准、已支付、已驳回的扶持资金及预算余额对照。数据截至最近一次夜间汇总（每晚资格评估后运行，见 as_of 与 computed_at 列），尚未汇总时为实时计算。';

--
-- Name: COLUMN benefits_by_policy_year.policy_code; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.policy_code IS 'Policy code. 政策代码。';

--
-- Name: COLUMN benefits_by_policy_year.policy_title; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.policy_title IS 'Policy title. 政策名称。';

--
-- Name: COLUMN benefits_by_policy_year.year; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.year IS 'Year of the determinations, grants and budget. 年度。';

--
-- Name: COLUMN benefits_by_policy_year.companies_entitled; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.companies_entitled IS 'Companies eligible in a run of the year. 该年度符合条件的企业数。';

--
-- Name: COLUMN benefits_by_policy_year.entitlements_unknown; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.entitlements_unknown IS 'Of those, how many have an unknown amount (a figure is missing). 其中金额未知（缺少年度数据）的企业数。';

--
-- Name: COLUMN benefits_by_policy_year.entitled; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.entitled IS 'Sum of the known amounts they are entitled to, CNY. 应享金额合计（人民币元，不含未知）。';

--
-- Name: COLUMN benefits_by_policy_year.applied; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.applied IS 'Grants applied for and not yet decided, CNY. 申请中（未决定）的金额（人民币元）。';

--
-- Name: COLUMN benefits_by_policy_year.approved; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.approved IS 'Grants approved and not yet paid, CNY. 已批准未支付的金额（人民币元）。';

--
-- Name: COLUMN benefits_by_policy_year.paid; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.paid IS 'Grants paid, CNY. 已支付的金额（人民币元）。';

--
-- Name: COLUMN benefits_by_policy_year.rejected; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.rejected IS 'Grants rejected, CNY. 已驳回的金额（人民币元）。';

--
-- Name: COLUMN benefits_by_policy_year.budget; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.budget IS 'The policy''s budget for the year, CNY; NULL when none is set. 该年度预算（人民币元）；未设定为空。';

--
-- Name: COLUMN benefits_by_policy_year.remaining_budget; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.remaining_budget IS 'budget - approved - paid, CNY; NULL without a budget. 预算余额 = 预算 - 已批准 - 已支付（人民币元）。';

--
-- Name: COLUMN benefits_by_policy_year.as_of; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.as_of IS 'Day (Asia/Shanghai) the figures are as of: the day of the last refresh, today when computed live. 数据所截至的日期（北京时间）：最近一次汇总之日，实时计算时为当日。';

--
-- Name: COLUMN benefits_by_policy_year.computed_at; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.benefits_by_policy_year.computed_at IS 'When the figures were computed: the last refresh (filmwg report refresh, run nightly after the eligibility job), or now when computed live. 数据计算时间：最近一次汇总（每晚资格评估后运行），实时计算时为当前时间。';

--
-- Name: companies_by_kind; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.companies_by_kind AS
 SELECT s.kind,
    s.companies,
    s.in_zone,
    s.total_capital,
    m.as_of,
    m.refreshed_at AS computed_at
   FROM (filmwg.report_summaries m
     CROSS JOIN filmwg.summary_companies_by_kind s)
  WHERE (m.name = 'companies_by_kind'::text)
UNION ALL
 SELECT l.kind,
    l.companies,
    l.in_zone,
    l.total_capital,
    ((now() AT TIME ZONE 'Asia/Shanghai'::text))::date AS as_of,
    now() AS computed_at
   FROM filmwg.live_companies_by_kind_rows() l(kind, companies, in_zone, total_capital)
  WHERE (NOT (EXISTS ( SELECT 1
           FROM filmwg.report_summaries m
          WHERE (m.name = 'companies_by_kind'::text))));

--
-- Name: VIEW companies_by_kind; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.companies_by_kind IS 'Active (not archived) companies per kind: how many, how many registered in the Huairou zone, and their total registered capital in CNY; as of the last nightly refresh (columns as_of and computed_at), computed live before the first one. 按类型统计的在册单位数、在怀柔国家影视产业示范区注册的单位数及注册资本合计（人民币元）；数据截至最近一次夜间汇总（见 as_of 与 computed_at 列），尚未汇总时为实时计算。';

--
-- Name: COLUMN companies_by_kind.kind; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.companies_by_kind.kind IS 'Kind of company (every kind, also when none). 单位类型。';

--
-- Name: COLUMN companies_by_kind.companies; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.companies_by_kind.companies IS 'Active companies of this kind. 单位数。';

--
-- Name: COLUMN companies_by_kind.in_zone; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.companies_by_kind.in_zone IS 'Of those, registered in the Huairou zone. 其中在怀柔国家影视产业示范区注册的单位数。';

--
-- Name: COLUMN companies_by_kind.total_capital; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.companies_by_kind.total_capital IS 'Sum of their registered capital in CNY (unknown capital counts as nothing). 注册资本合计（人民币元，未知的不计）。';

--
-- Name: COLUMN companies_by_kind.as_of; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.companies_by_kind.as_of IS 'Day (Asia/Shanghai) the figures are as of: the day of the last refresh, today when computed live. 数据所截至的日期（北京时间）：最近一次汇总之日，实时计算时为当日。';

--
-- Name: COLUMN companies_by_kind.computed_at; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.companies_by_kind.computed_at IS 'When the figures were computed: the last refresh (filmwg report refresh, run nightly after the eligibility job), or now when computed live. 数据计算时间：最近一次汇总（每晚资格评估后运行），实时计算时为当前时间。';

--
-- Name: eligibility_changes; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.eligibility_changes AS
 SELECT r.id AS run_id,
    r.as_of,
    ch.previous_run_id,
    p.code AS policy_code,
    v.version,
    ch.company_id,
    c.uscc,
    c.name AS company_name,
    c.name_zh AS company_name_zh,
    ch.change
   FROM ((((filmwg.determination_changes ch
     JOIN filmwg.job_runs r ON ((r.id = ch.run_id)))
     JOIN filmwg.policy_versions v ON ((v.id = ch.policy_version_id)))
     JOIN filmwg.policies p ON ((p.id = v.policy_id)))
     JOIN filmwg.companies c ON ((c.id = ch.company_id)))
  WHERE ((r.status = 'succeeded'::text) AND (NOT r.dry_run));

--
-- Name: VIEW eligibility_changes; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.eligibility_changes IS 'Companies that became eligible or stopped being eligible for a policy, per succeeded run of the eligibility job, compared with the previous succeeded run. 每次成功运行相对上一次的资格变化：新符合或不再符合。';

--
-- Name: COLUMN eligibility_changes.run_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.run_id IS 'The job run that saw the change. 运行编号。';

--
-- Name: COLUMN eligibility_changes.as_of; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.as_of IS 'Day that run evaluated. 判定所依据的日期。';

--
-- Name: COLUMN eligibility_changes.previous_run_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.previous_run_id IS 'The run compared with; NULL when none. 对比的上一次运行编号。';

--
-- Name: COLUMN eligibility_changes.policy_code; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.policy_code IS 'Policy code. 政策代码。';

--
-- Name: COLUMN eligibility_changes.version; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.version IS 'Number of the policy version. 政策版本号。';

--
-- Name: COLUMN eligibility_changes.company_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.company_id IS 'Company id. 单位编号。';

--
-- Name: COLUMN eligibility_changes.uscc; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.uscc IS 'Unified Social Credit Code, if known. 统一社会信用代码（如有）。';

--
-- Name: COLUMN eligibility_changes.company_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.company_name IS 'Company name. 单位名称。';

--
-- Name: COLUMN eligibility_changes.company_name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.company_name_zh IS 'Chinese name. 中文名称。';

--
-- Name: COLUMN eligibility_changes.change; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.eligibility_changes.change IS 'newly_eligible or no_longer_eligible. 变化：新符合条件或不再符合条件。';

--
-- Name: event_attendance; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.event_attendance AS
 SELECT e.id AS event_id,
    e.name AS event_name,
    e.kind AS event_kind,
    e.starts_at,
    ((e.starts_at AT TIME ZONE 'Asia/Shanghai'::text))::date AS event_day,
    a.role,
    a.companies,
    a.professionals
   FROM (filmwg.events e
     JOIN ( SELECT attendance.event_id,
            attendance.role,
            (count(DISTINCT attendance.company_id))::integer AS companies,
            (count(*))::integer AS professionals
           FROM filmwg.attendance
          GROUP BY attendance.event_id, attendance.role) a ON ((a.event_id = e.id)));

--
-- Name: VIEW event_attendance; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.event_attendance IS 'Attendance of each event by role: how many professionals, and for how many distinct companies; one row per event and role present (events nobody is recorded at are left out). Erased professionals still count. 各活动按参会身份统计的参会人数及所代表单位数，每个活动每种身份一行（无参会记录的活动不列出；已删除个人信息者仍计入）。';

--
-- Name: COLUMN event_attendance.event_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.event_attendance.event_id IS 'Event id. 活动编号。';

--
-- Name: COLUMN event_attendance.event_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.event_attendance.event_name IS 'Event name. 活动名称。';

--
-- Name: COLUMN event_attendance.event_kind; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.event_attendance.event_kind IS 'ceremony, forum, meeting, workshop or other. 活动类型。';

--
-- Name: COLUMN event_attendance.starts_at; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.event_attendance.starts_at IS 'Start instant. 开始时间。';

--
-- Name: COLUMN event_attendance.event_day; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.event_attendance.event_day IS 'Start day in Asia/Shanghai. 活动日期（北京时间）。';

--
-- Name: COLUMN event_attendance.role; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.event_attendance.role IS 'attendee, speaker, host or guest. 参会身份：参会者、发言人、主持人或嘉宾。';

--
-- Name: COLUMN event_attendance.companies; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.event_attendance.companies IS 'Distinct companies represented in this role. 所代表的单位数。';

--
-- Name: COLUMN event_attendance.professionals; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.event_attendance.professionals IS 'Professionals who attended in this role. 参会人数。';

--
-- Name: grants_by_policy_year; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.grants_by_policy_year AS
 SELECT s.policy_code,
    s.policy_title,
    s.year,
    s.status,
    s.grants,
    s.total_amount,
    m.as_of,
    m.refreshed_at AS computed_at
   FROM (filmwg.report_summaries m
     CROSS JOIN filmwg.summary_grants_by_policy_year s)
  WHERE (m.name = 'grants_by_policy_year'::text)
UNION ALL
 SELECT l.policy_code,
    l.policy_title,
    l.year,
    l.status,
    l.grants,
    l.total_amount,
    ((now() AT TIME ZONE 'Asia/Shanghai'::text))::date AS as_of,
    now() AS computed_at
   FROM filmwg.live_grants_by_policy_year_rows() l(policy_code, policy_title, year, status, grants, total_amount)
  WHERE (NOT (EXISTS ( SELECT 1
           FROM filmwg.report_summaries m
          WHERE (m.name = 'grants_by_policy_year'::text))));

--
-- Name: VIEW grants_by_policy_year; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.grants_by_policy_year IS 'Grants per policy, year of application and status: how many and the total amount in CNY. As of the last nightly refresh (columns as_of and computed_at), computed live before the first one. 按政策、申请年度和状态统计的扶持资金笔数与总金额（人民币元）。数据截至最近一次夜间汇总（见 as_of 与 computed_at 列），尚未汇总时为实时计算。';

--
-- Name: COLUMN grants_by_policy_year.policy_code; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.grants_by_policy_year.policy_code IS 'Policy code. 政策代码。';

--
-- Name: COLUMN grants_by_policy_year.policy_title; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.grants_by_policy_year.policy_title IS 'Policy title. 政策名称。';

--
-- Name: COLUMN grants_by_policy_year.year; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.grants_by_policy_year.year IS 'Year of application (applied_on). 申请年度。';

--
-- Name: COLUMN grants_by_policy_year.status; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.grants_by_policy_year.status IS 'applied, approved, rejected or paid. 状态：已申请、已批准、已驳回或已支付。';

--
-- Name: COLUMN grants_by_policy_year.grants; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.grants_by_policy_year.grants IS 'Number of grants. 笔数。';

--
-- Name: COLUMN grants_by_policy_year.total_amount; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.grants_by_policy_year.total_amount IS 'Sum of the amounts in CNY. 总金额（人民币元）。';

--
-- Name: COLUMN grants_by_policy_year.as_of; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.grants_by_policy_year.as_of IS 'Day (Asia/Shanghai) the figures are as of: the day of the last refresh, today when computed live. 数据所截至的日期（北京时间）：最近一次汇总之日，实时计算时为当日。';

--
-- Name: COLUMN grants_by_policy_year.computed_at; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.grants_by_policy_year.computed_at IS 'When the figures were computed: the last refresh (filmwg report refresh, run nightly after the eligibility job), or now when computed live. 数据计算时间：最近一次汇总（每晚资格评估后运行），实时计算时为当前时间。';

--
-- Name: works_by_company; Type: VIEW; Schema: reporting; Owner: -
--

CREATE VIEW reporting.works_by_company AS
 SELECT c.id AS company_id,
    c.uscc,
    c.name AS company_name,
    c.name_zh AS company_name_zh,
    cr.role,
    w.id AS work_id,
    w.title,
    w.title_zh,
    w.kind,
    w.released_on,
    w.licence_no,
    (COALESCE(a.won, (0)::bigint))::integer AS awards_won,
    (COALESCE(a.nominated, (0)::bigint))::integer AS nominations
   FROM (((( SELECT w_1.id AS work_id,
            w_1.first_producer_id AS company_id,
            'first_producer'::text AS role
           FROM filmwg.works w_1
        UNION ALL
         SELECT cp.work_id,
            cp.company_id,
            'co_producer'::text AS text
           FROM filmwg.work_co_producers cp) cr
     JOIN filmwg.works w ON ((w.id = cr.work_id)))
     JOIN filmwg.companies c ON (((c.id = cr.company_id) AND (c.archived_at IS NULL))))
     CROSS JOIN LATERAL ( SELECT count(*) FILTER (WHERE (aw.result = 'won'::text)) AS won,
            count(*) FILTER (WHERE (aw.result = 'nominated'::text)) AS nominated
           FROM filmwg.awards aw
          WHERE (aw.work_id = w.id)) a);

--
-- Name: VIEW works_by_company; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON VIEW reporting.works_by_company IS 'Works of every active (not archived) company, one row per company and work: as first producer (第一出品方) or co-producer, with the awards the work won and the nominations it had. 各单位出品的影视作品（第一出品方或联合出品方），及作品获奖与提名次数。';

--
-- Name: COLUMN works_by_company.company_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.company_id IS 'The company''s id. 单位编号。';

--
-- Name: COLUMN works_by_company.uscc; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.uscc IS 'The company''s Unified Social Credit Code; NULL when unknown. 统一社会信用代码。';

--
-- Name: COLUMN works_by_company.company_name; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.company_name IS 'The company''s name. 单位名称。';

--
-- Name: COLUMN works_by_company.company_name_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.company_name_zh IS 'The company''s Chinese name. 单位中文名称。';

--
-- Name: COLUMN works_by_company.role; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.role IS 'first_producer or co_producer. 出品身份：第一出品方或联合出品方。';

--
-- Name: COLUMN works_by_company.work_id; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.work_id IS 'The work''s id. 作品编号。';

--
-- Name: COLUMN works_by_company.title; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.title IS 'Title of the work. 作品名称。';

--
-- Name: COLUMN works_by_company.title_zh; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.title_zh IS 'Chinese title of the work. 作品中文名称。';

--
-- Name: COLUMN works_by_company.kind; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.kind IS 'film, online_film, series, documentary or animation. 作品类型：电影、网络电影、剧集、纪录片或动画。';

--
-- Name: COLUMN works_by_company.released_on; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.released_on IS 'Day of first release. 首映（上线、播出）日期。';

--
-- Name: COLUMN works_by_company.licence_no; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.licence_no IS 'Release licence number; NULL when not recorded. 公映（发行）许可证号。';

--
-- Name: COLUMN works_by_company.awards_won; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.awards_won IS 'Awards the work won, all time. 作品获奖次数。';

--
-- Name: COLUMN works_by_company.nominations; Type: COMMENT; Schema: reporting; Owner: -
--

COMMENT ON COLUMN reporting.works_by_company.nominations IS 'Nominations the work had without winning that award, all time. 作品获提名次数。';

--
-- Name: determinations_default; Type: TABLE ATTACH; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.determinations ATTACH PARTITION filmwg.determinations_default DEFAULT;

--
-- Name: attendance attendance_event_professional_key; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.attendance
    ADD CONSTRAINT attendance_event_professional_key UNIQUE (event_id, professional_id);

--
-- Name: attendance attendance_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.attendance
    ADD CONSTRAINT attendance_pkey PRIMARY KEY (id);

--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

--
-- Name: award_bodies award_bodies_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.award_bodies
    ADD CONSTRAINT award_bodies_pkey PRIMARY KEY (code);

--
-- Name: awards awards_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.awards
    ADD CONSTRAINT awards_pkey PRIMARY KEY (id);

--
-- Name: companies companies_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.companies
    ADD CONSTRAINT companies_pkey PRIMARY KEY (id);

--
-- Name: companies companies_uscc_key; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.companies
    ADD CONSTRAINT companies_uscc_key UNIQUE (uscc);

--
-- Name: company_figures company_figures_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.company_figures
    ADD CONSTRAINT company_figures_pkey PRIMARY KEY (company_id, year);

--
-- Name: company_versions company_versions_no_overlap; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.company_versions
    ADD CONSTRAINT company_versions_no_overlap EXCLUDE USING gist (company_id WITH =, valid WITH &&);

--
-- Name: company_versions company_versions_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.company_versions
    ADD CONSTRAINT company_versions_pkey PRIMARY KEY (id);

--
-- Name: determination_changes determination_changes_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.determination_changes
    ADD CONSTRAINT determination_changes_pkey PRIMARY KEY (run_id, policy_version_id, company_id);

--
-- Name: determinations determinations_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.determinations
    ADD CONSTRAINT determinations_pkey PRIMARY KEY (run_id, policy_version_id, company_id);

--
-- Name: determinations_default determinations_default_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.determinations_default
    ADD CONSTRAINT determinations_default_pkey PRIMARY KEY (run_id, policy_version_id, company_id);

--
-- Name: election_candidates election_candidates_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.election_candidates
    ADD CONSTRAINT election_candidates_pkey PRIMARY KEY (election_id, professional_id);

--
-- Name: elections elections_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.elections
    ADD CONSTRAINT elections_pkey PRIMARY KEY (id);

--
-- Name: employments employments_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.employments
    ADD CONSTRAINT employments_pkey PRIMARY KEY (id);

--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

--
-- Name: fact_catalog fact_catalog_ordinal_key; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.fact_catalog
    ADD CONSTRAINT fact_catalog_ordinal_key UNIQUE (ordinal);

--
-- Name: fact_catalog fact_catalog_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.fact_catalog
    ADD CONSTRAINT fact_catalog_pkey PRIMARY KEY (name);

--
-- Name: grants grants_paid_on_check; Type: CHECK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.grants
    ADD CONSTRAINT grants_paid_on_check CHECK (((status <> 'paid'::text) OR (paid_on IS NOT NULL))) NOT VALID;

--
-- Name: grants grants_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.grants
    ADD CONSTRAINT grants_pkey PRIMARY KEY (id);

--
-- Name: grants grants_reason_check; Type: CHECK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE filmwg.grants
    ADD CONSTRAINT grants_reason_check CHECK (((status <> 'rejected'::text) OR (btrim(reason) <> ''::text))) NOT VALID;

--
-- Name: job_runs job_runs_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.job_runs
    ADD CONSTRAINT job_runs_pkey PRIMARY KEY (id);

--
-- Name: memberships memberships_no_overlap; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.memberships
    ADD CONSTRAINT memberships_no_overlap EXCLUDE USING gist (company_id WITH =, period WITH &&);

--
-- Name: memberships memberships_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.memberships
    ADD CONSTRAINT memberships_pkey PRIMARY KEY (id);

--
-- Name: policies policies_code_key; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.policies
    ADD CONSTRAINT policies_code_key UNIQUE (code);

--
-- Name: policies policies_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.policies
    ADD CONSTRAINT policies_pkey PRIMARY KEY (id);

--
-- Name: policy_budgets policy_budgets_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.policy_budgets
    ADD CONSTRAINT policy_budgets_pkey PRIMARY KEY (policy_id, year);

--
-- Name: policy_versions policy_versions_no_overlap; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.policy_versions
    ADD CONSTRAINT policy_versions_no_overlap EXCLUDE USING gist (policy_id WITH =, valid WITH &&);

--
-- Name: policy_versions policy_versions_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.policy_versions
    ADD CONSTRAINT policy_versions_pkey PRIMARY KEY (id);

--
-- Name: policy_versions policy_versions_policy_id_version_key; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.policy_versions
    ADD CONSTRAINT policy_versions_policy_id_version_key UNIQUE (policy_id, version);

--
-- Name: positions positions_code_key; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.positions
    ADD CONSTRAINT positions_code_key UNIQUE (code);

--
-- Name: positions positions_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.positions
    ADD CONSTRAINT positions_pkey PRIMARY KEY (id);

--
-- Name: professionals professionals_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.professionals
    ADD CONSTRAINT professionals_pkey PRIMARY KEY (id);

--
-- Name: regions regions_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.regions
    ADD CONSTRAINT regions_pkey PRIMARY KEY (code);

--
-- Name: report_summaries report_summaries_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.report_summaries
    ADD CONSTRAINT report_summaries_pkey PRIMARY KEY (name);

--
-- Name: role_assignments role_assignments_no_overlap; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.role_assignments
    ADD CONSTRAINT role_assignments_no_overlap EXCLUDE USING gist (position_id WITH =, professional_id WITH =, term WITH &&);

--
-- Name: role_assignments role_assignments_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.role_assignments
    ADD CONSTRAINT role_assignments_pkey PRIMARY KEY (id);

--
-- Name: summary_benefits_by_policy_year summary_benefits_by_policy_year_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.summary_benefits_by_policy_year
    ADD CONSTRAINT summary_benefits_by_policy_year_pkey PRIMARY KEY (policy_code, year);

--
-- Name: summary_companies_by_kind summary_companies_by_kind_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.summary_companies_by_kind
    ADD CONSTRAINT summary_companies_by_kind_pkey PRIMARY KEY (kind);

--
-- Name: summary_grants_by_policy_year summary_grants_by_policy_year_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.summary_grants_by_policy_year
    ADD CONSTRAINT summary_grants_by_policy_year_pkey PRIMARY KEY (policy_code, year, status);

--
-- Name: summary_membership_growth summary_membership_growth_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.summary_membership_growth
    ADD CONSTRAINT summary_membership_growth_pkey PRIMARY KEY (year, tier);

--
-- Name: work_co_producers work_co_producers_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.work_co_producers
    ADD CONSTRAINT work_co_producers_pkey PRIMARY KEY (work_id, company_id);

--
-- Name: works works_id_first_producer_id_key; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.works
    ADD CONSTRAINT works_id_first_producer_id_key UNIQUE (id, first_producer_id);

--
-- Name: works works_licence_no_key; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.works
    ADD CONSTRAINT works_licence_no_key UNIQUE (licence_no);

--
-- Name: works works_pkey; Type: CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.works
    ADD CONSTRAINT works_pkey PRIMARY KEY (id);

--
-- Name: filmwg_schema_migrations filmwg_schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.filmwg_schema_migrations
    ADD CONSTRAINT filmwg_schema_migrations_pkey PRIMARY KEY (kind, name);

--
-- Name: attendance_company_id_event_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX attendance_company_id_event_id_idx ON filmwg.attendance USING btree (company_id, event_id);

--
-- Name: INDEX attendance_company_id_event_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.attendance_company_id_event_id_idx IS 'Events attended on a company''s behalf (fact events_attended_12m).';

--
-- Name: attendance_event_role_company_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX attendance_event_role_company_idx ON filmwg.attendance USING btree (event_id, role, company_id);

--
-- Name: INDEX attendance_event_role_company_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.attendance_event_role_company_idx IS 'Attendance per event and role, with the company (reporting.event_attendance: companies per role without a sort of the whole table).';

--
-- Name: attendance_professional_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX attendance_professional_id_idx ON filmwg.attendance USING btree (professional_id);

--
-- Name: INDEX attendance_professional_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.attendance_professional_id_idx IS 'Events attended by a professional.';

--
-- Name: audit_log_at_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX audit_log_at_idx ON filmwg.audit_log USING btree (at);

--
-- Name: INDEX audit_log_at_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.audit_log_at_idx IS 'filmwg audit --since DATE.';

--
-- Name: audit_log_table_row_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX audit_log_table_row_idx ON filmwg.audit_log USING btree (table_name, row_id);

--
-- Name: INDEX audit_log_table_row_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.audit_log_table_row_idx IS 'History of one record.';

--
-- Name: awards_awarded_on_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX awards_awarded_on_idx ON filmwg.awards USING btree (awarded_on) WHERE (result = 'won'::text);

--
-- Name: INDEX awards_awarded_on_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.awards_awarded_on_idx IS 'Awards won by day (fact first_producer_awarded_works_12m).';

--
-- Name: awards_work_award_key; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE UNIQUE INDEX awards_work_award_key ON filmwg.awards USING btree (work_id, award_code, awarded_on, COALESCE(category, ''::text));

--
-- Name: INDEX awards_work_award_key; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.awards_work_award_key IS 'The same award of a work on the same day in the same category is recorded once (23505).';

--
-- Name: companies_merged_into_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX companies_merged_into_id_idx ON filmwg.companies USING btree (merged_into_id) WHERE (merged_into_id IS NOT NULL);

--
-- Name: INDEX companies_merged_into_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.companies_merged_into_id_idx IS 'Duplicates merged into a company.';

--
-- Name: companies_name_key_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX companies_name_key_idx ON filmwg.companies USING btree (filmwg.company_name_key(name)) WHERE (archived_at IS NULL);

--
-- Name: INDEX companies_name_key_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.companies_name_key_idx IS 'Probable duplicates by normalized name (imports without USCC).';

--
-- Name: companies_name_zh_key_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX companies_name_zh_key_idx ON filmwg.companies USING btree (filmwg.company_name_key(name_zh)) WHERE ((archived_at IS NULL) AND (name_zh IS NOT NULL));

--
-- Name: INDEX companies_name_zh_key_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.companies_name_zh_key_idx IS 'Probable duplicates by normalized Chinese name.';

--
-- Name: companies_names_trgm_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX companies_names_trgm_idx ON filmwg.companies USING gin (filmwg.company_search_text(name, name_zh) public.gin_trgm_ops);

--
-- Name: INDEX companies_names_trgm_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.companies_names_trgm_idx IS 'Name search over both names (ILIKE ''%…%''): filmwg.company_search_text(name, name_zh).';

--
-- Name: companies_uscc_overridden_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX companies_uscc_overridden_idx ON filmwg.companies USING btree (id) WHERE (uscc_override_reason IS NOT NULL);

--
-- Name: INDEX companies_uscc_overridden_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.companies_uscc_overridden_idx IS 'company list --uscc-overridden.';

--
-- Name: company_versions_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX company_versions_company_id_idx ON filmwg.company_versions USING btree (company_id, lower(valid));

--
-- Name: INDEX company_versions_company_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.company_versions_company_id_idx IS 'A company''s versions in order (company history, the latest version).';

--
-- Name: determination_changes_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX determination_changes_company_id_idx ON filmwg.determination_changes USING btree (company_id);

--
-- Name: INDEX determination_changes_company_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.determination_changes_company_id_idx IS 'Changes of a company.';

--
-- Name: determination_changes_previous_run_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX determination_changes_previous_run_id_idx ON filmwg.determination_changes USING btree (previous_run_id);

--
-- Name: INDEX determination_changes_previous_run_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.determination_changes_previous_run_id_idx IS 'The changes computed against a run, forgotten when that run is deleted (trigger delete_determinations of job_runs; migration 0021).';

--
-- Name: determinations_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX determinations_company_id_idx ON ONLY filmwg.determinations USING brin (company_id) WITH (pages_per_range='8');

--
-- Name: INDEX determinations_company_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.determinations_company_id_idx IS 'A company''s determinations (may it be deleted, its history): BRIN over ranges of 8 pages, which each hold a narrow span of company ids because the job writes a run''s rows in primary-key order (migration 0022).';

--
-- Name: determinations_default_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX determinations_default_company_id_idx ON filmwg.determinations_default USING brin (company_id) WITH (pages_per_range='8');

--
-- Name: determinations_default_policy_version_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX determinations_default_policy_version_id_idx ON filmwg.determinations_default USING btree (policy_version_id);

--
-- Name: INDEX determinations_default_policy_version_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.determinations_default_policy_version_id_idx IS 'The rows naming a policy version, for the foreign key determinations_default still has (migration 0019).';

--
-- Name: employments_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX employments_company_id_idx ON filmwg.employments USING btree (company_id);

--
-- Name: INDEX employments_company_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.employments_company_id_idx IS 'Employees of a company (fact professionals_count).';

--
-- Name: employments_professional_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX employments_professional_id_idx ON filmwg.employments USING btree (professional_id);

--
-- Name: INDEX employments_professional_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.employments_professional_id_idx IS 'Employments of a professional.';

--
-- Name: events_starts_at_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX events_starts_at_idx ON filmwg.events USING btree (starts_at);

--
-- Name: INDEX events_starts_at_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.events_starts_at_idx IS 'Events by time (fact events_attended_12m).';

--
-- Name: grants_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX grants_company_id_idx ON filmwg.grants USING btree (company_id, applied_on);

--
-- Name: INDEX grants_company_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.grants_company_id_idx IS 'Grants of a company (fact granted_this_year).';

--
-- Name: grants_determination_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX grants_determination_idx ON filmwg.grants USING btree (run_id, policy_version_id, company_id) WHERE (run_id IS NOT NULL);

--
-- Name: INDEX grants_determination_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.grants_determination_idx IS 'Grants resting on a determination (keeps deletes of runs fast).';

--
-- Name: grants_policy_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX grants_policy_id_idx ON filmwg.grants USING btree (policy_id);

--
-- Name: INDEX grants_policy_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.grants_policy_id_idx IS 'Grants under a policy.';

--
-- Name: grants_policy_year_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX grants_policy_year_idx ON filmwg.grants USING btree (policy_id, year, company_id) WHERE (status = ANY (ARRAY['approved'::text, 'paid'::text]));

--
-- Name: INDEX grants_policy_year_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.grants_policy_year_idx IS 'Approved and paid totals per policy and year (approval limits).';

--
-- Name: job_runs_job_status_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX job_runs_job_status_idx ON filmwg.job_runs USING btree (job, status, id);

--
-- Name: INDEX job_runs_job_status_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.job_runs_job_status_idx IS 'The latest succeeded run of a job.';

--
-- Name: job_runs_running_key; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE UNIQUE INDEX job_runs_running_key ON filmwg.job_runs USING btree (job) WHERE (status = 'running'::text);

--
-- Name: INDEX job_runs_running_key; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.job_runs_running_key IS 'At most one running run per job (23505 on job_runs_running_key: another run is going on).';

--
-- Name: memberships_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX memberships_company_id_idx ON filmwg.memberships USING btree (company_id);

--
-- Name: INDEX memberships_company_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.memberships_company_id_idx IS 'Memberships of a company.';

--
-- Name: policies_code_lower_key; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE UNIQUE INDEX policies_code_lower_key ON filmwg.policies USING btree (lower(code));

--
-- Name: INDEX policies_code_lower_key; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.policies_code_lower_key IS 'Policy codes are unique regardless of case; HR-2018-02 and hr-2018-02 name one policy.';

--
-- Name: professionals_email_key; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE UNIQUE INDEX professionals_email_key ON filmwg.professionals USING btree (lower(email));

--
-- Name: INDEX professionals_email_key; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.professionals_email_key IS 'E-mail addresses are unique ignoring case (23505 on professionals_email_key); also finds a professional by e-mail.';

--
-- Name: professionals_full_name_trgm_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX professionals_full_name_trgm_idx ON filmwg.professionals USING gin (full_name public.gin_trgm_ops);

--
-- Name: INDEX professionals_full_name_trgm_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.professionals_full_name_trgm_idx IS 'Name search (ILIKE ''%…%'').';

--
-- Name: regions_name_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX regions_name_idx ON filmwg.regions USING btree (name);

--
-- Name: INDEX regions_name_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.regions_name_idx IS 'Districts named by name (a company''s district compared with its USCC''s region).';

--
-- Name: role_assignments_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX role_assignments_company_id_idx ON filmwg.role_assignments USING btree (company_id);

--
-- Name: INDEX role_assignments_company_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.role_assignments_company_id_idx IS 'Roles held on a company''s behalf (fact holds_position).';

--
-- Name: role_assignments_professional_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX role_assignments_professional_id_idx ON filmwg.role_assignments USING btree (professional_id);

--
-- Name: INDEX role_assignments_professional_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.role_assignments_professional_id_idx IS 'Roles of a professional.';

--
-- Name: work_co_producers_company_id_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX work_co_producers_company_id_idx ON filmwg.work_co_producers USING btree (company_id);

--
-- Name: INDEX work_co_producers_company_id_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.work_co_producers_company_id_idx IS 'Works a company co-produced (work list --company, company merge).';

--
-- Name: works_first_producer_id_released_on_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX works_first_producer_id_released_on_idx ON filmwg.works USING btree (first_producer_id, released_on);

--
-- Name: INDEX works_first_producer_id_released_on_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.works_first_producer_id_released_on_idx IS 'Works of a first producer by release day (work list --company, company merge).';

--
-- Name: works_released_on_idx; Type: INDEX; Schema: filmwg; Owner: -
--

CREATE INDEX works_released_on_idx ON filmwg.works USING btree (released_on);

--
-- Name: INDEX works_released_on_idx; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON INDEX filmwg.works_released_on_idx IS 'Works by release day (facts works_released_12m, first_producer_works).';

--
-- Name: determinations_default_company_id_idx; Type: INDEX ATTACH; Schema: filmwg; Owner: -
--

ALTER INDEX filmwg.determinations_company_id_idx ATTACH PARTITION filmwg.determinations_default_company_id_idx;

--
-- Name: determinations_default_pkey; Type: INDEX ATTACH; Schema: filmwg; Owner: -
--

ALTER INDEX filmwg.determinations_pkey ATTACH PARTITION filmwg.determinations_default_pkey;

--
-- Name: live_grants_by_policy_year _RETURN; Type: RULE; Schema: filmwg; Owner: -
--

CREATE OR REPLACE VIEW filmwg.live_grants_by_policy_year AS
 SELECT p.code AS policy_code,
    p.title AS policy_title,
    (EXTRACT(year FROM g.applied_on))::integer AS year,
    g.status,
    (count(*))::integer AS grants,
    sum(g.amount) AS total_amount
   FROM (filmwg.grants g
     JOIN filmwg.policies p ON ((p.id = g.policy_id)))
  GROUP BY p.id, (EXTRACT(year FROM g.applied_on)), g.status;

--
-- Name: attendance audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.attendance FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON attendance; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.attendance IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: award_bodies audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.award_bodies FOR EACH ROW EXECUTE FUNCTION filmwg.audit('code');

--
-- Name: TRIGGER audit ON award_bodies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.award_bodies IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: awards audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.awards FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON awards; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.awards IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: companies audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.companies FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.companies IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: company_figures audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.company_figures FOR EACH ROW EXECUTE FUNCTION filmwg.audit('company_id', 'year');

--
-- Name: TRIGGER audit ON company_figures; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.company_figures IS 'Audit log of updates and deletes; inserts: trigger audit_insert.';

--
-- Name: company_versions audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.company_versions FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON company_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.company_versions IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: election_candidates audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.election_candidates FOR EACH ROW EXECUTE FUNCTION filmwg.audit('election_id', 'professional_id');

--
-- Name: TRIGGER audit ON election_candidates; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.election_candidates IS 'Audit log; row_id is "election_id,professional_id". Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: elections audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.elections FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON elections; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.elections IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: employments audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.employments FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON employments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.employments IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: events audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.events FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON events; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.events IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: grants audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.grants FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON grants; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.grants IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: memberships audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.memberships FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON memberships; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.memberships IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: policies audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.policies FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON policies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.policies IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: policy_budgets audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.policy_budgets FOR EACH ROW EXECUTE FUNCTION filmwg.audit('policy_id', 'year');

--
-- Name: TRIGGER audit ON policy_budgets; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.policy_budgets IS 'Audit log of updates and deletes; inserts: trigger audit_insert.';

--
-- Name: policy_versions audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.policy_versions FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON policy_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.policy_versions IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: positions audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.positions FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON positions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.positions IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: professionals audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.professionals FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON professionals; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.professionals IS 'Audit log; personal fields left out for erased professionals. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: role_assignments audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.role_assignments FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON role_assignments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.role_assignments IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: work_co_producers audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.work_co_producers FOR EACH ROW EXECUTE FUNCTION filmwg.audit('work_id', 'company_id');

--
-- Name: TRIGGER audit ON work_co_producers; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.work_co_producers IS 'Audit log; row_id is "work_id,company_id". Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: works audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit AFTER DELETE OR UPDATE ON filmwg.works FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');

--
-- Name: TRIGGER audit ON works; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit ON filmwg.works IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';

--
-- Name: attendance audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.attendance REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON attendance; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.attendance IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: award_bodies audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.award_bodies REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('code');

--
-- Name: TRIGGER audit_insert ON award_bodies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.award_bodies IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: awards audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.awards REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON awards; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.awards IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: companies audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.companies REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.companies IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: company_figures audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.company_figures REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('company_id', 'year');

--
-- Name: TRIGGER audit_insert ON company_figures; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.company_figures IS 'Audit log of inserts, once per statement.';

--
-- Name: company_versions audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.company_versions REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON company_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.company_versions IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: election_candidates audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.election_candidates REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('election_id', 'professional_id');

--
-- Name: TRIGGER audit_insert ON election_candidates; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.election_candidates IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: elections audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.elections REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON elections; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.elections IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: employments audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.employments REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON employments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.employments IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: events audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.events REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON events; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.events IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: grants audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.grants REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON grants; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.grants IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: memberships audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.memberships REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON memberships; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.memberships IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: policies audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.policies REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON policies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.policies IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: policy_budgets audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.policy_budgets REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('policy_id', 'year');

--
-- Name: TRIGGER audit_insert ON policy_budgets; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.policy_budgets IS 'Audit log of inserts, once per statement.';

--
-- Name: policy_versions audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.policy_versions REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON policy_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.policy_versions IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: positions audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.positions REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON positions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.positions IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: professionals audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.professionals REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON professionals; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.professionals IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: role_assignments audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.role_assignments REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON role_assignments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.role_assignments IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: work_co_producers audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.work_co_producers REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('work_id', 'company_id');

--
-- Name: TRIGGER audit_insert ON work_co_producers; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.work_co_producers IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: works audit_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.works REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');

--
-- Name: TRIGGER audit_insert ON works; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER audit_insert ON filmwg.works IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

--
-- Name: attendance check_capacity; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_capacity AFTER INSERT ON filmwg.attendance REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.check_capacity();

--
-- Name: TRIGGER check_capacity ON attendance; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_capacity ON filmwg.attendance IS 'Event capacity (attendance_capacity_check).';

--
-- Name: grants check_grant; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_grant BEFORE INSERT OR UPDATE OF amount, policy_id, policy_version_id ON filmwg.grants FOR EACH ROW EXECUTE FUNCTION filmwg.check_grant();

--
-- Name: TRIGGER check_grant ON grants; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_grant ON filmwg.grants IS 'Amount within the policy''s cap; version of the same policy.';

--
-- Name: policy_budgets check_policy_budget; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_policy_budget BEFORE INSERT OR UPDATE ON filmwg.policy_budgets FOR EACH ROW EXECUTE FUNCTION filmwg.check_policy_budget();

--
-- Name: TRIGGER check_policy_budget ON policy_budgets; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_policy_budget ON filmwg.policy_budgets IS 'A budget never below what is already granted.';

--
-- Name: attendance check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.attendance FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON attendance; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.attendance IS 'Optimistic locking (FW409).';

--
-- Name: award_bodies check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.award_bodies FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON award_bodies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.award_bodies IS 'Optimistic locking (FW409).';

--
-- Name: awards check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.awards FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON awards; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.awards IS 'Optimistic locking (FW409).';

--
-- Name: companies check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.companies FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.companies IS 'Optimistic locking (FW409).';

--
-- Name: company_figures check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.company_figures FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON company_figures; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.company_figures IS 'Optimistic locking (FW409).';

--
-- Name: company_versions check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.company_versions FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON company_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.company_versions IS 'Optimistic locking (FW409).';

--
-- Name: election_candidates check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.election_candidates FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON election_candidates; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.election_candidates IS 'Optimistic locking (FW409).';

--
-- Name: elections check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.elections FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON elections; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.elections IS 'Optimistic locking (FW409).';

--
-- Name: employments check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.employments FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON employments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.employments IS 'Optimistic locking (FW409).';

--
-- Name: events check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.events FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON events; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.events IS 'Optimistic locking (FW409).';

--
-- Name: grants check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.grants FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON grants; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.grants IS 'Optimistic locking (FW409).';

--
-- Name: memberships check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.memberships FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON memberships; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.memberships IS 'Optimistic locking (FW409).';

--
-- Name: policies check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.policies FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON policies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.policies IS 'Optimistic locking (FW409).';

--
-- Name: policy_budgets check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.policy_budgets FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON policy_budgets; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.policy_budgets IS 'Optimistic locking (FW409).';

--
-- Name: policy_versions check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.policy_versions FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON policy_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.policy_versions IS 'Optimistic locking (FW409).';

--
-- Name: positions check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.positions FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON positions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.positions IS 'Optimistic locking (FW409).';

--
-- Name: professionals check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.professionals FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON professionals; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.professionals IS 'Optimistic locking (FW409).';

--
-- Name: role_assignments check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.role_assignments FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON role_assignments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.role_assignments IS 'Optimistic locking (FW409).';

--
-- Name: works check_row_version; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.works FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER check_row_version ON works; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER check_row_version ON filmwg.works IS 'Optimistic locking (FW409).';

--
-- Name: companies company_first_values; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER company_first_values AFTER INSERT ON filmwg.companies REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION filmwg.company_first_values();

--
-- Name: TRIGGER company_first_values ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER company_first_values ON filmwg.companies IS 'Records the first version of each new company (filmwg.company_versions).';

--
-- Name: companies company_values; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER company_values BEFORE UPDATE ON filmwg.companies FOR EACH ROW EXECUTE FUNCTION filmwg.company_values();

--
-- Name: TRIGGER company_values ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER company_values ON filmwg.companies IS 'Dated values: records the change in filmwg.company_versions and keeps the row equal to the latest version.';

--
-- Name: job_runs delete_determinations; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER delete_determinations BEFORE DELETE ON filmwg.job_runs FOR EACH ROW EXECUTE FUNCTION filmwg.delete_determinations();

--
-- Name: TRIGGER delete_determinations ON job_runs; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER delete_determinations ON filmwg.job_runs IS 'A deleted run takes its determinations with it (ON DELETE CASCADE of the run partitions).';

--
-- Name: positions enforce_seats; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER enforce_seats BEFORE UPDATE OF seats ON filmwg.positions FOR EACH ROW WHEN ((new.seats < old.seats)) EXECUTE FUNCTION filmwg.enforce_seats();

--
-- Name: TRIGGER enforce_seats ON positions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER enforce_seats ON filmwg.positions IS 'Seats never lowered below the current holders (23P01 role_assignments_seats).';

--
-- Name: role_assignments enforce_seats; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER enforce_seats BEFORE INSERT OR UPDATE ON filmwg.role_assignments FOR EACH ROW EXECUTE FUNCTION filmwg.enforce_seats();

--
-- Name: TRIGGER enforce_seats ON role_assignments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER enforce_seats ON filmwg.role_assignments IS 'Never more holders at once than seats (23P01 role_assignments_seats).';

--
-- Name: grants grant_workflow; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER grant_workflow BEFORE INSERT OR UPDATE ON filmwg.grants FOR EACH ROW EXECUTE FUNCTION filmwg.grant_workflow();

--
-- Name: TRIGGER grant_workflow ON grants; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER grant_workflow ON filmwg.grants IS 'Transitions, the determination behind a grant, entitlement and budget limits.';

--
-- Name: job_runs job_run_defaults; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER job_run_defaults BEFORE INSERT OR UPDATE ON filmwg.job_runs FOR EACH ROW EXECUTE FUNCTION filmwg.job_run_defaults();

--
-- Name: TRIGGER job_run_defaults ON job_runs; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER job_run_defaults ON filmwg.job_runs IS 'Session identity on insert; finish time and duration.';

--
-- Name: companies keep_determined; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER keep_determined BEFORE DELETE ON filmwg.companies FOR EACH ROW EXECUTE FUNCTION filmwg.keep_determined();

--
-- Name: TRIGGER keep_determined ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER keep_determined ON filmwg.companies IS 'A company a determination names is not deleted (the key of determinations_company_id_fkey).';

--
-- Name: policy_versions keep_determined; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER keep_determined BEFORE DELETE ON filmwg.policy_versions FOR EACH ROW EXECUTE FUNCTION filmwg.keep_determined();

--
-- Name: TRIGGER keep_determined ON policy_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER keep_determined ON filmwg.policy_versions IS 'A policy version a determination names is not deleted (the key of determinations_policy_version_id_fkey).';

--
-- Name: policy_versions policy_version_defaults; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER policy_version_defaults BEFORE INSERT OR UPDATE ON filmwg.policy_versions FOR EACH ROW EXECUTE FUNCTION filmwg.policy_version_defaults();

--
-- Name: TRIGGER policy_version_defaults ON policy_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER policy_version_defaults ON filmwg.policy_versions IS 'Version numbering; used rules are immutable.';

--
-- Name: attendance row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.attendance FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON attendance; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.attendance IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: award_bodies row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.award_bodies FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON award_bodies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.award_bodies IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: awards row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.awards FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON awards; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.awards IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: companies row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.companies FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.companies IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: company_figures row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.company_figures FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON company_figures; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.company_figures IS 'A new row starts at row_version 1.';

--
-- Name: company_versions row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.company_versions FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON company_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.company_versions IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: election_candidates row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.election_candidates FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON election_candidates; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.election_candidates IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: elections row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.elections FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON elections; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.elections IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: employments row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.employments FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON employments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.employments IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: events row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.events FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON events; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.events IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: grants row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.grants FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON grants; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.grants IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: memberships row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.memberships FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON memberships; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.memberships IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: policies row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.policies FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON policies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.policies IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: policy_budgets row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.policy_budgets FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON policy_budgets; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.policy_budgets IS 'A new row starts at row_version 1.';

--
-- Name: policy_versions row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.policy_versions FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON policy_versions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.policy_versions IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: positions row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.positions FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON positions; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.positions IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: professionals row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.professionals FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON professionals; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.professionals IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: role_assignments row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.role_assignments FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON role_assignments; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.role_assignments IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: works row_version_on_insert; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.works FOR EACH ROW WHEN ((new.row_version IS DISTINCT FROM 1)) EXECUTE FUNCTION filmwg.check_row_version();

--
-- Name: TRIGGER row_version_on_insert ON works; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER row_version_on_insert ON filmwg.works IS 'A new row starts at row_version 1 (fires only when the insert named another).';

--
-- Name: professionals scrub_erased_audit; Type: TRIGGER; Schema: filmwg; Owner: -
--

CREATE TRIGGER scrub_erased_audit AFTER UPDATE OF erased_at ON filmwg.professionals FOR EACH ROW WHEN (((old.erased_at IS NULL) AND (new.erased_at IS NOT NULL))) EXECUTE FUNCTION filmwg.scrub_erased_audit();

--
-- Name: TRIGGER scrub_erased_audit ON professionals; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON TRIGGER scrub_erased_audit ON filmwg.professionals IS 'An erase, however it is made, also removes the personal data from the audit log.';

--
-- Name: attendance attendance_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.attendance
    ADD CONSTRAINT attendance_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: attendance attendance_event_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.attendance
    ADD CONSTRAINT attendance_event_id_fkey FOREIGN KEY (event_id) REFERENCES filmwg.events(id);

--
-- Name: attendance attendance_professional_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.attendance
    ADD CONSTRAINT attendance_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES filmwg.professionals(id);

--
-- Name: awards awards_award_code_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.awards
    ADD CONSTRAINT awards_award_code_fkey FOREIGN KEY (award_code) REFERENCES filmwg.award_bodies(code) ON UPDATE CASCADE;

--
-- Name: awards awards_work_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.awards
    ADD CONSTRAINT awards_work_id_fkey FOREIGN KEY (work_id) REFERENCES filmwg.works(id);

--
-- Name: companies companies_merged_into_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.companies
    ADD CONSTRAINT companies_merged_into_id_fkey FOREIGN KEY (merged_into_id) REFERENCES filmwg.companies(id);

--
-- Name: companies companies_uscc_region_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.companies
    ADD CONSTRAINT companies_uscc_region_fkey FOREIGN KEY (uscc_region) REFERENCES filmwg.regions(code);

--
-- Name: CONSTRAINT companies_uscc_region_fkey ON companies; Type: COMMENT; Schema: filmwg; Owner: -
--

COMMENT ON CONSTRAINT companies_uscc_region_fkey ON filmwg.companies IS 'Positions 3–8 of the USCC name a GB/T 2260 division of filmwg.regions, unless overridden.';

--
-- Name: company_figures company_figures_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.company_figures
    ADD CONSTRAINT company_figures_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: company_versions company_versions_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.company_versions
    ADD CONSTRAINT company_versions_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id) ON DELETE CASCADE;

--
-- Name: determinations_default determinations_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.determinations_default
    ADD CONSTRAINT determinations_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: determinations_default determinations_policy_version_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.determinations_default
    ADD CONSTRAINT determinations_policy_version_id_fkey FOREIGN KEY (policy_version_id) REFERENCES filmwg.policy_versions(id);

--
-- Name: determinations_default determinations_run_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.determinations_default
    ADD CONSTRAINT determinations_run_id_fkey FOREIGN KEY (run_id) REFERENCES filmwg.job_runs(id) ON DELETE CASCADE;

--
-- Name: election_candidates election_candidates_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.election_candidates
    ADD CONSTRAINT election_candidates_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: election_candidates election_candidates_election_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.election_candidates
    ADD CONSTRAINT election_candidates_election_id_fkey FOREIGN KEY (election_id) REFERENCES filmwg.elections(id) ON DELETE CASCADE;

--
-- Name: election_candidates election_candidates_professional_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.election_candidates
    ADD CONSTRAINT election_candidates_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES filmwg.professionals(id);

--
-- Name: elections elections_event_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.elections
    ADD CONSTRAINT elections_event_id_fkey FOREIGN KEY (event_id) REFERENCES filmwg.events(id);

--
-- Name: elections elections_position_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.elections
    ADD CONSTRAINT elections_position_id_fkey FOREIGN KEY (position_id) REFERENCES filmwg.positions(id);

--
-- Name: employments employments_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.employments
    ADD CONSTRAINT employments_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: employments employments_professional_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.employments
    ADD CONSTRAINT employments_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES filmwg.professionals(id);

--
-- Name: grants grants_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.grants
    ADD CONSTRAINT grants_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: grants grants_determination_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.grants
    ADD CONSTRAINT grants_determination_fkey FOREIGN KEY (run_id, policy_version_id, company_id) REFERENCES filmwg.determinations(run_id, policy_version_id, company_id);

--
-- Name: grants grants_policy_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.grants
    ADD CONSTRAINT grants_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES filmwg.policies(id);

--
-- Name: memberships memberships_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.memberships
    ADD CONSTRAINT memberships_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: policy_budgets policy_budgets_policy_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.policy_budgets
    ADD CONSTRAINT policy_budgets_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES filmwg.policies(id);

--
-- Name: policy_versions policy_versions_policy_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.policy_versions
    ADD CONSTRAINT policy_versions_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES filmwg.policies(id);

--
-- Name: role_assignments role_assignments_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.role_assignments
    ADD CONSTRAINT role_assignments_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: role_assignments role_assignments_position_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.role_assignments
    ADD CONSTRAINT role_assignments_position_id_fkey FOREIGN KEY (position_id) REFERENCES filmwg.positions(id);

--
-- Name: role_assignments role_assignments_professional_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.role_assignments
    ADD CONSTRAINT role_assignments_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES filmwg.professionals(id);

--
-- Name: work_co_producers work_co_producers_company_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.work_co_producers
    ADD CONSTRAINT work_co_producers_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies(id);

--
-- Name: work_co_producers work_co_producers_work_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.work_co_producers
    ADD CONSTRAINT work_co_producers_work_fkey FOREIGN KEY (work_id, first_producer_id) REFERENCES filmwg.works(id, first_producer_id) ON UPDATE CASCADE ON DELETE CASCADE;

--
-- Name: works works_first_producer_id_fkey; Type: FK CONSTRAINT; Schema: filmwg; Owner: -
--

ALTER TABLE ONLY filmwg.works
    ADD CONSTRAINT works_first_producer_id_fkey FOREIGN KEY (first_producer_id) REFERENCES filmwg.companies(id);

--
-- Name: SCHEMA filmwg; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA filmwg TO filmwg_admin;
GRANT USAGE ON SCHEMA filmwg TO filmwg_job;

--
-- Name: SCHEMA reporting; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA reporting TO filmwg_reporting;
GRANT USAGE ON SCHEMA reporting TO filmwg_admin;
GRANT USAGE ON SCHEMA reporting TO filmwg_job;

--
-- Name: FUNCTION abandon_dead_runs(job_name text); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.abandon_dead_runs(job_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.abandon_dead_runs(job_name text) TO filmwg_job;

--
-- Name: FUNCTION attach_determinations(run bigint); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.attach_determinations(run bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.attach_determinations(run bigint) TO filmwg_job;

--
-- Name: FUNCTION audit(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.audit() FROM PUBLIC;

--
-- Name: FUNCTION audit_inserted(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.audit_inserted() FROM PUBLIC;

--
-- Name: FUNCTION company_facts(as_of date); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.company_facts(as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.company_facts(as_of date) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.company_facts(as_of date) TO filmwg_job;

--
-- Name: FUNCTION company_first_values(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.company_first_values() FROM PUBLIC;

--
-- Name: FUNCTION company_name_key(name text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.company_name_key(name text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.company_name_key(name text) TO filmwg_job;

--
-- Name: FUNCTION company_search_text(name text, name_zh text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.company_search_text(name text, name_zh text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.company_search_text(name text, name_zh text) TO filmwg_job;

--
-- Name: FUNCTION company_value_fields(); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.company_value_fields() TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.company_value_fields() TO filmwg_job;

--
-- Name: FUNCTION company_values(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.company_values() FROM PUBLIC;

--
-- Name: FUNCTION current_run(day date); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.current_run(day date) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.current_run(day date) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.current_run(day date) TO filmwg_job;
GRANT ALL ON FUNCTION filmwg.current_run(day date) TO filmwg_reporting;

--
-- Name: FUNCTION delete_determinations(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.delete_determinations() FROM PUBLIC;

--
-- Name: FUNCTION determination_differences(from_run bigint, to_run bigint); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.determination_differences(from_run bigint, to_run bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.determination_differences(from_run bigint, to_run bigint) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.determination_differences(from_run bigint, to_run bigint) TO filmwg_job;

--
-- Name: FUNCTION determined_rows_lock_key(); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.determined_rows_lock_key() TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.determined_rows_lock_key() TO filmwg_job;

--
-- Name: FUNCTION erase_professional(professional_id bigint); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.erase_professional(professional_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.erase_professional(professional_id bigint) TO filmwg_admin;

--
-- Name: FUNCTION index_determinations(run bigint); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.index_determinations(run bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.index_determinations(run bigint) TO filmwg_job;

--
-- Name: FUNCTION keep_determined(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.keep_determined() FROM PUBLIC;

--
-- Name: TABLE determinations; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.determinations TO filmwg_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE filmwg.determinations TO filmwg_job;

--
-- Name: TABLE grants; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.grants TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.grants TO filmwg_job;

--
-- Name: TABLE job_runs; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.job_runs TO filmwg_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE filmwg.job_runs TO filmwg_job;

--
-- Name: TABLE policies; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.policies TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.policies TO filmwg_job;

--
-- Name: TABLE policy_budgets; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.policy_budgets TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.policy_budgets TO filmwg_job;

--
-- Name: TABLE policy_versions; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.policy_versions TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.policy_versions TO filmwg_job;

--
-- Name: FUNCTION live_benefits_by_policy_year_rows(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.live_benefits_by_policy_year_rows() FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.live_benefits_by_policy_year_rows() TO filmwg_reporting;
GRANT ALL ON FUNCTION filmwg.live_benefits_by_policy_year_rows() TO filmwg_admin;

--
-- Name: FUNCTION uscc_entity_types(authority text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.uscc_entity_types(authority text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.uscc_entity_types(authority text) TO filmwg_job;

--
-- Name: FUNCTION uscc_is_valid(code text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.uscc_is_valid(code text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.uscc_is_valid(code text) TO filmwg_job;

--
-- Name: FUNCTION uscc_refused(code text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.uscc_refused(code text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.uscc_refused(code text) TO filmwg_job;

--
-- Name: FUNCTION uscc_structure_problem(code text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.uscc_structure_problem(code text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.uscc_structure_problem(code text) TO filmwg_job;

--
-- Name: FUNCTION uscc_structure_refused(code text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.uscc_structure_refused(code text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.uscc_structure_refused(code text) TO filmwg_job;

--
-- Name: TABLE companies; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.companies TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.companies TO filmwg_job;

--
-- Name: FUNCTION live_companies_by_kind_rows(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.live_companies_by_kind_rows() FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.live_companies_by_kind_rows() TO filmwg_reporting;
GRANT ALL ON FUNCTION filmwg.live_companies_by_kind_rows() TO filmwg_admin;

--
-- Name: FUNCTION live_grants_by_policy_year_rows(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.live_grants_by_policy_year_rows() FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.live_grants_by_policy_year_rows() TO filmwg_reporting;
GRANT ALL ON FUNCTION filmwg.live_grants_by_policy_year_rows() TO filmwg_admin;

--
-- Name: FUNCTION as_of(); Type: ACL; Schema: reporting; Owner: -
--

REVOKE ALL ON FUNCTION reporting.as_of() FROM PUBLIC;
GRANT ALL ON FUNCTION reporting.as_of() TO filmwg_reporting;
GRANT ALL ON FUNCTION reporting.as_of() TO filmwg_admin;

--
-- Name: TABLE memberships; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.memberships TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.memberships TO filmwg_job;

--
-- Name: FUNCTION live_membership_growth_rows(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.live_membership_growth_rows() FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.live_membership_growth_rows() TO filmwg_reporting;
GRANT ALL ON FUNCTION filmwg.live_membership_growth_rows() TO filmwg_admin;

--
-- Name: FUNCTION merge_companies(keep bigint, duplicate bigint); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.merge_companies(keep bigint, duplicate bigint) TO filmwg_admin;

--
-- Name: FUNCTION merge_company_works(keep bigint, duplicate bigint); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.merge_company_works(keep bigint, duplicate bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.merge_company_works(keep bigint, duplicate bigint) TO filmwg_admin;

--
-- Name: FUNCTION move_company_start(company bigint, founded date, reference text); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.move_company_start(company bigint, founded date, reference text) FROM PUBLIC;

--
-- Name: FUNCTION open_determinations(run bigint); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.open_determinations(run bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.open_determinations(run bigint) TO filmwg_job;

--
-- Name: FUNCTION previous_run(run bigint); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.previous_run(run bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.previous_run(run bigint) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.previous_run(run bigint) TO filmwg_job;
GRANT ALL ON FUNCTION filmwg.previous_run(run bigint) TO filmwg_reporting;

--
-- Name: FUNCTION prune_determinations(keep integer, dry boolean); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.prune_determinations(keep integer, dry boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.prune_determinations(keep integer, dry boolean) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.prune_determinations(keep integer, dry boolean) TO filmwg_job;

--
-- Name: FUNCTION record_company_values(company bigint, effective date, fields text[], vals filmwg.companies); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.record_company_values(company bigint, effective date, fields text[], vals filmwg.companies) FROM PUBLIC;

--
-- Name: FUNCTION refresh_summaries(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.refresh_summaries() FROM PUBLIC;
GRANT ALL ON FUNCTION filmwg.refresh_summaries() TO filmwg_job;
GRANT ALL ON FUNCTION filmwg.refresh_summaries() TO filmwg_admin;

--
-- Name: FUNCTION require_running_here(run bigint); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.require_running_here(run bigint) FROM PUBLIC;

--
-- Name: FUNCTION scrub_erased_audit(); Type: ACL; Schema: filmwg; Owner: -
--

REVOKE ALL ON FUNCTION filmwg.scrub_erased_audit() FROM PUBLIC;

--
-- Name: FUNCTION uscc_problem(code text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.uscc_problem(code text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.uscc_problem(code text) TO filmwg_job;

--
-- Name: FUNCTION uscc_region_problem(code text); Type: ACL; Schema: filmwg; Owner: -
--

GRANT ALL ON FUNCTION filmwg.uscc_region_problem(code text) TO filmwg_admin;
GRANT ALL ON FUNCTION filmwg.uscc_region_problem(code text) TO filmwg_job;

--
-- Name: FUNCTION filmwg_apply_database_privileges(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.filmwg_apply_database_privileges() FROM PUBLIC;

--
-- Name: TABLE attendance; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.attendance TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.attendance TO filmwg_job;

--
-- Name: TABLE company_versions; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.company_versions TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.company_versions TO filmwg_job;

--
-- Name: TABLE events; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.events TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.events TO filmwg_job;

--
-- Name: TABLE role_assignments; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.role_assignments TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.role_assignments TO filmwg_job;

--
-- Name: TABLE company_engagement; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.company_engagement TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.company_engagement TO filmwg_admin;

--
-- Name: FUNCTION company_engagement_as_of(day date); Type: ACL; Schema: reporting; Owner: -
--

REVOKE ALL ON FUNCTION reporting.company_engagement_as_of(day date) FROM PUBLIC;
GRANT ALL ON FUNCTION reporting.company_engagement_as_of(day date) TO filmwg_reporting;
GRANT ALL ON FUNCTION reporting.company_engagement_as_of(day date) TO filmwg_admin;

--
-- Name: TABLE member_roster; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.member_roster TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.member_roster TO filmwg_admin;

--
-- Name: FUNCTION member_roster_as_of(day date); Type: ACL; Schema: reporting; Owner: -
--

REVOKE ALL ON FUNCTION reporting.member_roster_as_of(day date) FROM PUBLIC;
GRANT ALL ON FUNCTION reporting.member_roster_as_of(day date) TO filmwg_reporting;
GRANT ALL ON FUNCTION reporting.member_roster_as_of(day date) TO filmwg_admin;

--
-- Name: TABLE membership_growth; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.membership_growth TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.membership_growth TO filmwg_admin;

--
-- Name: FUNCTION membership_growth_as_of(day date); Type: ACL; Schema: reporting; Owner: -
--

REVOKE ALL ON FUNCTION reporting.membership_growth_as_of(day date) FROM PUBLIC;
GRANT ALL ON FUNCTION reporting.membership_growth_as_of(day date) TO filmwg_reporting;
GRANT ALL ON FUNCTION reporting.membership_growth_as_of(day date) TO filmwg_admin;

--
-- Name: TABLE policy_eligibility_current; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.policy_eligibility_current TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.policy_eligibility_current TO filmwg_admin;

--
-- Name: FUNCTION policy_eligibility_current_as_of(day date); Type: ACL; Schema: reporting; Owner: -
--

REVOKE ALL ON FUNCTION reporting.policy_eligibility_current_as_of(day date) FROM PUBLIC;
GRANT ALL ON FUNCTION reporting.policy_eligibility_current_as_of(day date) TO filmwg_reporting;
GRANT ALL ON FUNCTION reporting.policy_eligibility_current_as_of(day date) TO filmwg_admin;

--
-- Name: TABLE positions; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.positions TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.positions TO filmwg_job;

--
-- Name: TABLE professionals; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.professionals TO filmwg_admin;

--
-- Name: COLUMN professionals.id; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT(id) ON TABLE filmwg.professionals TO filmwg_job;

--
-- Name: COLUMN professionals.full_name; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT(full_name) ON TABLE filmwg.professionals TO filmwg_job;

--
-- Name: COLUMN professionals.latin_name; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT(latin_name) ON TABLE filmwg.professionals TO filmwg_job;

--
-- Name: COLUMN professionals.title; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT(title) ON TABLE filmwg.professionals TO filmwg_job;

--
-- Name: COLUMN professionals.specialties; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT(specialties) ON TABLE filmwg.professionals TO filmwg_job;

--
-- Name: COLUMN professionals.erased_at; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT(erased_at) ON TABLE filmwg.professionals TO filmwg_job;

--
-- Name: COLUMN professionals.row_version; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT(row_version) ON TABLE filmwg.professionals TO filmwg_job;

--
-- Name: COLUMN professionals.created_at; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT(created_at) ON TABLE filmwg.professionals TO filmwg_job;

--
-- Name: TABLE role_history; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.role_history TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.role_history TO filmwg_admin;

--
-- Name: FUNCTION role_history_as_of(day date); Type: ACL; Schema: reporting; Owner: -
--

REVOKE ALL ON FUNCTION reporting.role_history_as_of(day date) FROM PUBLIC;
GRANT ALL ON FUNCTION reporting.role_history_as_of(day date) TO filmwg_reporting;
GRANT ALL ON FUNCTION reporting.role_history_as_of(day date) TO filmwg_admin;

--
-- Name: TABLE role_holders_current; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.role_holders_current TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.role_holders_current TO filmwg_admin;

--
-- Name: FUNCTION role_holders_current_as_of(day date); Type: ACL; Schema: reporting; Owner: -
--

REVOKE ALL ON FUNCTION reporting.role_holders_current_as_of(day date) FROM PUBLIC;
GRANT ALL ON FUNCTION reporting.role_holders_current_as_of(day date) TO filmwg_reporting;
GRANT ALL ON FUNCTION reporting.role_holders_current_as_of(day date) TO filmwg_admin;

--
-- Name: TABLE audit_log; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.audit_log TO filmwg_admin;

--
-- Name: TABLE award_bodies; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.award_bodies TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.award_bodies TO filmwg_job;

--
-- Name: TABLE awards; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.awards TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.awards TO filmwg_job;

--
-- Name: TABLE company_figures; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.company_figures TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.company_figures TO filmwg_job;

--
-- Name: TABLE determination_changes; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.determination_changes TO filmwg_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE filmwg.determination_changes TO filmwg_job;

--
-- Name: TABLE determinations_default; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.determinations_default TO filmwg_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE filmwg.determinations_default TO filmwg_job;

--
-- Name: TABLE election_candidates; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.election_candidates TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.election_candidates TO filmwg_job;

--
-- Name: TABLE elections; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.elections TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.elections TO filmwg_job;

--
-- Name: TABLE employments; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.employments TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.employments TO filmwg_job;

--
-- Name: TABLE fact_catalog; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.fact_catalog TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.fact_catalog TO filmwg_job;

--
-- Name: SEQUENCE professionals_id_seq; Type: ACL; Schema: filmwg; Owner: -
--

GRANT USAGE ON SEQUENCE filmwg.professionals_id_seq TO filmwg_admin;

--
-- Name: TABLE regions; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT ON TABLE filmwg.regions TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.regions TO filmwg_job;

--
-- Name: TABLE work_co_producers; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.work_co_producers TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.work_co_producers TO filmwg_job;

--
-- Name: TABLE works; Type: ACL; Schema: filmwg; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE filmwg.works TO filmwg_admin;
GRANT SELECT ON TABLE filmwg.works TO filmwg_job;

--
-- Name: SEQUENCE works_id_seq; Type: ACL; Schema: filmwg; Owner: -
--

GRANT USAGE ON SEQUENCE filmwg.works_id_seq TO filmwg_admin;

--
-- Name: TABLE awards; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.awards TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.awards TO filmwg_admin;

--
-- Name: TABLE benefits_by_policy_year; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.benefits_by_policy_year TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.benefits_by_policy_year TO filmwg_admin;

--
-- Name: TABLE companies_by_kind; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.companies_by_kind TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.companies_by_kind TO filmwg_admin;

--
-- Name: TABLE eligibility_changes; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.eligibility_changes TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.eligibility_changes TO filmwg_admin;

--
-- Name: TABLE event_attendance; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.event_attendance TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.event_attendance TO filmwg_admin;

--
-- Name: TABLE grants_by_policy_year; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.grants_by_policy_year TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.grants_by_policy_year TO filmwg_admin;

--
-- Name: TABLE works_by_company; Type: ACL; Schema: reporting; Owner: -
--

GRANT SELECT ON TABLE reporting.works_by_company TO filmwg_reporting;
GRANT SELECT ON TABLE reporting.works_by_company TO filmwg_admin;

--
-- PostgreSQL database dump complete
--

