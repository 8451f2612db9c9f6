-- 0008_determinations_by_run: filmwg.determinations partitioned by run, so that the nightly
-- job writes each run's rows into a table of their own and checks them in bulk.
--
-- Measured (scripts/bench, 100,000 companies × 10 policies, EXPLAIN ANALYZE of the job's
-- INSERT): of 4.0 s per policy, 2.9 s went to the three foreign-key triggers, one SPI lookup
-- (and, for companies, a row lock) per inserted row; the index upkeep of the three indexes most
-- of the rest. Writing the same 1,000,000 rows into a bare table, then building the indexes and
-- validating the three foreign keys in bulk (one anti-join each), took 6.6 s instead of 40 s.
--
-- So, with every constraint kept:
-- 1. filmwg.determinations becomes a table partitioned by RANGE (run_id), with the same
--    columns, primary key, foreign keys (same names), indexes (same names) and comments. The
--    rows written so far stay where they are, in partition determinations_legacy (runs up to
--    this migration), which is dropped when it is empty.
-- 2. filmwg.open_determinations(run) creates the table of a run, filmwg.determinations_<run>
--    (no index, no constraint but NOT NULL), for the job to fill; filmwg.attach_determinations(run)
--    attaches it as the run's partition: PostgreSQL builds the indexes by sorting and validates
--    the foreign keys with one query each, inside the job's transaction. Both refuse (55000)
--    unless the run is `running` in the calling session, and neither outlives a rollback: a
--    failed or dry run leaves no table behind.
-- 3. Rows inserted into filmwg.determinations for a run without a partition of its own (by
--    hand, by tests) land in the DEFAULT partition determinations_default, checked row by row
--    as before.
-- 4. grants_determination_fkey is re-created against the partitioned table (same name).
-- Later, keeping N nights of history is DROP TABLE of the oldest partitions.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0008_determinations_by_run', true);

ALTER TABLE filmwg.grants DROP CONSTRAINT grants_determination_fkey;

ALTER TABLE filmwg.determinations RENAME TO determinations_legacy;
ALTER TABLE filmwg.determinations_legacy RENAME CONSTRAINT determinations_pkey TO determinations_legacy_pkey;
ALTER TABLE filmwg.determinations_legacy RENAME CONSTRAINT determinations_run_id_fkey TO determinations_legacy_run_id_fkey;
ALTER TABLE filmwg.determinations_legacy
    RENAME CONSTRAINT determinations_policy_version_id_fkey TO determinations_legacy_policy_version_id_fkey;
ALTER TABLE filmwg.determinations_legacy RENAME CONSTRAINT determinations_company_id_fkey TO determinations_legacy_company_id_fkey;
ALTER INDEX filmwg.determinations_company_id_idx RENAME TO determinations_legacy_company_id_idx;
ALTER INDEX filmwg.determinations_policy_version_id_idx RENAME TO determinations_legacy_policy_version_id_idx;

CREATE TABLE filmwg.determinations (
    run_id             bigint NOT NULL CONSTRAINT determinations_run_id_fkey
        REFERENCES filmwg.job_runs (id) ON DELETE CASCADE,
    policy_version_id  bigint NOT NULL CONSTRAINT determinations_policy_version_id_fkey
        REFERENCES filmwg.policy_versions (id),
    company_id         bigint NOT NULL CONSTRAINT determinations_company_id_fkey
        REFERENCES filmwg.companies (id),
    eligible           boolean NOT NULL,
    criteria_values    boolean[] NOT NULL,
    CONSTRAINT determinations_pkey PRIMARY KEY (run_id, policy_version_id, company_id)
) PARTITION BY RANGE (run_id);
COMMENT ON TABLE filmwg.determinations IS 'What a job run decided: for each policy version valid on the run''s day and each company, whether it is eligible and the value of every criterion. Partitioned by run: the job writes a run''s rows into filmwg.determinations_<run> and attaches it (filmwg.open_determinations, filmwg.attach_determinations); rows inserted here directly for a run without a partition go to determinations_default.';
COMMENT ON COLUMN filmwg.determinations.run_id IS 'The run (rows go with it when it is deleted).';
COMMENT ON COLUMN filmwg.determinations.policy_version_id IS 'The policy version evaluated.';
COMMENT ON COLUMN filmwg.determinations.company_id IS 'The company evaluated.';
COMMENT ON COLUMN filmwg.determinations.eligible IS 'Whether the rule held; a rule that came out NULL is false.';
COMMENT ON COLUMN filmwg.determinations.criteria_values IS 'Value of each criterion, aligned with policy_versions.criteria; NULL elements are undetermined (missing facts).';

