-- reporting.company_engagement: how engaged each company is, up to the report day
-- (reporting.as_of()).
SET ROLE filmwg_owner;

-- One row per company, its counts found by per-company subqueries (LATERAL, on the indexes of
-- attendance, role_assignments and company_versions by company): rows stream in the order of
-- companies, so the first hundred come at once instead of after aggregating every attendance.
-- LIMIT 1 keeps the planner from flattening the versions' lookup into a hash join over all of
-- them.
CREATE OR REPLACE VIEW reporting.company_engagement AS
SELECT c.id AS company_id,
       c.uscc,
       coalesce(cv.name, c.name) AS name,
       CASE WHEN cv.id IS NULL THEN c.name_zh ELSE cv.name_zh END AS name_zh,
       ev.events_attended,
       ev.last_event_at,
       ra.positions_held_now,
       ra.positions_ever,
       coalesce(cv.kind, c.kind) AS kind,
       ev.attendances
  FROM filmwg.companies c
  -- names and kind in force on the report day (filmwg.company_versions)
  LEFT JOIN LATERAL (
        -- the latest version begun by the day, if still in force on it (versions do not
        -- overlap), found on the btree index by company (a GiST probe costs 4× as much)
        SELECT v.*
          FROM (SELECT v.id, v.name, v.name_zh, v.kind, v.valid
                  FROM filmwg.company_versions v
                 WHERE v.company_id = c.id AND (lower(v.valid) <= reporting.as_of() OR lower_inf(v.valid))
                 ORDER BY lower(v.valid) DESC NULLS LAST
                 LIMIT 1) v
         WHERE v.valid @> reporting.as_of()
       ) cv ON true
 CROSS JOIN LATERAL (
        SELECT count(DISTINCT a.event_id)::integer AS events_attended,
               count(*)::integer AS attendances,
               max(e.starts_at) AS last_event_at
          FROM filmwg.attendance a
          JOIN filmwg.events e ON e.id = a.event_id
         WHERE a.company_id = c.id
           -- events that started by the end of the report day (Asia/Shanghai)
           AND e.starts_at < (reporting.as_of() + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       ) ev
 CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE r.term @> reporting.as_of())::integer AS positions_held_now,
               count(*)::integer AS positions_ever
          FROM filmwg.role_assignments r
         WHERE r.company_id = c.id
           AND lower(r.term) <= reporting.as_of()
       ) ra
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
