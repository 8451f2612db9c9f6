-- 0016_quick_attach: a run's partition is attached in milliseconds, so the night's run holds
-- no lock on companies, policy_versions or job_runs and admins' writes never wait on it.
--
-- Measured (scripts/bench, 100,000 companies × 10 policies, 10 dated versions each, one
-- 1,000,000-row partition; server log of each step): the attach of migration 0008 took
-- 2.2 s building the three indexes, 0.7 s validating the three foreign keys (one anti-join
-- each) and 0.45 s in ANALYZE; from the attach on, companies, policy_versions and job_runs were
-- locked SHARE ROW EXCLUSIVE (the foreign keys' triggers) until the run committed, the changes
-- step (1.4–2.0 s) included. At 1,000,000 companies the foreign-key checks alone read
-- 10,000,000 rows three times.
--
-- 1. The three foreign keys of filmwg.determinations (to job_runs, policy_versions and
--    companies) move from the partitioned table to the partitions the job does not write:
--    determinations_default (rows inserted by hand or by tests) and determinations_legacy.
--    A run's partition is written by one INSERT … SELECT of the job whose every row comes from
--    the run (CHECK constraint determinations_<run>_run_id_check, below), a policy version
--    read in the same transaction and a company of filmwg.company_facts: the keys hold by
--    construction. What the foreign keys also did, refuse to delete what a determination names,
--    the triggers of 2 do, with the same SQLSTATE (23503) and constraint names.
-- 2. Triggers keep_determined (BEFORE DELETE) on companies and policy_versions refuse to delete a
--    row any determination names (23503, constraint determinations_company_id_fkey /
--    determinations_policy_version_id_fkey, as before), and refuse (55P03, "try again") while
--    an eligibility run is in progress: its rows are not visible to others until it commits.
--    The run takes advisory lock filmwg.determined_rows_lock_key() exclusively for its
--    transaction before it reads anything; a deletion takes it shared, without waiting.
--    Trigger delete_determinations (BEFORE DELETE) on job_runs deletes the run's
--    determinations, as ON DELETE CASCADE did.
-- 3. filmwg.open_determinations(run) also adds CHECK (run_id >= run AND run_id < run + 1),
--    which implies the partition's bound, so the attach does not scan the table for it.
--    filmwg.index_determinations(run), new, builds the primary key and the two indexes on the
--    run's table (by sorting) and ANALYZEs the columns the planner uses (not criteria_values or
--    amount_reason: their statistics are most of ANALYZE's time and no query filters on them),
--    before the changes are computed; filmwg.attach_determinations(run) then only attaches: the
--    indexes match the partitioned ones and are taken over, nothing is validated, nothing is
--    scanned but the (empty) default partition.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0016_quick_attach', true);

-- ---------------------------------------------------------------------------------------------
-- 1. The foreign keys on the partitions the job does not write

ALTER TABLE filmwg.determinations
    DROP CONSTRAINT determinations_run_id_fkey,
    DROP CONSTRAINT determinations_policy_version_id_fkey,
    DROP CONSTRAINT determinations_company_id_fkey;

DO $keys$
DECLARE
    p regclass;
BEGIN
    FOR p IN SELECT c.oid::regclass FROM pg_class c
              WHERE c.relnamespace = 'filmwg'::regnamespace
                AND c.relname IN ('determinations_default', 'determinations_legacy') LOOP
        EXECUTE format('ALTER TABLE %s '
                       'ADD CONSTRAINT determinations_run_id_fkey FOREIGN KEY (run_id) REFERENCES filmwg.job_runs (id) ON DELETE CASCADE, '
                       'ADD CONSTRAINT determinations_policy_version_id_fkey FOREIGN KEY (policy_version_id) REFERENCES filmwg.policy_versions (id), '
                       'ADD CONSTRAINT determinations_company_id_fkey FOREIGN KEY (company_id) REFERENCES filmwg.companies (id)', p);
    END LOOP;
END
$keys$;

-- Every existing run partition: the check the job's new tables carry.
DO $checks$
DECLARE
    p record;
BEGIN
    FOR p IN SELECT c.relname, substring(c.relname FROM '^determinations_([0-9]+)$')::bigint AS run
               FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = 'filmwg.determinations'::regclass AND c.relname ~ '^determinations_[0-9]+$' LOOP
        EXECUTE format('ALTER TABLE filmwg.%I ADD CONSTRAINT %I CHECK (run_id >= %s AND run_id < %s)',
                       p.relname, p.relname || '_run_id_check', p.run, p.run + 1);
    END LOOP;
END
$checks$;

COMMENT ON TABLE filmwg.determinations IS 'What a job run decided: for each policy version valid on the run''s day and each company, whether it is eligible and the value of every criterion. Partitioned by run: the job writes a run''s rows into filmwg.determinations_<run>, indexes it and attaches it (filmwg.open_determinations, filmwg.index_determinations, filmwg.attach_determinations); rows inserted here directly for a run without a partition go to determinations_default. The keys to job_runs, policy_versions and companies hold by construction in a run''s partition (migration 0016) and by foreign keys in determinations_default; triggers keep_determined refuse to delete a company or policy version a determination names.';

-- ---------------------------------------------------------------------------------------------
-- 2. What the foreign keys refused, and ON DELETE CASCADE

CREATE FUNCTION filmwg.determined_rows_lock_key() RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 7379548681833742338::bigint $$;
COMMENT ON FUNCTION filmwg.determined_rows_lock_key() IS
    'The advisory lock an eligibility run holds exclusively for its transaction ("filmwg" in ASCII, then 2) and a deletion of a company or policy version takes shared: no deletion while a run may be writing determinations that name the row.';
GRANT EXECUTE ON FUNCTION filmwg.determined_rows_lock_key() TO filmwg_admin, filmwg_job;

CREATE FUNCTION filmwg.keep_determined() RETURNS trigger
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
        referenced := EXISTS (SELECT 1 FROM determinations d WHERE d.policy_version_id = OLD.id);
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
COMMENT ON FUNCTION filmwg.keep_determined() IS
    'Trigger keep_determined of companies and policy_versions (BEFORE DELETE): refuses to delete a row a determination names, as the foreign keys determinations_company_id_fkey and determinations_policy_version_id_fkey did (23503, same names), and refuses (55P03) while an eligibility run holds filmwg.determined_rows_lock_key().';
REVOKE ALL ON FUNCTION filmwg.keep_determined() FROM PUBLIC;

CREATE TRIGGER keep_determined BEFORE DELETE ON filmwg.companies
    FOR EACH ROW EXECUTE FUNCTION filmwg.keep_determined();
COMMENT ON TRIGGER keep_determined ON filmwg.companies IS
    'A company a determination names is not deleted (the key of determinations_company_id_fkey).';
CREATE TRIGGER keep_determined BEFORE DELETE ON filmwg.policy_versions
    FOR EACH ROW EXECUTE FUNCTION filmwg.keep_determined();
COMMENT ON TRIGGER keep_determined ON filmwg.policy_versions IS
    'A policy version a determination names is not deleted (the key of determinations_policy_version_id_fkey).';

CREATE FUNCTION filmwg.delete_determinations() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
BEGIN
    DELETE FROM determinations d WHERE d.run_id = OLD.id;
    RETURN OLD;
END
$$;
COMMENT ON FUNCTION filmwg.delete_determinations() IS
    'Trigger delete_determinations of job_runs (BEFORE DELETE): a deleted run takes its determinations with it, as ON DELETE CASCADE of determinations_run_id_fkey did.';
REVOKE ALL ON FUNCTION filmwg.delete_determinations() FROM PUBLIC;

CREATE TRIGGER delete_determinations BEFORE DELETE ON filmwg.job_runs
    FOR EACH ROW EXECUTE FUNCTION filmwg.delete_determinations();
COMMENT ON TRIGGER delete_determinations ON filmwg.job_runs IS
    'A deleted run takes its determinations with it (ON DELETE CASCADE of the run partitions).';

-- ---------------------------------------------------------------------------------------------
-- 3. Open, index, attach

CREATE OR REPLACE FUNCTION filmwg.open_determinations(run bigint) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
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
COMMENT ON FUNCTION filmwg.open_determinations(bigint) IS
    'Creates filmwg.determinations_<run>, the empty table of job run `run` (running in this session), without indexes, its only constraints NOT NULL and CHECK (run_id = run, as a range: the partition''s bound), for the job to fill with one INSERT; returns its name. Rolled back with the run.';

CREATE FUNCTION filmwg.index_determinations(run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    name text := 'determinations_' || run;
BEGIN
    PERFORM require_running_here(run);
    -- The partitioned table's primary key and indexes, built by sorting; the attach takes them
    -- over. A duplicate fails the run here.
    EXECUTE format('ALTER TABLE filmwg.%I ADD CONSTRAINT %I PRIMARY KEY (run_id, policy_version_id, company_id)',
                   name, name || '_pkey');
    EXECUTE format('CREATE INDEX %I ON filmwg.%I (company_id, policy_version_id)', name || '_company_id_idx', name);
    EXECUTE format('CREATE INDEX %I ON filmwg.%I (policy_version_id)', name || '_policy_version_id_idx', name);
    -- Statistics of what queries filter and join on; the changes and the reports read the
    -- partition at once.
    EXECUTE format('ANALYZE filmwg.%I (run_id, policy_version_id, company_id, eligible, amount)', name);
END
$$;
COMMENT ON FUNCTION filmwg.index_determinations(bigint) IS
    'Builds the primary key and indexes of filmwg.determinations_<run> (see open_determinations) and ANALYZEs the columns queries filter and join on, before the table is attached; job run `run` must be running in this session.';
REVOKE ALL ON FUNCTION filmwg.index_determinations(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.index_determinations(bigint) TO filmwg_job;

CREATE OR REPLACE FUNCTION filmwg.attach_determinations(run bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
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
COMMENT ON FUNCTION filmwg.attach_determinations(bigint) IS
    'Attaches filmwg.determinations_<run> (see open_determinations; indexed by index_determinations, which it calls when that has not been done) as the partition of job run `run`. Nothing is validated or scanned but the default partition; it locks only filmwg.determinations (SHARE UPDATE EXCLUSIVE), its default partition and the new partition until the run commits.';

RESET ROLE;
