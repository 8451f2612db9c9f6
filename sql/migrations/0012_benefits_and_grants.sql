-- 0012_benefits_and_grants: how much a company receives, not only whether (DESIGN §12).
--
-- 1. filmwg.company_figures: a company's yearly figures (rent, area, fiscal contribution,
--    revenue, investment, renovation), one row per company and calendar year, and the facts
--    <figure>_last_year and fiscal_contribution_per_m2_last_year (company_facts re-created with
--    them, still one inlinable SELECT).
-- 2. policy_versions.amount (a formula of the rules language, checked by the application),
--    amount_cap and exclusive_group; fixed once the job has used the version, like the rule.
-- 3. determinations.amount and amount_reason: what the job decided each eligible company
--    receives, and why it is null or 0.
-- 4. Grants as a workflow the database enforces: applied → approved → paid, applied | approved
--    → rejected; a grant rests on an eligible determination of its year; an approval is
--    refused when the company's approved + paid total for (policy, year) would exceed the
--    determination's amount, or the policy's approved + paid total for the year would exceed
--    its budget (filmwg.policy_budgets). Approvals of one policy serialise on the policy row,
--    so two racing approvals cannot both pass.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0012_benefits_and_grants', true);

-- ---------------------------------------------------------------------------------------------
-- company_figures

CREATE TABLE filmwg.company_figures (
    company_id           bigint NOT NULL CONSTRAINT company_figures_company_id_fkey REFERENCES filmwg.companies (id),
    year                 integer NOT NULL
        CONSTRAINT company_figures_year_check CHECK (year BETWEEN 1990 AND 2200),
    rent_paid            numeric(20,2) CONSTRAINT company_figures_rent_paid_check CHECK (rent_paid >= 0),
    rented_area_m2       numeric(20,2) CONSTRAINT company_figures_rented_area_m2_check CHECK (rented_area_m2 >= 0),
    fiscal_contribution  numeric(20,2) CONSTRAINT company_figures_fiscal_contribution_check CHECK (fiscal_contribution >= 0),
    revenue              numeric(20,2) CONSTRAINT company_figures_revenue_check CHECK (revenue >= 0),
    investment           numeric(20,2) CONSTRAINT company_figures_investment_check CHECK (investment >= 0),
    renovation_cost      numeric(20,2) CONSTRAINT company_figures_renovation_cost_check CHECK (renovation_cost >= 0),
    renovated_area_m2    numeric(20,2) CONSTRAINT company_figures_renovated_area_m2_check CHECK (renovated_area_m2 >= 0),
    row_version          integer NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT company_figures_pkey PRIMARY KEY (company_id, year)
);
COMMENT ON TABLE filmwg.company_figures IS
    'A company''s yearly figures, one row per company and calendar year (filmwg figure import); NULL = unknown. The facts <figure>_last_year read the year before the day''s.';
COMMENT ON COLUMN filmwg.company_figures.company_id IS 'The company.';
COMMENT ON COLUMN filmwg.company_figures.year IS 'Calendar year the figures are for (the import accepts 1990 to next year).';
COMMENT ON COLUMN filmwg.company_figures.rent_paid IS 'Rent paid for premises in the year, CNY, >= 0.';
COMMENT ON COLUMN filmwg.company_figures.rented_area_m2 IS 'Area rented, m², >= 0.';
COMMENT ON COLUMN filmwg.company_figures.fiscal_contribution IS 'Contribution to the district''s finances (taxes retained locally) in the year, CNY, >= 0.';
COMMENT ON COLUMN filmwg.company_figures.revenue IS 'Revenue in the year, CNY, >= 0.';
COMMENT ON COLUMN filmwg.company_figures.investment IS 'Investment made in the year (e.g. premises bought), CNY, >= 0.';
COMMENT ON COLUMN filmwg.company_figures.renovation_cost IS 'Cost of renovating premises in the year, CNY, >= 0.';
COMMENT ON COLUMN filmwg.company_figures.renovated_area_m2 IS 'Area renovated, m², >= 0.';
COMMENT ON COLUMN filmwg.company_figures.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.company_figures.created_at IS 'When the record was created.';

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.company_figures
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.company_figures IS 'Optimistic locking (FW409).';
CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.company_figures
    FOR EACH ROW WHEN (NEW.row_version IS DISTINCT FROM 1) EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER row_version_on_insert ON filmwg.company_figures IS 'A new row starts at row_version 1.';
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON filmwg.company_figures
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('company_id', 'year');
COMMENT ON TRIGGER audit ON filmwg.company_figures IS 'Audit log of updates and deletes; inserts: trigger audit_insert.';
CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.company_figures REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('company_id', 'year');
COMMENT ON TRIGGER audit_insert ON filmwg.company_figures IS 'Audit log of inserts, once per statement.';

