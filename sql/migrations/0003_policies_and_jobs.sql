-- 0003_policies_and_jobs: the Huairou zone's preferential policies and their versioned
-- eligibility rules, the nightly job's runs and determinations, and the grants made.

SET ROLE filmwg_owner;

-- ---------------------------------------------------------------------------------------------
-- policies

CREATE TABLE filmwg.policies (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL CONSTRAINT policies_code_key UNIQUE
        CONSTRAINT policies_code_check CHECK (code ~ '^[a-z0-9_-]+$'),
    title        text NOT NULL
        CONSTRAINT policies_title_check CHECK (btrim(title) <> ''),
    issuer       text,
    benefit      text,
    cap          numeric(20,2)
        CONSTRAINT policies_cap_check CHECK (cap >= 0),
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE filmwg.policies IS 'Preferential policies the Huairou zone offers film companies; their eligibility rules are in policy_versions.';
COMMENT ON COLUMN filmwg.policies.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.policies.code IS 'Stable code: lower-case letters, digits, - and _ (policies_code_check); unique (policies_code_key).';
COMMENT ON COLUMN filmwg.policies.title IS 'Title; not blank.';
COMMENT ON COLUMN filmwg.policies.issuer IS 'Who issues the policy, e.g. the zone''s administrative committee.';
COMMENT ON COLUMN filmwg.policies.benefit IS 'What the policy grants, in words.';
COMMENT ON COLUMN filmwg.policies.cap IS 'Largest amount in CNY of one grant under the policy, >= 0 (policies_cap_check); NULL when uncapped.';
COMMENT ON COLUMN filmwg.policies.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.policies.created_at IS 'When the record was created.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.policies
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.policies IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.policies
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.policies IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- policy_versions

CREATE TABLE filmwg.policy_versions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id    bigint NOT NULL CONSTRAINT policy_versions_policy_id_fkey REFERENCES filmwg.policies (id),
    version      integer NOT NULL
        CONSTRAINT policy_versions_version_check CHECK (version >= 1),
    valid        daterange NOT NULL
        CONSTRAINT policy_versions_valid_check CHECK (NOT isempty(valid) AND NOT lower_inf(valid)),
    rule         text NOT NULL
        CONSTRAINT policy_versions_rule_check CHECK (btrim(rule) <> ''),
    criteria     text[] NOT NULL
        CONSTRAINT policy_versions_criteria_check CHECK (array_position(criteria, NULL) IS NULL),
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT policy_versions_policy_id_version_key UNIQUE (policy_id, version),
    CONSTRAINT policy_versions_no_overlap EXCLUDE USING gist (policy_id WITH =, valid WITH &&)
);
COMMENT ON TABLE filmwg.policy_versions IS
    'Versions of a policy''s eligibility rule, each valid over a period; versions of one policy never overlap (policy_versions_no_overlap). Rule and criteria are fixed once a job has used the version (policy_versions_immutable).';
COMMENT ON COLUMN filmwg.policy_versions.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.policy_versions.policy_id IS 'The policy.';
COMMENT ON COLUMN filmwg.policy_versions.version IS 'Number of the version within its policy: 1, 2, … (unique per policy, policy_versions_policy_id_version_key); the next number is filled in when inserted as NULL.';
COMMENT ON COLUMN filmwg.policy_versions.valid IS 'Half-open [valid_from, valid_to) when the version applies; upper bound NULL while open (policy_versions_valid_check).';
COMMENT ON COLUMN filmwg.policy_versions.rule IS 'The eligibility rule, in the rule language over the fact catalog (filmwg.fact_catalog); checked by the application before it is saved.';
COMMENT ON COLUMN filmwg.policy_versions.criteria IS 'Source text of each top-level `and` term of the rule, in order; determinations.criteria_values is aligned with it.';
COMMENT ON COLUMN filmwg.policy_versions.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.policy_versions.created_at IS 'When the version was recorded.';

CREATE FUNCTION filmwg.policy_version_defaults() RETURNS trigger
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
        OR NEW.policy_id IS DISTINCT FROM OLD.policy_id OR NEW.version IS DISTINCT FROM OLD.version)
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
    'Trigger policy_version_defaults of policy_versions (BEFORE INSERT OR UPDATE). Insert: a NULL version becomes the policy''s highest version + 1 (numbering serialised by locking the policy row). Update: once determinations refer to the version, its policy, version, rule and criteria cannot change: check_violation (23514) with constraint policy_versions_immutable, "version N of policy CODE has been used by the eligibility job, its rule cannot change". Changing valid stays allowed (policy revise ends the open version).';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.policy_versions
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.policy_versions IS 'Optimistic locking (FW409).';
CREATE TRIGGER policy_version_defaults BEFORE INSERT OR UPDATE ON filmwg.policy_versions
    FOR EACH ROW EXECUTE FUNCTION filmwg.policy_version_defaults();
