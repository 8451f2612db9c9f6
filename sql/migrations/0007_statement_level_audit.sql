-- 0007_statement_level_audit: the audit log of inserts written once per statement, set-based,
-- and the USCC check without a PL/pgSQL call per valid row. Both for bulk imports.
-- (Number 0009 was reserved for it; it takes the next free number because migrations are
-- numbered contiguously, see SchemaRulesTests.)
--
-- Measured (scripts/bench, 100,000 companies inserted by one INSERT … SELECT, backend CPU):
-- the per-row AFTER trigger `audit` was 40 % of the insert (≈ 55 µs a row: a PL/pgSQL call with
-- SECURITY DEFINER and SET search_path, to_jsonb, and an SPI INSERT per row), the USCC check
-- another 20 % (filmwg.uscc_problem, a PL/pgSQL loop, run twice per row: by the CHECK
-- constraint and by the BEFORE trigger check_uscc).
--
-- 1. Inserts: on every table of schema filmwg whose trigger `audit` runs filmwg.audit() for
--    each row, that trigger now fires for UPDATE and DELETE only (same function, same
--    arguments), and a new statement-level trigger `audit_insert` (AFTER INSERT, REFERENCING NEW
--    TABLE AS inserted) writes the audit rows of all rows the statement inserted with one
--    INSERT … SELECT: exactly one row per inserted row, same actor, table_name, row_id, action
--    and new_values as before, personal fields of professionals left out under the same
--    conditions. Only `at` differs slightly: clock time when the statement's audit rows are
--    written (its end), not of each row. Tables created by later migrations should use the same
--    pair of triggers (see filmwg.audit_inserted).
-- 2. USCC: filmwg.uscc_is_valid(code), one SQL expression that the planner inlines, replaces
--    filmwg.uscc_problem(uscc) IS NULL in constraint companies_uscc_check (same name, same
--    rows accepted), and guards trigger check_uscc with WHEN, so the trigger (and its readable
--    message) runs only for an invalid code.

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0007_statement_level_audit', true);

-- ---------------------------------------------------------------------------------------------
-- Audit rows of inserts, per statement

CREATE FUNCTION filmwg.audit_inserted() RETURNS trigger
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
        INSERT INTO audit_log (actor, table_name, row_id, action, old_values, new_values)
        SELECT $1, $2, %s, 'insert', NULL,
               CASE WHEN $3 AND ($4 OR (j ->> 'erased_at') IS NOT NULL) THEN j - personal_fields() ELSE j END
          FROM (SELECT to_jsonb(i) AS j FROM inserted AS i) AS rows
        $sql$, row_id_sql)
    USING coalesce(nullif(current_setting('filmwg.actor', true), ''), session_user::text),
          TG_TABLE_NAME::text,
          TG_TABLE_NAME = 'professionals',
          coalesce(current_setting('filmwg.erasing', true), '') = 'on';
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION filmwg.audit_inserted() IS
    'AFTER INSERT FOR EACH STATEMENT trigger (trigger name audit_insert, REFERENCING NEW TABLE AS inserted) of every admin-edited table; arguments: the primary key column names. Writes, with one INSERT … SELECT, exactly one filmwg.audit_log row (action insert) per row the statement inserted, as filmwg_owner, with the same actor, row_id and new_values that filmwg.audit() writes for a row; for professionals, personal fields are left out when the row is erased or the session setting filmwg.erasing is ''on''. UPDATE and DELETE stay with the row-level trigger audit.';
REVOKE ALL ON FUNCTION filmwg.audit_inserted() FROM PUBLIC;

