-- 0001_roles_and_schema: roles, schemas, extensions, and the machinery every record table
-- shares: optimistic locking (row_version) and the audit log.
--
-- Run by the migrator as a superuser or as the database owner (with CREATEROLE when the roles
-- do not exist yet). Roles are cluster-wide, so they are created only when missing; everything
-- else belongs to this database. Objects are created under `SET ROLE filmwg_owner`, so
-- filmwg_owner owns them; the file ends with RESET ROLE so the migrator's own bookkeeping runs
-- as the migrator.
--
-- Custom SQLSTATE defined here: FW409 (stale row_version, see filmwg.check_row_version).

-- Roles: NOLOGIN group roles; login users are granted one of them by the operator.
-- Another database of the same cluster may be migrating at the same moment, so a concurrent
-- creation of the same role (unique_violation on pg_authid) counts as "already there".
DO $roles$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT * FROM (VALUES
            ('filmwg_owner', 'filmwg: owns the schemas filmwg and reporting and every object in them; runs migrations.'),
            ('filmwg_admin', 'filmwg: the admins'' command-line tool; reads and writes the records, reads the audit log and job results.'),
            ('filmwg_job', 'filmwg: the nightly eligibility job; reads the records, writes job runs and determinations.'),
            ('filmwg_reporting', 'filmwg: analysts; reads the views of schema reporting and nothing else.')
        ) AS v(name, description)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r.name);
                EXECUTE format('COMMENT ON ROLE %I IS %L', r.name, r.description);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;

    -- A non-superuser migrator (the database owner with CREATEROLE) must be able to
    -- SET ROLE filmwg_owner below.
    IF NOT pg_has_role(current_user, 'filmwg_owner', 'MEMBER') THEN
        EXECUTE format('GRANT filmwg_owner TO %I', current_user);
    END IF;

    -- filmwg_owner may create schemas (future migrations) and temporary tables here.
    IF NOT has_database_privilege('filmwg_owner', current_database(), 'CREATE') THEN
        EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO filmwg_owner',
                       current_database());
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO filmwg_admin, filmwg_job, filmwg_reporting',
                   current_database());
END
$roles$;

-- btree_gist: exclusion constraints that mix `=` on ids with `&&` on ranges.
-- pg_trgm: trigram indexes for name search (ILIKE '%…%', similarity).
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- The migrator may have created schema filmwg already (for its own history table).
CREATE SCHEMA IF NOT EXISTS filmwg AUTHORIZATION filmwg_owner;
ALTER SCHEMA filmwg OWNER TO filmwg_owner;
CREATE SCHEMA IF NOT EXISTS reporting AUTHORIZATION filmwg_owner;
ALTER SCHEMA reporting OWNER TO filmwg_owner;

SET ROLE filmwg_owner;

COMMENT ON SCHEMA filmwg IS
    'Records of the Internet Film Working Group of the Internet Society of China: companies, memberships, professionals, events, positions, policies, eligibility job results and the audit log. 中国互联网协会互联网影视工作组的业务记录。';
COMMENT ON SCHEMA reporting IS
    'Read-only reporting views for analysts (role filmwg_reporting); no personal contact data. 供分析人员使用的只读报表视图，不含个人联系方式。';

REVOKE ALL ON SCHEMA filmwg FROM PUBLIC;
REVOKE ALL ON SCHEMA reporting FROM PUBLIC;
GRANT USAGE ON SCHEMA filmwg TO filmwg_admin, filmwg_job;
GRANT USAGE ON SCHEMA reporting TO filmwg_reporting, filmwg_admin, filmwg_job;

-- ---------------------------------------------------------------------------------------------
-- The acting user

CREATE FUNCTION filmwg.current_actor() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN coalesce(nullif(current_setting('filmwg.actor', true), ''), session_user::text);
COMMENT ON FUNCTION filmwg.current_actor() IS
    'The acting user: the session setting filmwg.actor (set by the application with set_config(''filmwg.actor'', NAME, false)), else the session user.';

