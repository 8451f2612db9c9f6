-- reporting.company_engagement: how engaged each company is, up to the report day
-- (reporting.as_of()).
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.company_engagement AS
SELECT c.id AS company_id,
       c.uscc,
       coalesce(cv.name, c.name) AS name,
       CASE WHEN cv.id IS NULL THEN c.name_zh ELSE cv.name_zh END AS name_zh,
       coalesce(ev.events_attended, 0)::integer AS events_attended,
       ev.last_event_at,
       coalesce(ra.positions_held_now, 0)::integer AS positions_held_now,
       coalesce(ra.positions_ever, 0)::integer AS positions_ever,
       coalesce(cv.kind, c.kind) AS kind,
       coalesce(ev.attendances, 0)::integer AS attendances
  FROM filmwg.companies c
  -- names and kind in force on the report day (filmwg.company_versions)
  LEFT JOIN filmwg.company_versions cv ON cv.company_id = c.id AND cv.valid @> reporting.as_of()
  LEFT JOIN (
        SELECT a.company_id,
               count(DISTINCT a.event_id) AS events_attended,
               count(*) AS attendances,
               max(e.starts_at) AS last_event_at
          FROM filmwg.attendance a
          JOIN filmwg.events e ON e.id = a.event_id
         WHERE a.company_id IS NOT NULL
           -- events that started by the end of the report day (Asia/Shanghai)
           AND e.starts_at < (reporting.as_of() + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
         GROUP BY a.company_id
       ) ev ON ev.company_id = c.id
  LEFT JOIN (
        SELECT r.company_id,
               count(*) FILTER (WHERE r.term @> reporting.as_of()) AS positions_held_now,
               count(*) AS positions_ever
          FROM filmwg.role_assignments r
         WHERE r.company_id IS NOT NULL
           AND lower(r.term) <= reporting.as_of()
         GROUP BY r.company_id
       ) ra ON ra.company_id = c.id
 WHERE c.archived_at IS NULL
    OR c.archived_at >= (reporting.as_of() + 1)::timestamp AT TIME ZONE 'Asia/Shanghai';

COMMENT ON VIEW reporting.company_engagement IS
    'Per company not archived by the report day: events attended on its behalf and positions of the working group held on its behalf, on and up to the report day (today in Asia/Shanghai, reporting.as_of(); company_engagement_as_of(day) for another day); names and kind in force on that day. 各单位截至报表日的参与情况：代表该单位参加的活动数和人次，以及报表日和历来担任的工作组职务数；报表日默认为北京时间当日。';
COMMENT ON COLUMN reporting.company_engagement.company_id IS 'Company id. 单位编号。';
COMMENT ON COLUMN reporting.company_engagement.uscc IS 'Unified Social Credit Code of the company (a public registration number), if known. 统一社会信用代码（单位公开登记号码，如有）。';
COMMENT ON COLUMN reporting.company_engagement.name IS 'Company name. 单位名称。';
COMMENT ON COLUMN reporting.company_engagement.name_zh IS 'Chinese name. 中文名称。';
COMMENT ON COLUMN reporting.company_engagement.events_attended IS 'Distinct events, started by the end of the report day, attended by someone on the company''s behalf. 截至报表日代表该单位参加的活动数。';
COMMENT ON COLUMN reporting.company_engagement.last_event_at IS 'Start of the latest such event; NULL when none. 最近一次参加的活动的开始时间。';
COMMENT ON COLUMN reporting.company_engagement.positions_held_now IS 'Role assignments on the company''s behalf whose term contains the report day. 报表日担任的职务数。';
COMMENT ON COLUMN reporting.company_engagement.positions_ever IS 'Role assignments on the company''s behalf begun on or before the report day. 截至报表日历来担任的职务数。';
COMMENT ON COLUMN reporting.company_engagement.kind IS 'Kind of company: internet_platform, production, distribution, post_production, technology, investment or other. 单位类型。';
COMMENT ON COLUMN reporting.company_engagement.attendances IS 'Attendances on the company''s behalf at those events (one per professional and event). 截至报表日代表该单位参会的人次。';

GRANT SELECT ON reporting.company_engagement TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE FUNCTION reporting.company_engagement_as_of(day date)
    RETURNS SETOF reporting.company_engagement
    LANGUAGE plpgsql STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.company_engagement;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;
COMMENT ON FUNCTION reporting.company_engagement_as_of(date) IS
    'reporting.company_engagement up to the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 截至指定日期的单位参与情况，列与 company_engagement 相同。';
REVOKE ALL ON FUNCTION reporting.company_engagement_as_of(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting.company_engagement_as_of(date) TO filmwg_reporting, filmwg_admin;

RESET ROLE;
