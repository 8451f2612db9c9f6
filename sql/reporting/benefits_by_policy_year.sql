-- reporting.benefits_by_policy_year: what companies are entitled to under each policy and year,
-- against what was applied for, approved and paid, and what is left of the budget (DESIGN §12).
SET ROLE filmwg_owner;

-- The figures computed from the records: what a refresh stores, and what the report shows
-- before the first refresh.
CREATE OR REPLACE VIEW filmwg.live_benefits_by_policy_year AS
WITH latest AS (
    -- Each company's latest eligible determination for the policy in a succeeded run of the
    -- year: the one `grant apply` rests on.
    SELECT DISTINCT ON (v.policy_id, d.company_id, extract(year FROM r.as_of))
           v.policy_id, d.company_id, extract(year FROM r.as_of)::integer AS year, d.amount
      FROM filmwg.determinations d
      JOIN filmwg.job_runs r ON r.id = d.run_id AND r.status = 'succeeded' AND NOT r.dry_run
      JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
     WHERE d.eligible
     ORDER BY v.policy_id, d.company_id, extract(year FROM r.as_of), r.as_of DESC, r.id DESC
), entitled AS (
    SELECT policy_id, year, count(*)::integer AS companies, sum(amount) AS amount,
           count(*) FILTER (WHERE amount IS NULL)::integer AS unknown
      FROM latest GROUP BY policy_id, year
), granted AS (
    SELECT policy_id, year,
           sum(amount) FILTER (WHERE status = 'applied') AS applied,
           sum(amount) FILTER (WHERE status = 'approved') AS approved,
           sum(amount) FILTER (WHERE status = 'paid') AS paid,
           sum(amount) FILTER (WHERE status = 'rejected') AS rejected
      FROM filmwg.grants GROUP BY policy_id, year
), keys AS (
    SELECT policy_id, year FROM entitled
    UNION SELECT policy_id, year FROM granted
    UNION SELECT policy_id, year FROM filmwg.policy_budgets
)
SELECT p.code AS policy_code,
       p.title AS policy_title,
       k.year,
       coalesce(e.companies, 0) AS companies_entitled,
       coalesce(e.unknown, 0) AS entitlements_unknown,
       coalesce(e.amount, 0) AS entitled,
       coalesce(g.applied, 0) AS applied,
       coalesce(g.approved, 0) AS approved,
       coalesce(g.paid, 0) AS paid,
       coalesce(g.rejected, 0) AS rejected,
       b.amount AS budget,
       b.amount - coalesce(g.approved, 0) - coalesce(g.paid, 0) AS remaining_budget
  FROM keys k
  JOIN filmwg.policies p ON p.id = k.policy_id
  LEFT JOIN entitled e ON e.policy_id = k.policy_id AND e.year = k.year
  LEFT JOIN granted g ON g.policy_id = k.policy_id AND g.year = k.year
  LEFT JOIN filmwg.policy_budgets b ON b.policy_id = k.policy_id AND b.year = k.year;
COMMENT ON VIEW filmwg.live_benefits_by_policy_year IS
    'reporting.benefits_by_policy_year computed from the records now (what filmwg.refresh_summaries() stores).';

-- The live figures behind a function the planner does not inline: planned only when they are
-- needed, so the view's plan stays small (a plan the size of the live aggregate would be JIT-
-- compiled on every call, seconds even when the summary answers).
CREATE OR REPLACE FUNCTION filmwg.live_benefits_by_policy_year_rows() RETURNS SETOF filmwg.live_benefits_by_policy_year
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC SELECT * FROM filmwg.live_benefits_by_policy_year; END;
COMMENT ON FUNCTION filmwg.live_benefits_by_policy_year_rows() IS
    'The rows of filmwg.live_benefits_by_policy_year, for reporting.benefits_by_policy_year before its first refresh or for another day than its summary''s. Runs as the owner; readers of the report may call it.';
REVOKE ALL ON FUNCTION filmwg.live_benefits_by_policy_year_rows() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.live_benefits_by_policy_year_rows() TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE VIEW reporting.benefits_by_policy_year AS
SELECT s.policy_code, s.policy_title, s.year, s.companies_entitled, s.entitlements_unknown, s.entitled, s.applied, s.approved, s.paid, s.rejected, s.budget, s.remaining_budget, m.as_of, m.refreshed_at AS computed_at
  FROM filmwg.report_summaries m
 CROSS JOIN filmwg.summary_benefits_by_policy_year s
 WHERE m.name = 'benefits_by_policy_year'
UNION ALL
-- Only when there is no summary (a one-time filter: this branch is not run otherwise).
SELECT l.policy_code, l.policy_title, l.year, l.companies_entitled, l.entitlements_unknown, l.entitled, l.applied, l.approved, l.paid, l.rejected, l.budget, l.remaining_budget, (now() AT TIME ZONE 'Asia/Shanghai')::date, now()
  FROM filmwg.live_benefits_by_policy_year_rows() l
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.report_summaries m WHERE m.name = 'benefits_by_policy_year');

COMMENT ON VIEW reporting.benefits_by_policy_year IS
    'Per policy and year: what eligible companies are entitled to (each company''s latest eligible determination of the year in a succeeded run), against the grants applied for, approved, paid and rejected, and what remains of the budget. As of the last nightly refresh, right after the eligibility job (columns as_of and computed_at), computed live before the first one. 按政策和年度：符合条件的企业应享金额（该年度最近一次成功评估的结果），与申请中、已批准、已支付、已驳回的扶持资金及预算余额对照。数据截至最近一次夜间汇总（每晚资格评估后运行，见 as_of 与 computed_at 列），尚未汇总时为实时计算。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.policy_code IS 'Policy code. 政策代码。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.policy_title IS 'Policy title. 政策名称。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.year IS 'Year of the determinations, grants and budget. 年度。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.companies_entitled IS 'Companies eligible in a run of the year. 该年度符合条件的企业数。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.entitlements_unknown IS 'Of those, how many have an unknown amount (a figure is missing). 其中金额未知（缺少年度数据）的企业数。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.entitled IS 'Sum of the known amounts they are entitled to, CNY. 应享金额合计（人民币元，不含未知）。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.applied IS 'Grants applied for and not yet decided, CNY. 申请中（未决定）的金额（人民币元）。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.approved IS 'Grants approved and not yet paid, CNY. 已批准未支付的金额（人民币元）。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.paid IS 'Grants paid, CNY. 已支付的金额（人民币元）。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.rejected IS 'Grants rejected, CNY. 已驳回的金额（人民币元）。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.budget IS 'The policy''s budget for the year, CNY; NULL when none is set. 该年度预算（人民币元）；未设定为空。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.remaining_budget IS 'budget - approved - paid, CNY; NULL without a budget. 预算余额 = 预算 - 已批准 - 已支付（人民币元）。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.as_of IS 'Day (Asia/Shanghai) the figures are as of: the day of the last refresh, today when computed live. 数据所截至的日期（北京时间）：最近一次汇总之日，实时计算时为当日。';
COMMENT ON COLUMN reporting.benefits_by_policy_year.computed_at IS 'When the figures were computed: the last refresh (filmwg report refresh, run nightly after the eligibility job), or now when computed live. 数据计算时间：最近一次汇总（每晚资格评估后运行），实时计算时为当前时间。';

GRANT SELECT ON reporting.benefits_by_policy_year TO filmwg_reporting, filmwg_admin;

RESET ROLE;