CREATE INDEX determinations_company_id_idx ON filmwg.determinations (company_id, policy_version_id);
COMMENT ON INDEX filmwg.determinations_company_id_idx IS 'A company''s determinations (eligibility explain).';
CREATE INDEX determinations_policy_version_id_idx ON filmwg.determinations (policy_version_id);
COMMENT ON INDEX filmwg.determinations_policy_version_id_idx IS 'Determinations of a policy version.';

DO $legacy$
DECLARE
    upto bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM filmwg.determinations_legacy) THEN
        -- Every run so far; later runs have higher ids (job_runs.id is an identity).
        SELECT max(id) + 1 INTO upto FROM filmwg.job_runs;
        EXECUTE format('ALTER TABLE filmwg.determinations ATTACH PARTITION filmwg.determinations_legacy '
                       'FOR VALUES FROM (MINVALUE) TO (%s)', upto);
        COMMENT ON TABLE filmwg.determinations_legacy IS
            'Determinations of the runs before migration 0008 (a partition of filmwg.determinations).';
    ELSE
        DROP TABLE filmwg.determinations_legacy;
    END IF;
END
$legacy$;

CREATE TABLE filmwg.determinations_default PARTITION OF filmwg.determinations DEFAULT;
COMMENT ON TABLE filmwg.determinations_default IS
    'Determinations inserted into filmwg.determinations for a run without a partition of its own (by hand, by tests); the job never writes here.';

ALTER TABLE filmwg.grants ADD CONSTRAINT grants_determination_fkey FOREIGN KEY (run_id, policy_version_id, company_id)
    REFERENCES filmwg.determinations (run_id, policy_version_id, company_id);

REVOKE ALL ON filmwg.determinations, filmwg.determinations_default FROM PUBLIC;
GRANT SELECT ON filmwg.determinations, filmwg.determinations_default TO filmwg_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON filmwg.determinations, filmwg.determinations_default TO filmwg_job;

-- ---------------------------------------------------------------------------------------------
-- A run's own table

CREATE FUNCTION filmwg.require_running_here(run bigint) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = filmwg, pg_temp AS
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM job_runs r
                    WHERE r.id = run AND r.status = 'running' AND r.backend_pid = pg_backend_pid()) THEN
        RAISE EXCEPTION 'job run % is not running in this session', run
            USING ERRCODE = '55000',
                  HINT = 'Only the session doing a run (job_runs.backend_pid) may write its determinations table.';
    END IF;
END
$$;
COMMENT ON FUNCTION filmwg.require_running_here(bigint) IS
    'Raises 55000 unless job run `run` is running in the calling session; the guard of open_determinations and attach_determinations.';
REVOKE ALL ON FUNCTION filmwg.require_running_here(bigint) FROM PUBLIC;

CREATE FUNCTION filmwg.open_determinations(run bigint) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    name text := 'determinations_' || run;
BEGIN
    PERFORM require_running_here(run);
    EXECUTE format('CREATE TABLE filmwg.%I (LIKE filmwg.determinations)', name);
    EXECUTE format('COMMENT ON TABLE filmwg.%I IS %L', name,
                   format('Determinations of job run %s (a partition of filmwg.determinations).', run));
    EXECUTE format('REVOKE ALL ON filmwg.%I FROM PUBLIC', name);
    EXECUTE format('GRANT SELECT ON filmwg.%I TO filmwg_admin', name);
    EXECUTE format('GRANT SELECT, INSERT ON filmwg.%I TO filmwg_job', name);
    RETURN 'filmwg.' || name;
END
$$;
COMMENT ON FUNCTION filmwg.open_determinations(bigint) IS
    'Creates filmwg.determinations_<run>, the empty table of job run `run` (running in this session), without indexes or constraints, for the job to fill with one INSERT; returns its name. Rolled back with the run.';
REVOKE ALL ON FUNCTION filmwg.open_determinations(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.open_determinations(bigint) TO filmwg_job;

CREATE FUNCTION filmwg.attach_determinations(run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    name text := 'determinations_' || run;
BEGIN
    PERFORM require_running_here(run);
    -- Statistics first: the run's changes and the reports read the new partition at once.
    EXECUTE format('ANALYZE filmwg.%I', name);
    -- Builds the partition's primary key and indexes, and validates the three foreign keys with
    -- one query each; a duplicate or a dangling row fails the run here.
    EXECUTE format('ALTER TABLE filmwg.determinations ATTACH PARTITION filmwg.%I FOR VALUES FROM (%s) TO (%s)',
                   name, run, run + 1);
END
$$;
COMMENT ON FUNCTION filmwg.attach_determinations(bigint) IS
    'Attaches filmwg.determinations_<run> (see open_determinations) as the partition of job run `run`: indexes built and foreign keys validated in bulk. Locks companies, policy_versions and job_runs against writes (SHARE ROW EXCLUSIVE) until the run commits.';
REVOKE ALL ON FUNCTION filmwg.attach_determinations(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.attach_determinations(bigint) TO filmwg_job;

RESET ROLE;