COMMENT ON TRIGGER policy_version_defaults ON filmwg.policy_versions IS 'Version numbering; used rules are immutable.';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.policy_versions
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.policy_versions IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- job_runs

CREATE TABLE filmwg.job_runs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job              text NOT NULL
        CONSTRAINT job_runs_job_check CHECK (job IN ('eligibility')),
    as_of            date NOT NULL,
    status           text NOT NULL DEFAULT 'running'
        CONSTRAINT job_runs_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned')),
    dry_run          boolean NOT NULL DEFAULT false,
    actor            text NOT NULL DEFAULT filmwg.current_actor(),
    backend_pid      integer DEFAULT pg_backend_pid(),
    backend_start    timestamptz,
    started_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at      timestamptz,
    duration_ms      bigint,
    companies        integer,
    policy_versions  integer,
    determinations   integer,
    eligible         integer,
    changes          integer,
    error            text,
    CONSTRAINT job_runs_finished_check CHECK ((status = 'running') = (finished_at IS NULL))
);
COMMENT ON TABLE filmwg.job_runs IS
    'Every run of a batch job. At most one running run per job (job_runs_running_key). A run whose session is gone is marked abandoned by filmwg.abandon_dead_runs.';
COMMENT ON COLUMN filmwg.job_runs.id IS 'Surrogate key; increases with the start of runs.';
COMMENT ON COLUMN filmwg.job_runs.job IS 'Which job: eligibility (job_runs_job_check).';
COMMENT ON COLUMN filmwg.job_runs.as_of IS 'The day the job evaluated (facts as of this day).';
COMMENT ON COLUMN filmwg.job_runs.status IS 'running, succeeded, failed or abandoned (job_runs_status_check).';
COMMENT ON COLUMN filmwg.job_runs.dry_run IS 'A dry run computes but keeps no determinations; reports ignore it.';
COMMENT ON COLUMN filmwg.job_runs.actor IS 'Who started the run (filmwg.actor, else the session user).';
COMMENT ON COLUMN filmwg.job_runs.backend_pid IS 'pg_backend_pid() of the session doing the work; with backend_start, identifies it in pg_stat_activity.';
COMMENT ON COLUMN filmwg.job_runs.backend_start IS 'backend_start of that session in pg_stat_activity (filled in on insert), so a reused pid is not mistaken for a live run.';
COMMENT ON COLUMN filmwg.job_runs.started_at IS 'When the run started.';
COMMENT ON COLUMN filmwg.job_runs.finished_at IS 'When the run ended (NULL exactly while running, job_runs_finished_check); filled in when status leaves running if not given.';
COMMENT ON COLUMN filmwg.job_runs.duration_ms IS 'finished_at - started_at in milliseconds; filled in when status leaves running if not given.';
COMMENT ON COLUMN filmwg.job_runs.companies IS 'Companies evaluated.';
COMMENT ON COLUMN filmwg.job_runs.policy_versions IS 'Policy versions valid on as_of and evaluated.';
COMMENT ON COLUMN filmwg.job_runs.determinations IS 'Determinations written.';
COMMENT ON COLUMN filmwg.job_runs.eligible IS 'Determinations that came out eligible.';
COMMENT ON COLUMN filmwg.job_runs.changes IS 'Changes since the previous succeeded run (determination_changes rows).';
COMMENT ON COLUMN filmwg.job_runs.error IS 'Why the run failed or was abandoned.';

CREATE UNIQUE INDEX job_runs_running_key ON filmwg.job_runs (job) WHERE status = 'running';
COMMENT ON INDEX filmwg.job_runs_running_key IS 'At most one running run per job (23505 on job_runs_running_key: another run is going on).';
CREATE INDEX job_runs_job_status_idx ON filmwg.job_runs (job, status, id);
COMMENT ON INDEX filmwg.job_runs_job_status_idx IS 'The latest succeeded run of a job.';

CREATE FUNCTION filmwg.job_run_defaults() RETURNS trigger
    LANGUAGE plpgsql AS
$$
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
COMMENT ON FUNCTION filmwg.job_run_defaults() IS
    'Trigger job_run_defaults of job_runs (BEFORE INSERT OR UPDATE): fills backend_start of the inserting session; when status leaves running, fills finished_at and duration_ms unless given.';
CREATE TRIGGER job_run_defaults BEFORE INSERT OR UPDATE ON filmwg.job_runs
    FOR EACH ROW EXECUTE FUNCTION filmwg.job_run_defaults();
