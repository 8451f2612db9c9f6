-- 0015_least_privilege: each role holds only what its work needs, and the audit log names the
-- database login behind every change.
--
-- 1. filmwg_job reads professionals without their contact data: SELECT on every column of
--    filmwg.professionals but email and phone (column privileges; the facts never need them).
--    It can no longer DELETE determinations or determination changes (a run only adds; runs
--    are dropped by `eligibility prune`, an admin's command, as filmwg_owner's functions).
-- 2. TEMPORARY on the database is revoked from PUBLIC and granted to the roles that stage data
--    in temp tables: filmwg_owner and filmwg_admin (imports). filmwg_job and filmwg_reporting
--    get none. Database privileges do not travel with CREATE DATABASE … TEMPLATE, so they are
--    set by filmwg.apply_database_privileges(), which this migration calls and which an
--    operator (or a test) calls again on a database cloned from a migrated template.
-- 3. filmwg.audit_log.session_user_name: the database login (session_user) that made each
--    change, beside the self-declared actor. Older rows keep NULL (it was not recorded).
-- 4. The actor behind a pooler: filmwg.current_actor() and the audit triggers read the actor
--    from the setting filmwg.actor, else from application_name 'filmwg (ACTOR)' (PgBouncer
--    keeps each client's application_name on the server connection it lends; a session-level
--    filmwg.actor would stay behind for the next client), else session_user.

CREATE FUNCTION public.filmwg_apply_database_privileges() RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO filmwg_owner, filmwg_admin', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO filmwg_owner, filmwg_admin, filmwg_job, filmwg_reporting',
                   current_database());
END
$$;
COMMENT ON FUNCTION public.filmwg_apply_database_privileges() IS
    'Sets filmwg''s privileges on the current database (they are not copied by CREATE DATABASE … TEMPLATE): TEMPORARY revoked from PUBLIC and granted to filmwg_owner and filmwg_admin; CONNECT to the four filmwg roles. Run by the database owner or a superuser.';
REVOKE ALL ON FUNCTION public.filmwg_apply_database_privileges() FROM PUBLIC;
SELECT public.filmwg_apply_database_privileges();

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0015_least_privilege', true);

-- 1. The job's reads and writes.
REVOKE SELECT ON filmwg.professionals FROM filmwg_job;
DO $columns$
DECLARE
    allowed text;
BEGIN
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO allowed
      FROM pg_attribute
     WHERE attrelid = 'filmwg.professionals'::regclass AND attnum > 0 AND NOT attisdropped
       AND attname NOT IN ('email', 'phone');
    EXECUTE format('GRANT SELECT (%s) ON filmwg.professionals TO filmwg_job', allowed);
END
$columns$;
REVOKE DELETE ON filmwg.determinations, filmwg.determinations_default, filmwg.determination_changes
    FROM filmwg_job;
DO $partitions$
DECLARE
    p regclass;
BEGIN
    FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'filmwg.determinations'::regclass LOOP
        EXECUTE format('REVOKE DELETE ON %s FROM filmwg_job', p);
    END LOOP;
END
$partitions$;

-- 3. The login behind each audit row.
ALTER TABLE filmwg.audit_log ADD COLUMN session_user_name text;
ALTER TABLE filmwg.audit_log ALTER COLUMN session_user_name SET DEFAULT session_user;
COMMENT ON COLUMN filmwg.audit_log.session_user_name IS
    'The database login (session_user) the change was made under, whatever the self-declared actor; NULL for rows written before migration 0015.';

-- 4. The actor, also behind a transaction-mode pooler.
CREATE OR REPLACE FUNCTION filmwg.current_actor() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN coalesce(nullif(current_setting('filmwg.actor', true), ''),
                    nullif(substring(current_setting('application_name', true) FROM '^filmwg \((.*?)\)?$'), ''),
                    session_user::text);
COMMENT ON FUNCTION filmwg.current_actor() IS
    'The acting user: the setting filmwg.actor (set_config(''filmwg.actor'', NAME, false) on a direct connection, or SET LOCAL in a transaction), else the actor in application_name ''filmwg (NAME)'' (what filmwg sends behind a pooler, at most 63 bytes), else the session user.';

CREATE OR REPLACE FUNCTION filmwg.audit() RETURNS trigger
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

    INSERT INTO audit_log (actor, session_user_name, table_name, row_id, action, old_values, new_values)
    VALUES (current_actor(), session_user, TG_TABLE_NAME, row_id, lower(TG_OP), old_values, new_values);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION filmwg.audit_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
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
$$;

RESET ROLE;
