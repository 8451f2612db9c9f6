-- 0013_works_and_awards: film works, who produced them, the awards they won (DESIGN §13), and
-- the three facts rules and amounts name them by.
--
-- Credits: a work's first producer (第一出品方) is the column works.first_producer_id, NOT NULL,
-- so the database holds exactly one per work by construction. Co-producers are rows of
-- work_co_producers: the primary key (work_id, company_id) keeps them distinct, and each row
-- carries its work's first producer through the composite foreign key
-- (work_id, first_producer_id) → works (id, first_producer_id) ON UPDATE CASCADE, so the CHECK
-- company_id <> first_producer_id holds also when the first producer of a work changes later.
-- All declarative: no trigger per row, so an import of 300,000 works stays set-based.
--
-- Award bodies are reference data (award_bodies, seeded below); awards are rows of awards,
-- won or nominated. Every table has the audit triggers of 0007 (audit for updates and deletes,
-- audit_insert per statement) and, where admins edit, row_version with the triggers of 0009.
--
-- Facts (filmwg.fact_catalog, after the facts of 0004): works_released_12m,
-- first_producer_works, first_producer_awarded_works_12m. filmwg.company_facts is dropped and
-- created again from 0011's definition (the values in force on D) with three more columns
-- last: the same single inlinable SELECT.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0013_works_and_awards', true);

-- ---------------------------------------------------------------------------------------------
-- award_bodies (reference data)

