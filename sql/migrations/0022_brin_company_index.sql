-- 0022_brin_company_index: a run's company index summarises block ranges (BRIN) instead of
-- sorting every determination (btree).
--
-- Measured (100,000 companies x 10 policies, the bench's database, the run's table of 1,000,000
-- rows, 83 MB): the btree (company_id, policy_version_id) took 0.59-0.89 s of a 5.7 s run (in
-- two parallel workers and serially), the second-largest step after the INSERT; at 1,000,000
-- companies ten times as many keys. A BRIN index of the same table: 0.26 s (one pass over the
-- heap, no sort), 56 kB instead of 30 MB.
--
-- Why BRIN fits: the job writes a run's rows in primary-key order (version by version, each
-- version's companies by id; migration 0021), and nothing rewrites them but the exclusive
-- groups' UPDATE of a few rows before the attach. So every range of 8 pages (about 750 rows)
-- holds a narrow span of company ids, and one company's rows of a run lie in about ten ranges
-- (one per version). What reads determinations by company alone: keep_determined (may a
-- company be deleted?), the foreign key of the default partition, a company's history. One
-- company in one run measured 3 ms (170 pages read) against a fraction of one with the btree;
-- a company no run has seen (an id above every range) reads the index only. eligibility
-- explain and the reports go by run and version, the primary key, as before.
--
-- The index of filmwg.determinations is replaced: every partition's (the default partition's
-- too) is built again as BRIN and attached, under the names the job gives
-- (determinations_<run>_company_id_idx). filmwg.index_determinations builds that one for the
-- next runs, so the attach finds it and builds nothing.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0022_brin_company_index', true);

DROP INDEX filmwg.determinations_company_id_idx;
CREATE INDEX determinations_company_id_idx ON filmwg.determinations
    USING brin (company_id) WITH (pages_per_range = 8);
COMMENT ON INDEX filmwg.determinations_company_id_idx IS
    'A company''s determinations (may it be deleted, its history): BRIN over ranges of 8 pages, which each hold a narrow span of company ids because the job writes a run''s rows in primary-key order (migration 0022).';

CREATE OR REPLACE FUNCTION filmwg.index_determinations(run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp SET default_statistics_target = 10
    SET maintenance_work_mem = '1GB' AS
$$
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
COMMENT ON FUNCTION filmwg.index_determinations(bigint) IS
    'Builds the primary key (sorted in memory: maintenance_work_mem 1GB for the function) and the BRIN company index of filmwg.determinations_<run> (see open_determinations) and ANALYZEs, from a small sample, the columns queries filter and join on, before the table is attached; job run `run` must be running in this session.';

RESET ROLE;
