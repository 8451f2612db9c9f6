-- reporting.companies_by_kind: active companies per kind, from the summary the nightly refresh
-- keeps (filmwg.refresh_summaries), or computed live when there is none.
SET ROLE filmwg_owner;

-- The figures computed from the records: what a refresh stores, and what the report shows
-- before the first refresh.
CREATE OR REPLACE VIEW filmwg.live_companies_by_kind AS
SELECT k.kind,
       count(c.id)::integer AS companies,
       count(c.id) FILTER (WHERE c.registered_in_zone)::integer AS in_zone,
       coalesce(sum(c.registered_capital), 0) AS total_capital
  FROM (VALUES ('internet_platform'), ('production'), ('distribution'), ('post_production'),
               ('technology'), ('investment'), ('other')) AS k(kind)
  LEFT JOIN filmwg.companies c ON c.kind = k.kind AND c.archived_at IS NULL
 GROUP BY k.kind;
COMMENT ON VIEW filmwg.live_companies_by_kind IS
    'reporting.companies_by_kind computed from the records now (what filmwg.refresh_summaries() stores).';

-- The live figures behind a function the planner does not inline: planned only when they are
-- needed, so the view's plan stays small (a plan the size of the live aggregate would be JIT-
-- compiled on every call, seconds even when the summary answers).
CREATE OR REPLACE FUNCTION filmwg.live_companies_by_kind_rows() RETURNS SETOF filmwg.live_companies_by_kind
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC SELECT * FROM filmwg.live_companies_by_kind; END;
COMMENT ON FUNCTION filmwg.live_companies_by_kind_rows() IS
    'The rows of filmwg.live_companies_by_kind, for reporting.companies_by_kind before its first refresh or for another day than its summary''s. Runs as the owner; readers of the report may call it.';
REVOKE ALL ON FUNCTION filmwg.live_companies_by_kind_rows() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.live_companies_by_kind_rows() TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE VIEW reporting.companies_by_kind AS
SELECT s.kind, s.companies, s.in_zone, s.total_capital, m.as_of, m.refreshed_at AS computed_at
  FROM filmwg.report_summaries m
 CROSS JOIN filmwg.summary_companies_by_kind s
 WHERE m.name = 'companies_by_kind'
UNION ALL
-- Only when there is no summary (a one-time filter: this branch is not run otherwise).
SELECT l.kind, l.companies, l.in_zone, l.total_capital, (now() AT TIME ZONE 'Asia/Shanghai')::date, now()
  FROM filmwg.live_companies_by_kind_rows() l
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.report_summaries m WHERE m.name = 'companies_by_kind');

COMMENT ON VIEW reporting.companies_by_kind IS
    'Active (not archived) companies per kind: how many, how many registered in the Huairou zone, and their total registered capital in CNY; as of the last nightly refresh (columns as_of and computed_at), computed live before the first one. 按类型统计的在册单位数、在怀柔国家影视产业示范区注册的单位数及注册资本合计（人民币元）；数据截至最近一次夜间汇总（见 as_of 与 computed_at 列），尚未汇总时为实时计算。';
COMMENT ON COLUMN reporting.companies_by_kind.kind IS 'Kind of company (every kind, also when none). 单位类型。';
COMMENT ON COLUMN reporting.companies_by_kind.companies IS 'Active companies of this kind. 单位数。';
COMMENT ON COLUMN reporting.companies_by_kind.in_zone IS 'Of those, registered in the Huairou zone. 其中在怀柔国家影视产业示范区注册的单位数。';
COMMENT ON COLUMN reporting.companies_by_kind.total_capital IS 'Sum of their registered capital in CNY (unknown capital counts as nothing). 注册资本合计（人民币元，未知的不计）。';
COMMENT ON COLUMN reporting.companies_by_kind.as_of IS 'Day (Asia/Shanghai) the figures are as of: the day of the last refresh, today when computed live. 数据所截至的日期（北京时间）：最近一次汇总之日，实时计算时为当日。';
COMMENT ON COLUMN reporting.companies_by_kind.computed_at IS 'When the figures were computed: the last refresh (filmwg report refresh, run nightly after the eligibility job), or now when computed live. 数据计算时间：最近一次汇总（每晚资格评估后运行），实时计算时为当前时间。';

GRANT SELECT ON reporting.companies_by_kind TO filmwg_reporting, filmwg_admin;

RESET ROLE;