REVOKE ALL ON filmwg.company_figures FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON filmwg.company_figures TO filmwg_admin;
GRANT SELECT ON filmwg.company_figures TO filmwg_job;

-- ---------------------------------------------------------------------------------------------
-- The facts of the figures

INSERT INTO filmwg.fact_catalog (ordinal, name, type, description, allowed_values)
SELECT base.max + n, name, 'numeric', description, NULL
  FROM (SELECT max(ordinal) AS max FROM filmwg.fact_catalog) base,
       (VALUES (1, 'rent_paid_last_year', 'Rent paid in CNY in the calendar year before D''s (company_figures); NULL when unknown.'),
               (2, 'rented_area_m2_last_year', 'Area rented in m² in the calendar year before D''s; NULL when unknown.'),
               (3, 'fiscal_contribution_last_year', 'Fiscal contribution in CNY in the calendar year before D''s; NULL when unknown.'),
               (4, 'revenue_last_year', 'Revenue in CNY in the calendar year before D''s; NULL when unknown.'),
               (5, 'investment_last_year', 'Investment in CNY in the calendar year before D''s; NULL when unknown.'),
               (6, 'renovation_cost_last_year', 'Renovation cost in CNY in the calendar year before D''s; NULL when unknown.'),
               (7, 'renovated_area_m2_last_year', 'Area renovated in m² in the calendar year before D''s; NULL when unknown.'),
               (8, 'fiscal_contribution_per_m2_last_year',
                'fiscal_contribution_last_year / rented_area_m2_last_year in CNY per m²; NULL when either is unknown or the area is 0.'))
           AS f (n, name, description);

DROP FUNCTION filmwg.company_facts(date);

-- 0011's definition (the values in force on D, from company_versions) plus the figures of the
-- year before D's. One SELECT, LANGUAGE sql, STABLE, not STRICT, no SET clause: the planner
-- inlines it into the caller's query. Columns in fact_catalog order (checked below).
CREATE FUNCTION filmwg.company_facts(as_of date)
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
    granted_this_year    numeric,
    rent_paid_last_year            numeric,
    rented_area_m2_last_year       numeric,
    fiscal_contribution_last_year  numeric,
    revenue_last_year              numeric,
    investment_last_year           numeric,
    renovation_cost_last_year      numeric,
    renovated_area_m2_last_year    numeric,
    fiscal_contribution_per_m2_last_year numeric
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
           fy.rent_paid,
           fy.rented_area_m2,
           fy.fiscal_contribution,
           fy.revenue,
           fy.investment,
           fy.renovation_cost,
           fy.renovated_area_m2,
           fy.fiscal_contribution / NULLIF(fy.rented_area_m2, 0)
      FROM filmwg.companies c
      -- The values in force on the day (0011): exactly one version contains the day, or none
      -- before the company was founded (company_versions_no_overlap).
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
      -- The calendar year before the day's (company_figures_pkey: at most one row).
      LEFT JOIN filmwg.company_figures fy
             ON fy.company_id = c.id AND fy.year = extract(year FROM company_facts.as_of)::integer - 1
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
    ), cat AS (
        SELECT name, type, row_number() OVER (ORDER BY ordinal) AS ordinal FROM filmwg.fact_catalog
    )
    SELECT string_agg(coalesce(fn.name, cat.name), ', ') INTO mismatch
      FROM (SELECT * FROM fn WHERE fn.ordinal > 0) fn
      FULL JOIN cat ON cat.ordinal = fn.ordinal
     WHERE fn.name IS DISTINCT FROM cat.name OR fn.type IS DISTINCT FROM cat.type;
    IF mismatch IS NOT NULL THEN
        RAISE EXCEPTION 'filmwg.fact_catalog and filmwg.company_facts disagree on: %', mismatch;
    END IF;
END
$check$;

-- ---------------------------------------------------------------------------------------------
-- Amounts of policy versions and determinations