COMMENT ON TRIGGER job_run_defaults ON filmwg.job_runs IS 'Session identity on insert; finish time and duration.';

CREATE FUNCTION filmwg.abandon_dead_runs(job_name text DEFAULT 'eligibility') RETURNS integer
    LANGUAGE sql AS
$$
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
COMMENT ON FUNCTION filmwg.abandon_dead_runs(text) IS
    'Marks running runs of a job whose session (backend_pid + backend_start) no longer exists as abandoned; returns how many. Call it while holding the job''s advisory lock. A session of another login whose backend_start is hidden from the caller counts as alive while its pid exists.';
REVOKE ALL ON FUNCTION filmwg.abandon_dead_runs(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.abandon_dead_runs(text) TO filmwg_job;

-- ---------------------------------------------------------------------------------------------
-- determinations

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
);
COMMENT ON TABLE filmwg.determinations IS 'What a job run decided: for each policy version valid on the run''s day and each company, whether it is eligible and the value of every criterion.';
COMMENT ON COLUMN filmwg.determinations.run_id IS 'The run (rows go with it when it is deleted).';
COMMENT ON COLUMN filmwg.determinations.policy_version_id IS 'The policy version evaluated.';
COMMENT ON COLUMN filmwg.determinations.company_id IS 'The company evaluated.';
COMMENT ON COLUMN filmwg.determinations.eligible IS 'Whether the rule held; a rule that came out NULL is false.';
COMMENT ON COLUMN filmwg.determinations.criteria_values IS 'Value of each criterion, aligned with policy_versions.criteria; NULL elements are undetermined (missing facts).';

CREATE INDEX determinations_company_id_idx ON filmwg.determinations (company_id, policy_version_id);
COMMENT ON INDEX filmwg.determinations_company_id_idx IS 'A company''s determinations (eligibility explain).';
CREATE INDEX determinations_policy_version_id_idx ON filmwg.determinations (policy_version_id);
COMMENT ON INDEX filmwg.determinations_policy_version_id_idx IS 'Determinations of a policy version.';

-- ---------------------------------------------------------------------------------------------
-- determination_changes

CREATE TABLE filmwg.determination_changes (
    run_id             bigint NOT NULL CONSTRAINT determination_changes_run_id_fkey
        REFERENCES filmwg.job_runs (id) ON DELETE CASCADE,
    policy_version_id  bigint NOT NULL CONSTRAINT determination_changes_policy_version_id_fkey
        REFERENCES filmwg.policy_versions (id),
    company_id         bigint NOT NULL CONSTRAINT determination_changes_company_id_fkey
        REFERENCES filmwg.companies (id),
    change             text NOT NULL
        CONSTRAINT determination_changes_change_check CHECK (change IN ('newly_eligible', 'no_longer_eligible')),
    previous_run_id    bigint CONSTRAINT determination_changes_previous_run_id_fkey
        REFERENCES filmwg.job_runs (id) ON DELETE SET NULL,
    CONSTRAINT determination_changes_pkey PRIMARY KEY (run_id, policy_version_id, company_id)
);
COMMENT ON TABLE filmwg.determination_changes IS 'What changed in a run compared with the previous succeeded run of the same job.';
COMMENT ON COLUMN filmwg.determination_changes.run_id IS 'The run that saw the change.';
COMMENT ON COLUMN filmwg.determination_changes.policy_version_id IS 'The policy version of the determination in this run (or of the previous run''s when the policy has no version valid any more).';
COMMENT ON COLUMN filmwg.determination_changes.company_id IS 'The company.';
COMMENT ON COLUMN filmwg.determination_changes.change IS 'newly_eligible or no_longer_eligible (determination_changes_change_check).';
COMMENT ON COLUMN filmwg.determination_changes.previous_run_id IS 'The succeeded run compared with; NULL when there was none.';

CREATE INDEX determination_changes_company_id_idx ON filmwg.determination_changes (company_id);
COMMENT ON INDEX filmwg.determination_changes_company_id_idx IS 'Changes of a company.';

-- ---------------------------------------------------------------------------------------------
-- grants

