-- =============================================================================================
-- SYNTHETIC DATA for measuring the eligibility job — fictional, for a scratch database only.
-- =============================================================================================
-- Generates :companies companies (psql variable) with memberships, one professional and one
-- employment each, 200 events over 2019–2026 and about three attendances per professional.
--
--   createdb filmwg_scale && filmwg --database dbname=filmwg_scale db migrate
--   psql -d filmwg_scale -v companies=100000 -f scripts/sample/scale.sql
--
-- Triggers (audit log, row versions) and foreign-key checks are switched off while it loads
-- (session_replication_role = replica, which needs a superuser): the rows are consistent by
-- construction, and an audit trail of synthetic rows would only slow the load down.

\set ON_ERROR_STOP on
BEGIN;
SET LOCAL session_replication_role = replica;

INSERT INTO filmwg.companies (name, kind, district, registered_in_zone, zone_registered_on,
                              registered_capital, founded_on, employees)
SELECT 'Scale company ' || i,
       (ARRAY['internet_platform', 'production', 'distribution', 'post_production', 'technology',
              'investment', 'other'])[1 + i % 7],
       CASE WHEN i % 3 <> 0 THEN '怀柔区' ELSE '朝阳区' END,
       i % 3 <> 0,
       CASE WHEN i % 3 <> 0 THEN date '2012-01-01' + (i * 37 % 5000) END,
       CASE WHEN i % 17 = 0 THEN NULL ELSE ((i::bigint * 7919) % 20000000)::numeric(20,2) END,
       CASE WHEN i % 23 = 0 THEN NULL ELSE date '2000-01-01' + (i * 13 % 9000) END,
       i % 500
  FROM generate_series(1, :companies) AS i;

-- Triggers are off, so each company's first dated values (filmwg.company_versions, migration
-- 0011) are written here, in force from its founding day as the trigger would write them.
INSERT INTO filmwg.company_versions (company_id, valid, name, name_zh, kind, district, registered_in_zone,
                                     zone_registered_on, registered_capital, employees, changed_fields)
SELECT c.id, daterange(c.founded_on, NULL), c.name, c.name_zh, c.kind, c.district, c.registered_in_zone,
       c.zone_registered_on, c.registered_capital, c.employees, filmwg.company_value_fields()
  FROM filmwg.companies c
 WHERE c.name LIKE 'Scale company %'
   AND NOT EXISTS (SELECT 1 FROM filmwg.company_versions v WHERE v.company_id = c.id);

-- 60% are members; a fifth of those left again.
INSERT INTO filmwg.memberships (company_id, tier, period)
SELECT c.id, (ARRAY['initiating', 'member', 'observer'])[1 + c.id % 3],
       daterange(date '2017-05-20' + (c.id % 2000)::int,
                 CASE WHEN c.id % 5 = 0 THEN date '2017-05-20' + (c.id % 2000)::int + 700 END, '[)')
  FROM filmwg.companies c
 WHERE c.name LIKE 'Scale company %' AND c.id % 5 < 3;

INSERT INTO filmwg.events (name, kind, starts_at)
SELECT 'Scale event ' || e, 'forum',
       timestamptz '2019-01-05 09:30+08' + (e * 14) * interval '1 day'
  FROM generate_series(1, 200) AS e;

INSERT INTO filmwg.professionals (full_name)
SELECT 'Scale person ' || c.id FROM filmwg.companies c WHERE c.name LIKE 'Scale company %';

INSERT INTO filmwg.employments (professional_id, company_id, period)
SELECT p.id, c.id, daterange(date '2015-01-01', NULL)
  FROM filmwg.professionals p
  JOIN filmwg.companies c ON c.name = 'Scale company ' || substr(p.full_name, 14)
 WHERE p.full_name LIKE 'Scale person %';

INSERT INTO filmwg.attendance (event_id, professional_id, company_id)
SELECT ev.id, em.professional_id, em.company_id
  FROM filmwg.employments em
  CROSS JOIN generate_series(1, 3) AS k
  JOIN LATERAL (SELECT id FROM filmwg.events WHERE name = 'Scale event ' || (1 + (em.company_id * k * 31) % 200)) ev ON true
 WHERE em.company_id IN (SELECT id FROM filmwg.companies WHERE name LIKE 'Scale company %')
ON CONFLICT ON CONSTRAINT attendance_event_professional_key DO NOTHING;

COMMIT;
ANALYZE;