DO $triggers$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT tr.tgrelid::regclass AS tbl, c.relname,
               -- tgargs holds each argument followed by a NUL byte (\000 in escape encoding); the
               -- arguments here are key column names.
               (SELECT string_agg(quote_literal(arg), ', ' ORDER BY n)
                  FROM unnest(string_to_array(encode(tr.tgargs, 'escape'), '\000')) WITH ORDINALITY AS a(arg, n)
                 WHERE n <= tr.tgnargs) AS args,
               obj_description(tr.oid, 'pg_trigger') AS comment
          FROM pg_trigger tr
          JOIN pg_class c ON c.oid = tr.tgrelid
          JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE ns.nspname = 'filmwg'
           AND tr.tgname = 'audit'
           AND NOT tr.tgisinternal
           AND tr.tgfoid = 'filmwg.audit()'::regprocedure
           AND (tr.tgtype & 1) = 1   -- FOR EACH ROW
           AND (tr.tgtype & 4) = 4   -- INSERT among its events
         ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TRIGGER audit ON %s', t.tbl);
        EXECUTE format('CREATE TRIGGER audit AFTER UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION filmwg.audit(%s)',
                       t.tbl, t.args);
        EXECUTE format('COMMENT ON TRIGGER audit ON %s IS %L', t.tbl,
                       coalesce(t.comment, 'Audit log.') || ' Updates and deletes, one audit row per row; inserts: trigger audit_insert.');
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS inserted '
                       'FOR EACH STATEMENT EXECUTE FUNCTION filmwg.audit_inserted(%s)', t.tbl, t.args);
        EXECUTE format('COMMENT ON TRIGGER audit_insert ON %s IS %L', t.tbl,
                       'Audit log of inserts: one audit row per inserted row, written once per statement (filmwg.audit_inserted).');
    END LOOP;
END
$triggers$;

-- ---------------------------------------------------------------------------------------------
-- USCC check without PL/pgSQL for valid codes

-- One expression, no SELECT: the planner inlines it into the CHECK constraint and the trigger's
-- WHEN clause, so no function is called per row.
CREATE FUNCTION filmwg.uscc_is_valid(code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'
       AND substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                  (31 - ((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 1, 1)) - 1) * 1
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 2, 1)) - 1) * 3
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 3, 1)) - 1) * 9
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 4, 1)) - 1) * 27
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 5, 1)) - 1) * 19
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 6, 1)) - 1) * 26
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 7, 1)) - 1) * 16
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 8, 1)) - 1) * 17
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 9, 1)) - 1) * 20
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 10, 1)) - 1) * 29
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 11, 1)) - 1) * 25
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 12, 1)) - 1) * 13
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 13, 1)) - 1) * 8
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 14, 1)) - 1) * 24
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 15, 1)) - 1) * 10
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 16, 1)) - 1) * 30
                       + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 17, 1)) - 1) * 28) % 31) % 31 + 1,
                  1) = substr(code, 18, 1);
COMMENT ON FUNCTION filmwg.uscc_is_valid(text) IS
    'Whether a Unified Social Credit Code is valid (GB 32100-2015: 18 characters of 0123456789ABCDEFGHJKLMNPQRTUWXY, check character over weights 3^(i-1) mod 31); NULL for NULL. Accepts exactly the codes for which filmwg.uscc_problem is NULL; one inlinable expression, for the CHECK constraint and the WHEN of trigger check_uscc. filmwg.uscc_problem says why a code is invalid.';
GRANT EXECUTE ON FUNCTION filmwg.uscc_is_valid(text) TO filmwg_admin, filmwg_job;

ALTER TABLE filmwg.companies
    DROP CONSTRAINT companies_uscc_check,
    ADD CONSTRAINT companies_uscc_check CHECK (filmwg.uscc_is_valid(uscc));
COMMENT ON CONSTRAINT companies_uscc_check ON filmwg.companies IS
    'uscc is a valid Unified Social Credit Code (filmwg.uscc_is_valid); trigger check_uscc reports an invalid one first, with the reason from filmwg.uscc_problem.';

DROP TRIGGER check_uscc ON filmwg.companies;
CREATE TRIGGER check_uscc BEFORE INSERT OR UPDATE OF uscc ON filmwg.companies
    FOR EACH ROW WHEN (NOT filmwg.uscc_is_valid(NEW.uscc)) EXECUTE FUNCTION filmwg.check_uscc();
COMMENT ON TRIGGER check_uscc ON filmwg.companies IS
    'Readable USCC errors (23514, companies_uscc_check); fires only for an invalid code (WHEN NOT filmwg.uscc_is_valid).';

RESET ROLE;
