-- reporting.membership_growth: members per tier at each year end, joins and leaves per year,
-- up to the report day (reporting.as_of()).
SET ROLE filmwg_owner;

-- The figures computed from the records: what a refresh stores, and what the report shows
-- before the first refresh or for a day other than the summary's.
CREATE OR REPLACE VIEW filmwg.live_membership_growth AS
WITH memberships AS (
    -- archiving a company ends its membership on the day it was archived (Asia/Shanghai), as
    -- member_roster leaves it out from that day on; one archived before it began never counts
    SELECT m.tier, lower(m.period) AS joined_on, least(upper(m.period), a.archived_on) AS left_on
      FROM filmwg.memberships m
      LEFT JOIN (SELECT id, (archived_at AT TIME ZONE 'Asia/Shanghai')::date AS archived_on
                   FROM filmwg.companies
                  WHERE archived_at IS NOT NULL) a ON a.id = m.company_id
     WHERE a.archived_on IS NULL OR a.archived_on > lower(m.period)
), changes AS (
    -- begun and ended memberships (left_on is the first day no longer a member), up to the
    -- report day
    SELECT tier, extract(year FROM joined_on)::integer AS year, 1 AS joined, 0 AS left_in_year
      FROM memberships
     WHERE joined_on <= (SELECT reporting.as_of())
    UNION ALL
    SELECT tier, extract(year FROM left_on)::integer, 0, 1
      FROM memberships
     WHERE left_on <= (SELECT reporting.as_of())
), per_year AS (
    SELECT year, tier, sum(joined)::integer AS joined, sum(left_in_year)::integer AS left_in_year
      FROM changes
     GROUP BY year, tier
), years AS (
    SELECT y.year
      FROM (SELECT min(year) AS first_year FROM per_year) f,
           generate_series(f.first_year, extract(year FROM reporting.as_of())::integer) AS y(year)
)
-- members on the last day of a year = memberships begun up to then - memberships ended up to then
SELECT y.year,
       t.tier,
       (sum(coalesce(p.joined, 0) - coalesce(p.left_in_year, 0))
            OVER (PARTITION BY t.tier ORDER BY y.year))::integer AS members_at_year_end,
       coalesce(p.joined, 0) AS joined,
       coalesce(p.left_in_year, 0) AS left_in_year
  FROM years y
 CROSS JOIN (VALUES ('initiating'), ('member'), ('observer')) AS t(tier)
  LEFT JOIN per_year p ON p.year = y.year AND p.tier = t.tier;
COMMENT ON VIEW filmwg.live_membership_growth IS
    'reporting.membership_growth computed from the records now, for the report day reporting.as_of() (what filmwg.refresh_summaries() stores).';

-- The live figures behind a function the planner does not inline: planned only when they are
-- needed, so the view's plan stays small (a plan the size of the live aggregate would be JIT-
-- compiled on every call, seconds even when the summary answers).
CREATE OR REPLACE FUNCTION filmwg.live_membership_growth_rows() RETURNS SETOF filmwg.live_membership_growth
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC SELECT * FROM filmwg.live_membership_growth; END;
COMMENT ON FUNCTION filmwg.live_membership_growth_rows() IS
    'The rows of filmwg.live_membership_growth, for reporting.membership_growth before its first refresh or for another day than its summary''s. Runs as the owner; readers of the report may call it.';
REVOKE ALL ON FUNCTION filmwg.live_membership_growth_rows() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.live_membership_growth_rows() TO filmwg_reporting, filmwg_admin;

-- The summary answers when the report is for no particular day (today: whatever day the last
-- refresh was for, shown in as_of) or for exactly the summary's day; any other day (the
-- setting reporting.as_of, membership_growth_as_of(day)) is computed live.
CREATE OR REPLACE VIEW reporting.membership_growth AS
WITH summary AS (
    SELECT m.as_of, m.refreshed_at
      FROM filmwg.report_summaries m
     WHERE m.name = 'membership_growth'
       AND (nullif(current_setting('reporting.as_of', true), '') IS NULL OR m.as_of = reporting.as_of())
)
SELECT s.year, s.tier, s.members_at_year_end, s.joined, s.left_in_year, m.as_of, m.refreshed_at AS computed_at
  FROM summary m
 CROSS JOIN filmwg.summary_membership_growth s
UNION ALL
-- Only when the summary does not answer (a one-time filter: this branch is not run otherwise).
SELECT l.year, l.tier, l.members_at_year_end, l.joined, l.left_in_year, reporting.as_of(), now()
  FROM filmwg.live_membership_growth_rows() l
 WHERE NOT EXISTS (SELECT 1 FROM summary);

COMMENT ON VIEW reporting.membership_growth IS
    'Membership per year and tier, from the year of the first membership to the year of the report day (today in Asia/Shanghai, reporting.as_of(); membership_growth_as_of(day) for another day): members on 31 December (on the report day for its own year), memberships begun and ended in the year. A change of tier ends one membership and begins another; archiving a company ends its membership on that day (as in member_roster). Answered from the summary of the last nightly refresh when it is for the report day asked (or no day is asked: then the as_of column names the day), else computed live. 按年度和级别统计的成员变化：年末（报表日所在年度为报表日）成员数、当年入会数与退出数；报表日默认为北京时间当日；变更级别计为一次退出和一次入会；单位归档之日视为退出。数据取自最近一次夜间汇总（as_of 列为其日期），指定其他报表日时为实时计算。';
COMMENT ON COLUMN reporting.membership_growth.year IS 'Calendar year. 年度。';
COMMENT ON COLUMN reporting.membership_growth.tier IS 'Membership tier: initiating, member or observer. 成员级别：发起单位、成员或观察员。';
COMMENT ON COLUMN reporting.membership_growth.members_at_year_end IS 'Memberships of this tier on 31 December of the year; for the year of the report day, on the report day. Summed over tiers: member companies. 当年12月31日（报表日所在年度为报表日）该级别的成员数；各级别之和即成员单位数。';
COMMENT ON COLUMN reporting.membership_growth.joined IS 'Memberships of this tier begun in the year, up to the report day. 当年（截至报表日）入会数。';
COMMENT ON COLUMN reporting.membership_growth.left_in_year IS 'Memberships of this tier ended in the year, up to the report day: the first day no longer a member (end of the period, or the day the company was archived) in the year. 当年（截至报表日）退出数，以成员资格终止日或单位归档日计。';
COMMENT ON COLUMN reporting.membership_growth.as_of IS 'The report day the figures are for: the day of the last refresh, or the day asked for (reporting.as_of()) when computed live. 数据所对应的报表日：最近一次汇总之日，实时计算时为所指定的报表日。';
COMMENT ON COLUMN reporting.membership_growth.computed_at IS 'When the figures were computed: the last refresh (filmwg report refresh, run nightly after the eligibility job), or now when computed live. 数据计算时间：最近一次汇总（每晚资格评估后运行），实时计算时为当前时间。';

GRANT SELECT ON reporting.membership_growth TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE FUNCTION reporting.membership_growth_as_of(day date)
    RETURNS SETOF reporting.membership_growth
    LANGUAGE plpgsql STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.membership_growth;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;
COMMENT ON FUNCTION reporting.membership_growth_as_of(date) IS
    'reporting.membership_growth up to the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 截至指定日期的成员变化，列与 membership_growth 相同。';
REVOKE ALL ON FUNCTION reporting.membership_growth_as_of(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting.membership_growth_as_of(date) TO filmwg_reporting, filmwg_admin;

RESET ROLE;
