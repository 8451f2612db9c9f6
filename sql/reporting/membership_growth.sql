-- reporting.membership_growth: members per tier at each year end, joins and leaves per year.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.membership_growth AS
WITH years AS (
    SELECT generate_series(
               (SELECT min(extract(year FROM lower(period)))::integer FROM filmwg.memberships),
               extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::integer) AS year
), tiers(tier) AS (
    VALUES ('initiating'), ('member'), ('observer')
)
SELECT y.year,
       t.tier,
       count(m.id) FILTER (WHERE m.period @> make_date(y.year, 12, 31))::integer AS members_at_year_end,
       count(m.id) FILTER (WHERE extract(year FROM lower(m.period)) = y.year)::integer AS joined,
       count(m.id) FILTER (WHERE extract(year FROM upper(m.period)) = y.year)::integer AS left_in_year
  FROM years y
 CROSS JOIN tiers t
  LEFT JOIN filmwg.memberships m ON m.tier = t.tier
 GROUP BY y.year, t.tier;

COMMENT ON VIEW reporting.membership_growth IS
    'Membership per year and tier, from the year of the first membership to the current year: members on 31 December, memberships begun and ended in the year (a change of tier ends one membership and begins another). 按年度和级别统计的成员变化：年末成员数、当年入会数与退出数。';
COMMENT ON COLUMN reporting.membership_growth.year IS 'Calendar year. 年度。';
COMMENT ON COLUMN reporting.membership_growth.tier IS 'Membership tier: initiating, member or observer. 成员级别。';
COMMENT ON COLUMN reporting.membership_growth.members_at_year_end IS 'Memberships of this tier on 31 December of the year (for the current year: as recorded so far). 当年12月31日的成员数。';
COMMENT ON COLUMN reporting.membership_growth.joined IS 'Memberships of this tier begun in the year. 当年入会数。';
COMMENT ON COLUMN reporting.membership_growth.left_in_year IS 'Memberships of this tier ended in the year (left_on in the year). 当年退出数。';

GRANT SELECT ON reporting.membership_growth TO filmwg_reporting, filmwg_admin;

RESET ROLE;
