-- reporting.company_engagement: how engaged each company is.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.company_engagement AS
SELECT c.id AS company_id,
       c.uscc,
       c.name,
       c.name_zh,
       coalesce(ev.events_attended, 0)::integer AS events_attended,
       ev.last_event_at,
       coalesce(ra.positions_held_now, 0)::integer AS positions_held_now,
       coalesce(ra.positions_ever, 0)::integer AS positions_ever
  FROM filmwg.companies c
  LEFT JOIN (
        SELECT a.company_id, count(DISTINCT a.event_id) AS events_attended,
               max(e.starts_at) AS last_event_at
          FROM filmwg.attendance a
          JOIN filmwg.events e ON e.id = a.event_id
         WHERE a.company_id IS NOT NULL
         GROUP BY a.company_id
       ) ev ON ev.company_id = c.id
  LEFT JOIN (
        SELECT r.company_id,
               count(*) FILTER (WHERE r.term @> (now() AT TIME ZONE 'Asia/Shanghai')::date) AS positions_held_now,
               count(*) AS positions_ever
          FROM filmwg.role_assignments r
         WHERE r.company_id IS NOT NULL
         GROUP BY r.company_id
       ) ra ON ra.company_id = c.id
 WHERE c.archived_at IS NULL;

COMMENT ON VIEW reporting.company_engagement IS
    'Per active company: events attended on its behalf and positions of the working group held on its behalf, now (Asia/Shanghai) and ever. 各单位参与情况：代表该单位参加的活动数，以及当前和历来担任的工作组职务数。';
COMMENT ON COLUMN reporting.company_engagement.company_id IS 'Company id. 单位编号。';
COMMENT ON COLUMN reporting.company_engagement.uscc IS 'Unified Social Credit Code, if known. 统一社会信用代码（如有）。';
COMMENT ON COLUMN reporting.company_engagement.name IS 'Company name. 单位名称。';
COMMENT ON COLUMN reporting.company_engagement.name_zh IS 'Chinese name. 中文名称。';
COMMENT ON COLUMN reporting.company_engagement.events_attended IS 'Distinct events attended on the company''s behalf. 代表该单位参加的活动数。';
COMMENT ON COLUMN reporting.company_engagement.last_event_at IS 'Start of the latest such event. 最近一次参加活动的开始时间。';
COMMENT ON COLUMN reporting.company_engagement.positions_held_now IS 'Role assignments on the company''s behalf whose term contains today. 当前担任的职务数。';
COMMENT ON COLUMN reporting.company_engagement.positions_ever IS 'All role assignments ever on the company''s behalf. 历来担任的职务数。';

GRANT SELECT ON reporting.company_engagement TO filmwg_reporting, filmwg_admin;

RESET ROLE;
