-- reporting.grants_by_policy_year: grants per policy, year and status.
SET ROLE filmwg_owner;

-- The figures computed from the records: what a refresh stores, and what the report shows
-- before the first refresh.
CREATE OR REPLACE VIEW filmwg.live_grants_by_policy_year AS
SELECT p.code AS policy_code,
       p.title AS policy_title,
       extract(year FROM g.applied_on)::integer AS year,
       g.status,
       count(*)::integer AS grants,
       sum(g.amount) AS total_amount
  FROM filmwg.grants g
  JOIN filmwg.policies p ON p.id = g.policy_id
 GROUP BY p.id, extract(year FROM g.applied_on), g.status;
COMMENT ON VIEW filmwg.live_grants_by_policy_year IS
    'reporting.grants_by_policy_year computed from the records now (what filmwg.refresh_summaries() stores).';

-- The live figures behind a function the planner does not inline: planned only when they are
-- needed, so the view's plan stays small (a plan the size of the live aggregate would be JIT-
-- compiled on every call, seconds even when the summary answers).
CREATE OR REPLACE FUNCTION filmwg.live_grants_by_policy_year_rows() RETURNS SETOF filmwg.live_grants_by_policy_year
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC SELECT * FROM filmwg.live_grants_by_policy_year; END;
COMMENT ON FUNCTION filmwg.live_grants_by_policy_year_rows() IS
    'The rows of filmwg.live_grants_by_policy_year, for reporting.grants_by_policy_year before its first refresh or for another day than its summary''s. Runs as the owner; readers of the report may call it.';
REVOKE ALL ON FUNCTION filmwg.live_grants_by_policy_year_rows() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.live_grants_by_policy_year_rows() TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE VIEW reporting.grants_by_policy_year AS
SELECT s.policy_code, s.policy_title, s.year, s.status, s.grants, s.total_amount, m.as_of, m.refreshed_at AS computed_at
  FROM filmwg.report_summaries m
 CROSS JOIN filmwg.summary_grants_by_policy_year s
 WHERE m.name = 'grants_by_policy_year'
UNION ALL
-- Only when there is no summary (a one-time filter: this branch is not run otherwise).
SELECT l.policy_code, l.policy_title, l.year, l.status, l.grants, l.total_amount, (now() AT TIME ZONE 'Asia/Shanghai')::date, now()
  FROM filmwg.live_grants_by_policy_year_rows() l
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.report_summaries m WHERE m.name = 'grants_by_policy_year');

COMMENT ON VIEW reporting.grants_by_policy_year IS
    'Grants per policy, year of application and status: how many and the total amount in CNY. As of the last nightly refresh (columns as_of and computed_at), computed live before the first one. 按政策、申请年度和状态统计的扶持资金笔数与总金额（人民币元）。数据截至最近一次夜间汇总（见 as_of 与 computed_at 列），尚未汇总时为实时计算。';
COMMENT ON COLUMN reporting.grants_by_policy_year.policy_code IS 'Policy code. 政策代码。';
COMMENT ON COLUMN reporting.grants_by_policy_year.policy_title IS 'Policy title. 政策名称。';
COMMENT ON COLUMN reporting.grants_by_policy_year.year IS 'Year of application (applied_on). 申请年度。';
COMMENT ON COLUMN reporting.grants_by_policy_year.status IS 'applied, approved, rejected or paid. 状态：已申请、已批准、已驳回或已支付。';
COMMENT ON COLUMN reporting.grants_by_policy_year.grants IS 'Number of grants. 笔数。';
COMMENT ON COLUMN reporting.grants_by_policy_year.total_amount IS 'Sum of the amounts in CNY. 总金额（人民币元）。';
COMMENT ON COLUMN reporting.grants_by_policy_year.as_of IS 'Day (Asia/Shanghai) the figures are as of: the day of the last refresh, today when computed live. 数据所截至的日期（北京时间）：最近一次汇总之日，实时计算时为当日。';
COMMENT ON COLUMN reporting.grants_by_policy_year.computed_at IS 'When the figures were computed: the last refresh (filmwg report refresh, run nightly after the eligibility job), or now when computed live. 数据计算时间：最近一次汇总（每晚资格评估后运行），实时计算时为当前时间。';

GRANT SELECT ON reporting.grants_by_policy_year TO filmwg_reporting, filmwg_admin;

RESET ROLE;
