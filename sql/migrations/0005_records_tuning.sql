-- 0005_records_tuning: privileges the admins' bulk imports need.
--
-- `filmwg professional import` stages the file in a TEMP table and writes it set-based. To give
-- each new professional's employment its person without a query per row, it takes the new ids
-- from the professionals' identity sequence up front (nextval) and inserts them with
-- OVERRIDING SYSTEM VALUE, which needs USAGE on that sequence. Imports also need TEMPORARY on
-- the database, which PostgreSQL grants to PUBLIC by default; it is granted here explicitly so
-- that a hardened database (TEMPORARY revoked from PUBLIC) still lets admins import.

DO $grants$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO filmwg_admin', current_database());
END
$grants$;

SET ROLE filmwg_owner;

DO $sequence$
DECLARE
    seq text := pg_get_serial_sequence('filmwg.professionals', 'id');
BEGIN
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO filmwg_admin', seq);
    EXECUTE format('COMMENT ON SEQUENCE %s IS %L', seq,
        'Identity of filmwg.professionals. filmwg_admin has USAGE so that professional import can take ids up front (nextval) and insert them with OVERRIDING SYSTEM VALUE.');
END
$sequence$;

RESET ROLE;