CREATE TABLE filmwg.grants (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id          bigint NOT NULL CONSTRAINT grants_policy_id_fkey REFERENCES filmwg.policies (id),
    company_id         bigint NOT NULL CONSTRAINT grants_company_id_fkey REFERENCES filmwg.companies (id),
    run_id             bigint,
    policy_version_id  bigint,
    amount             numeric(20,2) NOT NULL
        CONSTRAINT grants_amount_check CHECK (amount >= 0),
    status             text NOT NULL DEFAULT 'applied'
        CONSTRAINT grants_status_check CHECK (status IN ('applied', 'approved', 'rejected', 'paid')),
    applied_on         date NOT NULL DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date,
    decided_on         date,
    paid_on            date,
    notes              text,
    row_version        integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grants_determination_fkey FOREIGN KEY (run_id, policy_version_id, company_id)
        REFERENCES filmwg.determinations (run_id, policy_version_id, company_id),
    CONSTRAINT grants_determination_check CHECK ((run_id IS NULL) = (policy_version_id IS NULL)),
    CONSTRAINT grants_dates_check CHECK (decided_on >= applied_on AND paid_on >= applied_on)
);
COMMENT ON TABLE filmwg.grants IS 'Benefits actually granted (or applied for) under a policy, and the determination they rest on.';
COMMENT ON COLUMN filmwg.grants.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.grants.policy_id IS 'The policy.';
COMMENT ON COLUMN filmwg.grants.company_id IS 'The receiving company.';
COMMENT ON COLUMN filmwg.grants.run_id IS 'With policy_version_id and company_id: the determination the grant rests on (grants_determination_fkey); both NULL or both set (grants_determination_check).';
COMMENT ON COLUMN filmwg.grants.policy_version_id IS 'The policy version of that determination; must belong to policy_id (grants_policy_version_check).';
COMMENT ON COLUMN filmwg.grants.amount IS 'Amount in CNY, >= 0 (grants_amount_check), at most the policy''s cap (grants_amount_cap).';
COMMENT ON COLUMN filmwg.grants.status IS 'applied, approved, rejected or paid (grants_status_check).';
COMMENT ON COLUMN filmwg.grants.applied_on IS 'Day of application (default today in Asia/Shanghai); its year is the grant''s year.';
COMMENT ON COLUMN filmwg.grants.decided_on IS 'Day of approval or rejection, not before applied_on (grants_dates_check).';
COMMENT ON COLUMN filmwg.grants.paid_on IS 'Day of payment, not before applied_on (grants_dates_check).';
COMMENT ON COLUMN filmwg.grants.notes IS 'Free notes.';
COMMENT ON COLUMN filmwg.grants.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.grants.created_at IS 'When the record was created.';

CREATE INDEX grants_company_id_idx ON filmwg.grants (company_id, applied_on);
COMMENT ON INDEX filmwg.grants_company_id_idx IS 'Grants of a company (fact granted_this_year).';
CREATE INDEX grants_policy_id_idx ON filmwg.grants (policy_id);
COMMENT ON INDEX filmwg.grants_policy_id_idx IS 'Grants under a policy.';
CREATE INDEX grants_determination_idx ON filmwg.grants (run_id, policy_version_id, company_id)
    WHERE run_id IS NOT NULL;
COMMENT ON INDEX filmwg.grants_determination_idx IS 'Grants resting on a determination (keeps deletes of runs fast).';

CREATE FUNCTION filmwg.check_grant() RETURNS trigger
    LANGUAGE plpgsql AS
$$
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
COMMENT ON FUNCTION filmwg.check_grant() IS
    'Trigger check_grant of grants (BEFORE INSERT OR UPDATE OF amount, policy_id, policy_version_id): check_violation (23514) with constraint grants_amount_cap "grant amount A exceeds the cap C of policy CODE"; with constraint grants_policy_version_check "policy version ID belongs to policy CODE, not to policy CODE".';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.grants
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.grants IS 'Optimistic locking (FW409).';
CREATE TRIGGER check_grant BEFORE INSERT OR UPDATE OF amount, policy_id, policy_version_id ON filmwg.grants
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_grant();
COMMENT ON TRIGGER check_grant ON filmwg.grants IS 'Amount within the policy''s cap; version of the same policy.';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.grants
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.grants IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- Privileges

REVOKE ALL ON filmwg.policies, filmwg.policy_versions, filmwg.grants, filmwg.job_runs,
    filmwg.determinations, filmwg.determination_changes FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON filmwg.policies, filmwg.policy_versions, filmwg.grants
    TO filmwg_admin;
GRANT SELECT ON filmwg.job_runs, filmwg.determinations, filmwg.determination_changes
    TO filmwg_admin;
GRANT SELECT ON filmwg.policies, filmwg.policy_versions, filmwg.grants TO filmwg_job;
GRANT SELECT, INSERT, UPDATE ON filmwg.job_runs TO filmwg_job;
GRANT SELECT, INSERT, UPDATE, DELETE ON filmwg.determinations, filmwg.determination_changes
    TO filmwg_job;

RESET ROLE;
