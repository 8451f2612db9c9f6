-- 0004_facts: the company facts that eligibility rules speak about, defined once: the catalog
-- (names, types, meaning) and filmwg.company_facts(as_of), which computes them all, set-based.
-- The rule compiler reads the catalog; the job selects from company_facts($1).

SET ROLE filmwg_owner;

CREATE TABLE filmwg.fact_catalog (
    name            text PRIMARY KEY
        CONSTRAINT fact_catalog_name_check CHECK (name ~ '^[a-z][a-z0-9_]*$'),
    ordinal         integer NOT NULL CONSTRAINT fact_catalog_ordinal_key UNIQUE,
    type            text NOT NULL
        CONSTRAINT fact_catalog_type_check CHECK (type IN ('boolean', 'integer', 'numeric', 'text', 'date')),
    description     text NOT NULL,
    allowed_values  text[]
);
COMMENT ON TABLE filmwg.fact_catalog IS
    'Every fact an eligibility rule may name, in the order of the columns of filmwg.company_facts (after company_id). Facts are evaluated as of a day D.';
COMMENT ON COLUMN filmwg.fact_catalog.name IS 'Name used in rules and column name of filmwg.company_facts.';
COMMENT ON COLUMN filmwg.fact_catalog.ordinal IS 'Position among the facts: column ordinal + 1 in filmwg.company_facts (company_id comes first).';
COMMENT ON COLUMN filmwg.fact_catalog.type IS 'Type in the rule language: boolean, integer, numeric, text or date.';
COMMENT ON COLUMN filmwg.fact_catalog.description IS 'What the fact means, as of the day D.';
COMMENT ON COLUMN filmwg.fact_catalog.allowed_values IS 'For text facts with a fixed set of values: those values (a rule comparing with another value is rejected); else NULL.';

INSERT INTO filmwg.fact_catalog (ordinal, name, type, description, allowed_values) VALUES
    (1, 'name', 'text', 'The company''s name.', NULL),
    (2, 'kind', 'text', 'The company''s kind.',
        ARRAY['internet_platform', 'production', 'distribution', 'post_production', 'technology', 'investment', 'other']),
    (3, 'district', 'text', 'District of registration; NULL when unknown.', NULL),
    (4, 'registered_in_zone', 'boolean', 'Registered in the Huairou National Film Industry Demonstration Zone (as recorded now).', NULL),
    (5, 'zone_registered_on', 'date', 'Day of registration in the zone; NULL when not registered or unknown.', NULL),
    (6, 'registered_capital', 'numeric', 'Registered capital in CNY; NULL when unknown.', NULL),
    (7, 'founded_on', 'date', 'Day the company was founded; NULL when unknown.', NULL),
    (8, 'employees', 'integer', 'Number of employees; NULL when unknown.', NULL),
    (9, 'years_in_operation', 'integer', 'Whole years from founded_on to D; NULL when founded_on is unknown.', NULL),
    (10, 'zone_years', 'integer', 'Whole years from zone_registered_on to D; NULL when not registered in the zone or the day is unknown.', NULL),
    (11, 'is_member', 'boolean', 'A membership of the company contains D.', NULL),
    (12, 'member_tier', 'text', 'Tier of the membership containing D; NULL when not a member on D.',
        ARRAY['initiating', 'member', 'observer']),
    (13, 'member_since', 'date', 'First day of the membership containing D; NULL when not a member on D.', NULL),
    (14, 'events_attended_12m', 'integer', 'Distinct events attended on the company''s behalf whose start day (Asia/Shanghai) is after D - 12 months and on or before D.', NULL),
    (15, 'professionals_count', 'integer', 'Distinct professionals with an employment at the company containing D.', NULL),
    (16, 'holds_position', 'boolean', 'Someone holds a position of the working group on the company''s behalf on D.', NULL),
    (17, 'granted_this_year', 'numeric', 'Sum in CNY of the company''s approved or paid grants applied for in the calendar year of D; 0 when none.', NULL);

REVOKE ALL ON filmwg.fact_catalog FROM PUBLIC;
GRANT SELECT ON filmwg.fact_catalog TO filmwg_admin, filmwg_job;

-- One SELECT, LANGUAGE sql, STABLE, not STRICT, no SET clause: the planner inlines it into the
-- caller's query, so `WHERE company_id = $2` reaches the grouped subqueries.
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
    granted_this_year    numeric
)
LANGUAGE sql STABLE PARALLEL SAFE AS
$$
    SELECT c.id,
           c.name,
           c.kind,
           c.district,
           c.registered_in_zone,
           c.zone_registered_on,
           c.registered_capital,
           c.founded_on,
           c.employees,
           extract(year FROM age(company_facts.as_of, c.founded_on))::integer,
           extract(year FROM age(company_facts.as_of, c.zone_registered_on))::integer,
           m.company_id IS NOT NULL,
           m.tier,
           lower(m.period),
           coalesce(ev.events, 0)::integer,
           coalesce(emp.professionals, 0)::integer,
           ra.company_id IS NOT NULL,
           coalesce(g.amount, 0)
      FROM filmwg.companies c
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
    'The facts of every non-archived company as of a day, one row per company: company_id, then one column per filmwg.fact_catalog row in ordinal order, same names. Missing data stays NULL; counts are 0 and flags false when nothing matches. Inlinable (one SELECT, LANGUAGE sql STABLE).';
REVOKE ALL ON FUNCTION filmwg.company_facts(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.company_facts(date) TO filmwg_admin, filmwg_job;

-- The catalog and the function must agree: same names, order and types.
DO $check$
DECLARE
    mismatch text;
BEGIN
    WITH fn AS (
        -- the table columns of the function; company_id is number 0
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
