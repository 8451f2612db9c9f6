-- reporting.member_roster: the member companies on the report day (reporting.as_of()).
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.member_roster AS
-- The values in force on the report day looked up per member (LATERAL, on company_versions'
-- index by company; LIMIT 1 keeps it a per-row lookup): rows stream, so the first hundred come at once; finding every version of the
-- day first (a scan of company_versions and a hash join) took seconds at 1,000,000 companies.
SELECT c.id AS company_id,
       c.uscc,
       coalesce(cv.name, c.name) AS name,
       CASE WHEN cv.id IS NULL THEN c.name_zh ELSE cv.name_zh END AS name_zh,
       coalesce(cv.kind, c.kind) AS kind,
       m.tier,
       lower(m.period) AS member_since,
       CASE WHEN cv.id IS NULL THEN c.district ELSE cv.district END AS district,
       coalesce(cv.registered_in_zone, c.registered_in_zone) AS registered_in_zone,
       upper(m.period) AS left_on
  FROM filmwg.memberships m
  JOIN filmwg.companies c ON c.id = m.company_id
  -- the values in force on the report day (filmwg.company_versions); a member before its
  -- founding day shows its first values
  LEFT JOIN LATERAL (
        -- the latest version begun by the day, if still in force on it (versions do not
        -- overlap), found on the btree index by company (a GiST probe costs 4× as much)
        SELECT v.*
          FROM (SELECT v.id, v.name, v.name_zh, v.kind, v.district, v.registered_in_zone, v.valid
                  FROM filmwg.company_versions v
                 WHERE v.company_id = c.id AND (lower(v.valid) <= (SELECT reporting.as_of()) OR lower_inf(v.valid))
                 ORDER BY lower(v.valid) DESC NULLS LAST
                 LIMIT 1) v
         WHERE v.valid @> (SELECT reporting.as_of())
       ) cv ON true
 -- m.period @> the day, spelled with its bounds: the planner cannot estimate the members of a
 -- day it learns at run time and would build a bitmap of every membership on the GiST index
 -- before the first row; a scan that filters streams
 WHERE (lower_inf(m.period) OR lower(m.period) <= (SELECT reporting.as_of()))
   AND (upper_inf(m.period) OR upper(m.period) > (SELECT reporting.as_of()))
   -- archived companies drop out from the day after they were archived
   AND (c.archived_at IS NULL
        OR c.archived_at >= ((SELECT reporting.as_of()) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai');

COMMENT ON VIEW reporting.member_roster IS
    'Member companies on the report day and their tier. The report day is today in Asia/Shanghai (reporting.as_of()); member_roster_as_of(day) gives another day. Companies archived by the end of that day are left out; names, kind, district and zone registration are those in force on that day. 报表日的成员单位及其级别（名称、类型、所在区及示范区注册为当日有效的值）；报表日默认为北京时间当日（reporting.as_of()），其他日期用 member_roster_as_of(日期)；截至该日已归档的单位不列入。';
COMMENT ON COLUMN reporting.member_roster.company_id IS 'Company id. 单位编号。';
COMMENT ON COLUMN reporting.member_roster.uscc IS 'Unified Social Credit Code of the company (a public registration number), if known. 统一社会信用代码（单位公开登记号码，如有）。';
COMMENT ON COLUMN reporting.member_roster.name IS 'Company name. 单位名称。';
COMMENT ON COLUMN reporting.member_roster.name_zh IS 'Chinese name. 中文名称。';
COMMENT ON COLUMN reporting.member_roster.kind IS 'Kind of company: internet_platform, production, distribution, post_production, technology, investment or other. 单位类型。';
COMMENT ON COLUMN reporting.member_roster.tier IS 'Membership tier on the report day: initiating, member or observer. 成员级别：发起单位、成员或观察员。';
COMMENT ON COLUMN reporting.member_roster.member_since IS 'First day of the membership that contains the report day (a change of tier starts a new one). 本次入会日期（变更级别即开始新的成员资格）。';
COMMENT ON COLUMN reporting.member_roster.district IS 'District of registration, e.g. 怀柔区. 注册所在区。';
COMMENT ON COLUMN reporting.member_roster.registered_in_zone IS 'Registered in the Huairou National Film Industry Demonstration Zone. 是否在怀柔国家影视产业示范区注册。';
COMMENT ON COLUMN reporting.member_roster.left_on IS 'First day the company is no longer a member under this membership, if already recorded; NULL while open-ended. 本次成员资格终止日（当日起不再是成员），未定则为空。';

GRANT SELECT ON reporting.member_roster TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE FUNCTION reporting.member_roster_as_of(day date)
    RETURNS SETOF reporting.member_roster
    LANGUAGE plpgsql STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.member_roster;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;
COMMENT ON FUNCTION reporting.member_roster_as_of(date) IS
    'reporting.member_roster as of the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 指定日期的成员单位名单，列与 member_roster 相同。';
REVOKE ALL ON FUNCTION reporting.member_roster_as_of(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting.member_roster_as_of(date) TO filmwg_reporting, filmwg_admin;

RESET ROLE;