ALTER TABLE filmwg.policy_versions
    ADD COLUMN amount text
        CONSTRAINT policy_versions_amount_check CHECK (btrim(amount) <> ''),
    ADD COLUMN amount_cap numeric(20,2)
        CONSTRAINT policy_versions_amount_cap_check CHECK (amount_cap >= 0),
    ADD COLUMN exclusive_group text
        CONSTRAINT policy_versions_exclusive_group_check CHECK (exclusive_group ~ '^[a-z0-9_-]+$');
COMMENT ON COLUMN filmwg.policy_versions.amount IS
    'How much an eligible company receives: a formula of the rules language over the facts (DESIGN §12), checked by the application before it is saved; NULL when the version pays no computed amount.';
COMMENT ON COLUMN filmwg.policy_versions.amount_cap IS 'Largest amount in CNY of one determination, >= 0; NULL when uncapped.';
COMMENT ON COLUMN filmwg.policy_versions.exclusive_group IS
    'Policies whose versions share a group are not cumulative: per company and run, only the eligible one with the highest amount keeps it (ties: the smaller code); NULL when cumulative.';

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
    IF (NEW.rule IS DISTINCT FROM OLD.rule OR NEW.criteria IS DISTINCT FROM OLD.criteria
        OR NEW.policy_id IS DISTINCT FROM OLD.policy_id OR NEW.version IS DISTINCT FROM OLD.version
        OR NEW.amount IS DISTINCT FROM OLD.amount OR NEW.amount_cap IS DISTINCT FROM OLD.amount_cap
        OR NEW.exclusive_group IS DISTINCT FROM OLD.exclusive_group)
       AND EXISTS (SELECT 1 FROM filmwg.determinations d WHERE d.policy_version_id = OLD.id) THEN
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
COMMENT ON FUNCTION filmwg.policy_version_defaults() IS
    'Trigger policy_version_defaults of policy_versions (BEFORE INSERT OR UPDATE). Insert: a NULL version becomes the policy''s highest version + 1 (numbering serialised by locking the policy row). Update: once determinations refer to the version, its policy, version, rule, criteria, amount, amount_cap and exclusive_group cannot change: check_violation (23514) with constraint policy_versions_immutable. Changing valid stays allowed (policy revise ends the open version).';

ALTER TABLE filmwg.determinations
    ADD COLUMN amount numeric,
    ADD COLUMN amount_reason text;
COMMENT ON COLUMN filmwg.determinations.amount IS
    'For an eligible determination of a version with an amount formula: CNY the company receives, rounded half-up to 0.01, at least 0, at most the version''s amount_cap; 0 when another policy of its exclusive group pays more; NULL when a fact the formula needs is unknown or a divisor is 0 (amount_reason says which), and for ineligible determinations and versions without a formula.';
COMMENT ON COLUMN filmwg.determinations.amount_reason IS
    'Why amount is NULL (e.g. "rent_paid_last_year is unknown") or 0 by its exclusive group; NULL otherwise.';

-- ---------------------------------------------------------------------------------------------
-- Budgets

CREATE TABLE filmwg.policy_budgets (
    policy_id    bigint NOT NULL CONSTRAINT policy_budgets_policy_id_fkey REFERENCES filmwg.policies (id),
    year         integer NOT NULL CONSTRAINT policy_budgets_year_check CHECK (year BETWEEN 1990 AND 2200),
    amount       numeric(20,2) NOT NULL CONSTRAINT policy_budgets_amount_check CHECK (amount >= 0),
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT policy_budgets_pkey PRIMARY KEY (policy_id, year)
);
COMMENT ON TABLE filmwg.policy_budgets IS
    'What a policy may pay in a year (filmwg policy budget): approvals whose approved + paid total for the year would exceed it are refused (grants_budget_exceeded). No row: no budget limit.';