-- ---------------------------------------------------------------------------------------------
-- Optimistic locking

CREATE FUNCTION filmwg.check_row_version() RETURNS trigger
    LANGUAGE plpgsql AS
$$
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
COMMENT ON FUNCTION filmwg.check_row_version() IS
    'BEFORE INSERT OR UPDATE trigger of every admin-edited table (trigger name check_row_version). On insert, row_version starts at 1. On update, a caller that names a version (UPDATE … SET row_version = expected) that differs from the stored one gets SQLSTATE FW409 "stale row_version: expected N, current M" and nothing is written; otherwise row_version becomes the stored version + 1.';

-- ---------------------------------------------------------------------------------------------
-- Audit log

CREATE TABLE filmwg.audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text NOT NULL,
    table_name  text NOT NULL,
    row_id      text NOT NULL,
    action      text NOT NULL
        CONSTRAINT audit_log_action_check CHECK (action IN ('insert', 'update', 'delete')),
    old_values  jsonb,
    new_values  jsonb
);
COMMENT ON TABLE filmwg.audit_log IS
    'One row per inserted, updated or deleted row of every admin-edited table, written by trigger audit. Append-only for everyone but filmwg_owner. Personal fields of erased professionals are removed (see filmwg.erase_professional).';
COMMENT ON COLUMN filmwg.audit_log.id IS 'Surrogate key, in order of writing.';
COMMENT ON COLUMN filmwg.audit_log.at IS 'When the change was made (clock time of the change, not of the transaction start).';
COMMENT ON COLUMN filmwg.audit_log.actor IS 'Who made the change: session setting filmwg.actor, else the database session user.';
COMMENT ON COLUMN filmwg.audit_log.table_name IS 'Table changed, without schema (e.g. companies).';
COMMENT ON COLUMN filmwg.audit_log.row_id IS 'Primary key of the changed row as text; composite keys joined by commas in key order (election_candidates: "election_id,professional_id").';
COMMENT ON COLUMN filmwg.audit_log.action IS 'insert, update or delete.';
COMMENT ON COLUMN filmwg.audit_log.old_values IS 'The whole row before the change (NULL on insert), as JSON keyed by column name.';
COMMENT ON COLUMN filmwg.audit_log.new_values IS 'The whole row after the change (NULL on delete), as JSON keyed by column name.';

CREATE INDEX audit_log_table_row_idx ON filmwg.audit_log (table_name, row_id);
COMMENT ON INDEX filmwg.audit_log_table_row_idx IS 'History of one record.';
CREATE INDEX audit_log_at_idx ON filmwg.audit_log (at);
COMMENT ON INDEX filmwg.audit_log_at_idx IS 'filmwg audit --since DATE.';

REVOKE ALL ON filmwg.audit_log FROM PUBLIC;
GRANT SELECT ON filmwg.audit_log TO filmwg_admin;

CREATE FUNCTION filmwg.personal_fields() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY['full_name', 'latin_name', 'email', 'phone'];
COMMENT ON FUNCTION filmwg.personal_fields() IS
    'Columns of filmwg.professionals that are personal data: nulled by an erase and removed from audit rows of erased professionals.';

CREATE FUNCTION filmwg.audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
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

    INSERT INTO audit_log (actor, table_name, row_id, action, old_values, new_values)
    VALUES (coalesce(nullif(current_setting('filmwg.actor', true), ''), session_user),
            TG_TABLE_NAME, row_id, lower(TG_OP), old_values, new_values);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION filmwg.audit() IS
    'AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW trigger (trigger name audit) of every admin-edited table; arguments: the primary key column names. Writes exactly one filmwg.audit_log row per changed row, as filmwg_owner. For professionals, personal fields are left out when the row is (or becomes) erased or when the session setting filmwg.erasing is ''on''.';
REVOKE ALL ON FUNCTION filmwg.audit() FROM PUBLIC;

RESET ROLE;
