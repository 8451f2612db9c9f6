-- 0006_reporting_indexes: what the reporting views need to answer quickly at the target scale
-- (100,000 companies, 300,000 professionals, 2,000 events, 200,000 attendances).
--
-- Measured with EXPLAIN ANALYZE on every view of schema reporting over generated records of
-- that size (scripts/bench-reporting). Only one view gained from a new index; the others
-- read whole tables once (a sequential scan is their best plan) or already have the index
-- they need (attendance (company_id, event_id), determinations' primary key on run_id).

SET ROLE filmwg_owner;

-- reporting.event_attendance counts distinct companies per (event, role). Without this index
-- the 200,000 attendance rows are sorted on disk (external merge) at every call; with it they
-- come in order from an index-only scan and only each event's own few rows are sorted.
CREATE INDEX attendance_event_role_company_idx ON filmwg.attendance (event_id, role, company_id);
COMMENT ON INDEX filmwg.attendance_event_role_company_idx IS
    'Attendance per event and role, with the company (reporting.event_attendance: companies per role without a sort of the whole table).';

RESET ROLE;