COMMENT ON COLUMN filmwg.policy_budgets.policy_id IS 'The policy.';
COMMENT ON COLUMN filmwg.policy_budgets.year IS 'The grants'' year.';
COMMENT ON COLUMN filmwg.policy_budgets.amount IS 'Budget in CNY, >= 0, never below the approved + paid total already granted (grants_budget_exceeded).';
COMMENT ON COLUMN filmwg.policy_budgets.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.policy_budgets.created_at IS 'When the record was created.';

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.policy_budgets
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.policy_budgets IS 'Optimistic locking (FW409).';
CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.policy_budgets
    FOR EACH ROW WHEN (NEW.row_version IS DISTINCT FROM 1) EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER row_version_on_insert ON filmwg.policy_budgets IS 'A new row starts at row_version 1.';
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON filmwg.policy_budgets
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('policy_id', 'year');
COMMENT ON TRIGGER audit ON filmwg.policy_budgets IS 'Audit log of updates and deletes; inserts: trigger audit_insert.';
CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.policy_budgets REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('policy_id', 'year');
COMMENT ON TRIGGER audit_insert ON filmwg.policy_budgets IS 'Audit log of inserts, once per statement.';

CREATE FUNCTION filmwg.check_policy_budget() RETURNS trigger
    LANGUAGE plpgsql AS
$$
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
COMMENT ON FUNCTION filmwg.check_policy_budget() IS
    'Trigger check_policy_budget of policy_budgets (BEFORE INSERT OR UPDATE): locks the policy row as approvals do; check_violation (23514) on constraint grants_budget_exceeded when the approved + paid total of the policy''s grants for the year is above the new budget.';
CREATE TRIGGER check_policy_budget BEFORE INSERT OR UPDATE ON filmwg.policy_budgets
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_policy_budget();
COMMENT ON TRIGGER check_policy_budget ON filmwg.policy_budgets IS 'A budget never below what is already granted.';

REVOKE ALL ON filmwg.policy_budgets FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON filmwg.policy_budgets TO filmwg_admin;
GRANT SELECT ON filmwg.policy_budgets TO filmwg_job;

-- ---------------------------------------------------------------------------------------------
-- Grants: year, reason, and the workflow

ALTER TABLE filmwg.grants
    ADD COLUMN year integer,
    ADD COLUMN reason text;
UPDATE filmwg.grants SET year = extract(year FROM applied_on)::integer;
ALTER TABLE filmwg.grants
    ALTER COLUMN year SET NOT NULL,
    ADD CONSTRAINT grants_year_check CHECK (year BETWEEN 1990 AND 2200),
    -- NOT VALID: grants recorded before the workflow keep what they had; new rows and changes obey.
    ADD CONSTRAINT grants_paid_on_check CHECK (status <> 'paid' OR paid_on IS NOT NULL) NOT VALID,
    ADD CONSTRAINT grants_reason_check CHECK (status <> 'rejected' OR btrim(reason) <> '') NOT VALID;
COMMENT ON COLUMN filmwg.grants.year IS 'The year the grant is for: its determination is from a run of this year; budgets and entitlements are per year.';
COMMENT ON COLUMN filmwg.grants.reason IS 'Why it was rejected (required when rejected, grants_reason_check).';
COMMENT ON COLUMN filmwg.grants.status IS
    'applied, approved, rejected or paid (grants_status_check); only applied → approved → paid and applied | approved → rejected (grants_transition_check). A paid grant has paid_on (grants_paid_on_check).';
CREATE INDEX grants_policy_year_idx ON filmwg.grants (policy_id, year, company_id) WHERE status IN ('approved', 'paid');
COMMENT ON INDEX filmwg.grants_policy_year_idx IS 'Approved and paid totals per policy and year (approval limits).';

CREATE FUNCTION filmwg.grant_workflow() RETURNS trigger
    LANGUAGE plpgsql AS
$$
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
COMMENT ON FUNCTION filmwg.grant_workflow() IS
    'Trigger grant_workflow of grants (BEFORE INSERT OR UPDATE), all check_violation (23514): a NULL year becomes applied_on''s; a new grant is applied (grants_transition_check) and rests on an eligible determination of a succeeded, non-dry run of its year (grants_determination_eligible); status moves only applied → approved → paid and applied | approved → rejected (grants_transition_check); an approval locks the policy row (serialising approvals of the policy) and is refused when the company''s approved + paid total for (policy, year) would exceed the amount of its determination (grants_entitlement_exceeded; also when that amount is unknown) or the policy''s approved + paid total for the year would exceed its budget (grants_budget_exceeded).';
CREATE TRIGGER grant_workflow BEFORE INSERT OR UPDATE ON filmwg.grants
    FOR EACH ROW EXECUTE FUNCTION filmwg.grant_workflow();
COMMENT ON TRIGGER grant_workflow ON filmwg.grants IS 'Transitions, the determination behind a grant, entitlement and budget limits.';


RESET ROLE;
