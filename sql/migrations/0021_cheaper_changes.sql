-- 0021_cheaper_changes: the job's changes step without a foreign-key check per row, the run's
-- indexes sorted in memory.
--
-- Measured (100,000 companies x 10 policies, a first run: 54,817 changes, EXPLAIN ANALYZE of the
-- job's INSERT INTO filmwg.determination_changes): 5.3 s, of which the four foreign keys' triggers
-- 3.8 s (run_id 1.06 s, policy_version_id 0.97 s, company_id 1.65 s, previous_run_id 0.15 s;
-- one query and one row lock per key and row); at 1,000,000 companies ten times as many.
--
-- 1. The four foreign keys of filmwg.determination_changes are dropped. Its rows are written by
--    the job only (filmwg_job has INSERT, no one else does), from the run's determinations and
--    its previous run's, in the run's transaction: each names the run, its previous run, a
--    company and a policy version the run read, which no one can delete meanwhile (advisory
--    lock filmwg.determined_rows_lock_key(), migration 0016). The keys hold by construction.
-- 2. What the keys also did, the triggers do, as for filmwg.determinations in 0016:
--    - keep_determined (companies, policy_versions, BEFORE DELETE) also refuses to delete a row
--      a change names (23503, constraint determination_changes_company_id_fkey /
--      determination_changes_policy_version_id_fkey, table determination_changes): a pruned
--      run's changes stay when its determinations are gone;
--    - delete_determinations (job_runs, BEFORE DELETE) also deletes the run's changes (as ON
--      DELETE CASCADE of determination_changes_run_id_fkey did) and forgets the run as a
--      previous run (ON DELETE SET NULL of determination_changes_previous_run_id_fkey).
--    determination_changes_previous_run_id_idx, new, finds those rows (the key's action read
--    the whole table).

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0021_cheaper_changes', true);

-- ---------------------------------------------------------------------------------------------
-- 1. No foreign keys on the changes

ALTER TABLE filmwg.determination_changes
    DROP CONSTRAINT determination_changes_run_id_fkey,
    DROP CONSTRAINT determination_changes_previous_run_id_fkey,
    DROP CONSTRAINT determination_changes_policy_version_id_fkey,
    DROP CONSTRAINT determination_changes_company_id_fkey;

CREATE INDEX determination_changes_previous_run_id_idx ON filmwg.determination_changes (previous_run_id);
COMMENT ON INDEX filmwg.determination_changes_previous_run_id_idx IS
    'The changes computed against a run, forgotten when that run is deleted (trigger delete_determinations of job_runs; migration 0021).';

COMMENT ON TABLE filmwg.determination_changes IS
    'What changed in a run compared with the previous succeeded run of the same job. Written by the job only; its keys to job_runs, policy_versions and companies hold by construction (migration 0021): triggers keep_determined refuse to delete a company or policy version a change names, trigger delete_determinations of job_runs deletes a run''s changes and forgets it as a previous run.';

-- ---------------------------------------------------------------------------------------------
-- 2. What the keys refused, ON DELETE CASCADE and ON DELETE SET NULL

CREATE OR REPLACE FUNCTION filmwg.keep_determined() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
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
COMMENT ON FUNCTION filmwg.keep_determined() IS
    'Trigger keep_determined of companies and policy_versions (BEFORE DELETE): refuses, as the foreign keys did (23503, determinations_… or determination_changes_…_fkey), to delete a row a determination or a change names, and refuses (55P03) while an eligibility run is in progress (advisory lock determined_rows_lock_key() held exclusively by the run).';

CREATE OR REPLACE FUNCTION filmwg.delete_determinations() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
BEGIN
    DELETE FROM determinations d WHERE d.run_id = OLD.id;
    DELETE FROM determination_changes ch WHERE ch.run_id = OLD.id;
    UPDATE determination_changes ch SET previous_run_id = NULL WHERE ch.previous_run_id = OLD.id;
    RETURN OLD;
END
$$;
COMMENT ON FUNCTION filmwg.delete_determinations() IS
    'Trigger delete_determinations of job_runs (BEFORE DELETE): a deleted run takes its determinations and its changes with it, and changes computed against it no longer name it, as the foreign keys'' ON DELETE CASCADE and ON DELETE SET NULL did (migrations 0016, 0021).';

-- ---------------------------------------------------------------------------------------------
-- 3. The run's indexes sorted in memory

-- 0019's definition, with maintenance_work_mem for its sorts: at 1,000,000 companies the
-- 10,000,000 keys of each index need about 850 MB; with the server's default (often 64 MB) both
-- sorts went to temporary files (1.2 GB written and read again per run). The rows arrive in
-- the primary key's order (the job's INSERT, since 0021), so that sort is one pass.
CREATE OR REPLACE FUNCTION filmwg.index_determinations(run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp SET default_statistics_target = 10
    SET maintenance_work_mem = '1GB' AS
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
    'Builds the primary key and the company index of filmwg.determinations_<run> (see open_determinations) in memory (maintenance_work_mem 1GB for the function) and ANALYZEs, from a small sample, the columns queries filter and join on, before the table is attached; job run `run` must be running in this session.';

RESET ROLE;