CREATE TABLE filmwg.award_bodies (
    code         text PRIMARY KEY
        CONSTRAINT award_bodies_code_check CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    name         text NOT NULL
        CONSTRAINT award_bodies_name_check CHECK (btrim(name) <> ''),
    name_zh      text NOT NULL
        CONSTRAINT award_bodies_name_zh_check CHECK (btrim(name_zh) <> ''),
    scope        text NOT NULL
        CONSTRAINT award_bodies_scope_check CHECK (scope IN ('national', 'international')),
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE filmwg.award_bodies IS
    'The awards a work can win or be nominated for (reference data seeded by migration 0013): code, English and Chinese name, national or international. 影视奖项（参考数据）。';
COMMENT ON COLUMN filmwg.award_bodies.code IS 'Stable code used by award record --award (lower-case letters, digits, _; award_bodies_code_check), e.g. huabiao.';
COMMENT ON COLUMN filmwg.award_bodies.name IS 'English name, e.g. Huabiao Awards.';
COMMENT ON COLUMN filmwg.award_bodies.name_zh IS 'Chinese name, e.g. 华表奖.';
COMMENT ON COLUMN filmwg.award_bodies.scope IS 'national or international (award_bodies_scope_check).';
COMMENT ON COLUMN filmwg.award_bodies.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.award_bodies.created_at IS 'When the record was created.';

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.award_bodies
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.award_bodies IS 'Optimistic locking (FW409).';
CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.award_bodies
    FOR EACH ROW WHEN (NEW.row_version IS DISTINCT FROM 1) EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER row_version_on_insert ON filmwg.award_bodies IS 'A new row starts at row_version 1 (fires only when the insert named another).';
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON filmwg.award_bodies
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('code');
COMMENT ON TRIGGER audit ON filmwg.award_bodies IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';
CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.award_bodies REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('code');
COMMENT ON TRIGGER audit_insert ON filmwg.award_bodies IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

INSERT INTO filmwg.award_bodies (code, name, name_zh, scope) VALUES
    ('wuge_yi', 'Five-One Project Award', '五个一工程奖', 'national'),
    ('huabiao', 'Huabiao Awards', '华表奖', 'national'),
    ('jinji', 'Golden Rooster Awards', '金鸡奖', 'national'),
    ('baihua', 'Hundred Flowers Awards', '百花奖', 'national'),
    ('feitian', 'Feitian Awards (television)', '飞天奖', 'national'),
    ('jinying', 'Golden Eagle Awards (television)', '金鹰奖', 'national'),
    ('tiantan', 'Tiantan Awards, Beijing International Film Festival', '天坛奖', 'international'),
    ('a_list_festival', 'A-list festival: an FIAPF-accredited competitive feature film festival', '国际A类电影节', 'international');

-- ---------------------------------------------------------------------------------------------
-- works

CREATE TABLE filmwg.works (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title              text NOT NULL
        CONSTRAINT works_title_check CHECK (btrim(title) <> ''),
    title_zh           text
        CONSTRAINT works_title_zh_check CHECK (btrim(title_zh) <> ''),
    kind               text NOT NULL
        CONSTRAINT works_kind_check CHECK (kind IN ('film', 'online_film', 'series', 'documentary', 'animation')),
    released_on        date NOT NULL,
    licence_no         text CONSTRAINT works_licence_no_key UNIQUE
        CONSTRAINT works_licence_no_check CHECK (btrim(licence_no) <> ''),
    first_producer_id  bigint NOT NULL
        CONSTRAINT works_first_producer_id_fkey REFERENCES filmwg.companies (id),
    row_version        integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    -- the target of work_co_producers' composite foreign key
    CONSTRAINT works_id_first_producer_id_key UNIQUE (id, first_producer_id)
);
COMMENT ON TABLE filmwg.works IS
    'Film works (films, online films, series, documentaries, animation) and their first producer (第一出品方): exactly one per work, the NOT NULL column first_producer_id. Co-producers are in work_co_producers, awards in awards. 影视作品及其第一出品方。';
COMMENT ON COLUMN filmwg.works.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.works.title IS 'Title, usually the English or registered title; not blank.';
COMMENT ON COLUMN filmwg.works.title_zh IS 'Chinese title (中文片名); not blank when present.';
COMMENT ON COLUMN filmwg.works.kind IS 'film, online_film, series, documentary or animation (works_kind_check).';
COMMENT ON COLUMN filmwg.works.released_on IS 'Day of first release (public screening, broadcast or online release).';
COMMENT ON COLUMN filmwg.works.licence_no IS 'Release licence number (公映许可证号 / 发行许可证号); unique when present (works_licence_no_key).';
COMMENT ON COLUMN filmwg.works.first_producer_id IS 'The first producer (第一出品方), a company; exactly one per work.';
COMMENT ON COLUMN filmwg.works.row_version IS 'Optimistic-locking version (FW409 when stale); also raised when the work''s co-producers change.';
COMMENT ON COLUMN filmwg.works.created_at IS 'When the record was created.';

CREATE INDEX works_first_producer_id_released_on_idx ON filmwg.works (first_producer_id, released_on);
COMMENT ON INDEX filmwg.works_first_producer_id_released_on_idx IS 'Works of a first producer by release day (work list --company, company merge).';
CREATE INDEX works_released_on_idx ON filmwg.works (released_on);
COMMENT ON INDEX filmwg.works_released_on_idx IS 'Works by release day (facts works_released_12m, first_producer_works).';

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.works
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.works IS 'Optimistic locking (FW409).';
CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.works
    FOR EACH ROW WHEN (NEW.row_version IS DISTINCT FROM 1) EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER row_version_on_insert ON filmwg.works IS 'A new row starts at row_version 1 (fires only when the insert named another).';
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON filmwg.works
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.works IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';
CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.works REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');
COMMENT ON TRIGGER audit_insert ON filmwg.works IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

-- ---------------------------------------------------------------------------------------------
-- work_co_producers

CREATE TABLE filmwg.work_co_producers (
    work_id            bigint NOT NULL,
    company_id         bigint NOT NULL
        CONSTRAINT work_co_producers_company_id_fkey REFERENCES filmwg.companies (id),
    first_producer_id  bigint NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT work_co_producers_pkey PRIMARY KEY (work_id, company_id),
    CONSTRAINT work_co_producers_work_fkey FOREIGN KEY (work_id, first_producer_id)
        REFERENCES filmwg.works (id, first_producer_id) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT work_co_producers_not_first_producer CHECK (company_id <> first_producer_id)
);
COMMENT ON TABLE filmwg.work_co_producers IS
    'The co-producers (联合出品方) of a work: distinct companies (work_co_producers_pkey), never the work''s first producer (work_co_producers_not_first_producer, kept true through the composite foreign key to works, which cascades a change of first producer). 作品的联合出品方。';
COMMENT ON COLUMN filmwg.work_co_producers.work_id IS 'The work.';
COMMENT ON COLUMN filmwg.work_co_producers.company_id IS 'The co-producing company.';
COMMENT ON COLUMN filmwg.work_co_producers.first_producer_id IS 'The work''s first producer, copied and kept equal by the foreign key work_co_producers_work_fkey (ON UPDATE CASCADE); never equal to company_id.';
COMMENT ON COLUMN filmwg.work_co_producers.created_at IS 'When the record was created.';

CREATE INDEX work_co_producers_company_id_idx ON filmwg.work_co_producers (company_id);
COMMENT ON INDEX filmwg.work_co_producers_company_id_idx IS 'Works a company co-produced (work list --company, company merge).';

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON filmwg.work_co_producers
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('work_id', 'company_id');
COMMENT ON TRIGGER audit ON filmwg.work_co_producers IS 'Audit log; row_id is "work_id,company_id". Updates and deletes, one audit row per row; inserts: trigger audit_insert.';
CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.work_co_producers REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('work_id', 'company_id');
COMMENT ON TRIGGER audit_insert ON filmwg.work_co_producers IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

-- ---------------------------------------------------------------------------------------------
-- awards

CREATE TABLE filmwg.awards (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    work_id      bigint NOT NULL CONSTRAINT awards_work_id_fkey REFERENCES filmwg.works (id),
    award_code   text NOT NULL CONSTRAINT awards_award_code_fkey REFERENCES filmwg.award_bodies (code) ON UPDATE CASCADE,
    awarded_on   date NOT NULL,
    category     text
        CONSTRAINT awards_category_check CHECK (btrim(category) <> ''),
    result       text NOT NULL DEFAULT 'won'
        CONSTRAINT awards_result_check CHECK (result IN ('won', 'nominated')),
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE filmwg.awards IS
    'An award a work won, or was nominated for, on a day. One row per (work, award, day, category) (index awards_work_award_key). 作品获奖及提名记录。';
COMMENT ON COLUMN filmwg.awards.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.awards.work_id IS 'The work.';
COMMENT ON COLUMN filmwg.awards.award_code IS 'The award (filmwg.award_bodies.code).';
COMMENT ON COLUMN filmwg.awards.awarded_on IS 'Day of the award (ceremony or announcement).';
COMMENT ON COLUMN filmwg.awards.category IS 'Category, e.g. Best Feature Film; NULL when the award has none or it is unknown.';
COMMENT ON COLUMN filmwg.awards.result IS 'won or nominated (awards_result_check); only won counts for first_producer_awarded_works_12m.';
COMMENT ON COLUMN filmwg.awards.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.awards.created_at IS 'When the record was created.';

CREATE UNIQUE INDEX awards_work_award_key ON filmwg.awards (work_id, award_code, awarded_on, coalesce(category, ''));
COMMENT ON INDEX filmwg.awards_work_award_key IS 'The same award of a work on the same day in the same category is recorded once (23505).';
CREATE INDEX awards_awarded_on_idx ON filmwg.awards (awarded_on) WHERE result = 'won';
COMMENT ON INDEX filmwg.awards_awarded_on_idx IS 'Awards won by day (fact first_producer_awarded_works_12m).';

CREATE TRIGGER check_row_version BEFORE UPDATE ON filmwg.awards
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.awards IS 'Optimistic locking (FW409).';
CREATE TRIGGER row_version_on_insert BEFORE INSERT ON filmwg.awards
    FOR EACH ROW WHEN (NEW.row_version IS DISTINCT FROM 1) EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER row_version_on_insert ON filmwg.awards IS 'A new row starts at row_version 1 (fires only when the insert named another).';
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON filmwg.awards
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.awards IS 'Audit log. Updates and deletes, one audit row per row; inserts: trigger audit_insert.';
CREATE TRIGGER audit_insert AFTER INSERT ON filmwg.awards REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted('id');
COMMENT ON TRIGGER audit_insert ON filmwg.awards IS 'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).';

-- ---------------------------------------------------------------------------------------------
-- Privileges

REVOKE ALL ON filmwg.award_bodies, filmwg.works, filmwg.work_co_producers, filmwg.awards FROM PUBLIC;
GRANT SELECT ON filmwg.award_bodies TO filmwg_admin, filmwg_job;
GRANT SELECT, INSERT, UPDATE, DELETE ON filmwg.works, filmwg.work_co_producers, filmwg.awards TO filmwg_admin;
GRANT SELECT ON filmwg.works, filmwg.work_co_producers, filmwg.awards TO filmwg_job;

-- work import takes ids up front (nextval) and inserts them with OVERRIDING SYSTEM VALUE, so
-- the co-producers of each new work find it set-based (as professional import, 0005).
DO $sequence$
DECLARE
    seq text := pg_get_serial_sequence('filmwg.works', 'id');
BEGIN
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO filmwg_admin', seq);
    EXECUTE format('COMMENT ON SEQUENCE %s IS %L', seq,
        'Identity of filmwg.works. filmwg_admin has USAGE so that work import can take ids up front (nextval) and insert them with OVERRIDING SYSTEM VALUE.');
END
$sequence$;

-- ---------------------------------------------------------------------------------------------
-- company merge (0014's filmwg.merge_companies moves every foreign key to companies one column
-- at a time; the credits of works need an order, so company merge calls this first)

CREATE FUNCTION filmwg.merge_company_works(keep bigint, duplicate bigint)
    RETURNS TABLE (table_name text, column_name text, moved bigint)
    LANGUAGE plpgsql AS
$$
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
COMMENT ON FUNCTION filmwg.merge_company_works(bigint, bigint) IS
    'company merge KEEP DUPLICATE, the credits of works, called before filmwg.merge_companies in the same transaction: drops the co-producer rows that would collide (the duplicate''s on a work KEEP first-produced or co-produces; KEEP''s on a work the duplicate first-produced), then moves works.first_producer_id, then work_co_producers.company_id; returns the rows per table and column. Audited by the tables'' triggers.';
REVOKE ALL ON FUNCTION filmwg.merge_company_works(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.merge_company_works(bigint, bigint) TO filmwg_admin;

-- ---------------------------------------------------------------------------------------------
-- Facts

INSERT INTO filmwg.fact_catalog (ordinal, name, type, description, allowed_values)
SELECT base.ordinal + f.n, f.name, 'integer', f.description, NULL
  FROM (SELECT max(ordinal) AS ordinal FROM filmwg.fact_catalog) base,
       (VALUES
        (1, 'works_released_12m',
         'Distinct works the company first-produced or co-produced whose release day is after D - 12 months and on or before D (a work released exactly 12 months before D does not count, one released on D does).'),
        (2, 'first_producer_works',
         'Works the company is the first producer (第一出品方) of, released on or before D.'),
        (3, 'first_producer_awarded_works_12m',
         'Distinct works the company is the first producer of that won (result won, not nominated) an award dated after D - 12 months and on or before D; a work with several such awards counts once.')
       ) AS f(n, name, description);

DROP FUNCTION filmwg.company_facts(date);

-- The definition of 0011 (the values in force on D, from filmwg.company_versions) unchanged,
-- with the facts of works appended: their columns come last and their joins are one delimited
-- block before the WHERE, so a later migration adds its own the same way.
-- One SELECT, LANGUAGE sql, STABLE, not STRICT, no SET clause: the planner inlines it into the
-- caller's query (the job's one INSERT … SELECT), so `WHERE company_id = $2` reaches the grouped
-- subqueries.
CREATE FUNCTION filmwg.company_facts(as_of date)
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
           (coalesce(fw.released_12m, 0) + coalesce(cw.released_12m, 0))::integer,
           coalesce(fw.first_works, 0)::integer,
           coalesce(aw.works, 0)::integer
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
      -- ---- works (0013): fw, cw, aw ----------------------------------------------------------
      -- Works first-produced and released on or before D (all of them, and those in the window).
      LEFT JOIN (
            SELECT w.first_producer_id AS company_id,
                   count(*) FILTER (WHERE w.released_on > (company_facts.as_of - interval '12 months')::date)
                       AS released_12m,
                   count(*) AS first_works
              FROM filmwg.works w
             WHERE w.released_on <= company_facts.as_of
             GROUP BY w.first_producer_id
           ) fw ON fw.company_id = c.id
      -- Works co-produced, released in the window. A co-producer is never the work's first
      -- producer and never listed twice (work_co_producers), so fw and cw count distinct works
      -- and their sum is works_released_12m.
      LEFT JOIN (
            SELECT cp.company_id, count(*) AS released_12m
              FROM filmwg.work_co_producers cp
              JOIN filmwg.works w ON w.id = cp.work_id
             WHERE w.released_on > (company_facts.as_of - interval '12 months')::date
               AND w.released_on <= company_facts.as_of
             GROUP BY cp.company_id
           ) cw ON cw.company_id = c.id
      -- Works first-produced that won an award dated in the window, each counted once.
      LEFT JOIN (
            SELECT w.first_producer_id AS company_id, count(DISTINCT w.id) AS works
              FROM filmwg.awards a
              JOIN filmwg.works w ON w.id = a.work_id
             WHERE a.result = 'won'
               AND a.awarded_on > (company_facts.as_of - interval '12 months')::date
               AND a.awarded_on <= company_facts.as_of
             GROUP BY w.first_producer_id
           ) aw ON aw.company_id = c.id
      -- ---- end of works (0013) ---------------------------------------------------------------
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
