-- reporting.companies_by_kind: active companies per kind.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.companies_by_kind AS
SELECT k.kind,
       count(c.id)::integer AS companies,
       count(c.id) FILTER (WHERE c.registered_in_zone)::integer AS in_zone,
       coalesce(sum(c.registered_capital), 0) AS total_capital
  FROM (VALUES ('internet_platform'), ('production'), ('distribution'), ('post_production'),
               ('technology'), ('investment'), ('other')) AS k(kind)
  LEFT JOIN filmwg.companies c ON c.kind = k.kind AND c.archived_at IS NULL
 GROUP BY k.kind;

COMMENT ON VIEW reporting.companies_by_kind IS
    'Active (not archived) companies per kind: how many, how many registered in the Huairou zone, and their total registered capital in CNY. 按类型统计的在册单位数、在怀柔国家影视产业示范区注册的单位数及注册资本合计（人民币元）。';
COMMENT ON COLUMN reporting.companies_by_kind.kind IS 'Kind of company (every kind, also when none). 单位类型。';
COMMENT ON COLUMN reporting.companies_by_kind.companies IS 'Active companies of this kind. 单位数。';
COMMENT ON COLUMN reporting.companies_by_kind.in_zone IS 'Of those, registered in the Huairou zone. 其中在怀柔国家影视产业示范区注册的单位数。';
COMMENT ON COLUMN reporting.companies_by_kind.total_capital IS 'Sum of their registered capital in CNY (unknown capital counts as nothing). 注册资本合计（人民币元，未知的不计）。';

GRANT SELECT ON reporting.companies_by_kind TO filmwg_reporting, filmwg_admin;

RESET ROLE;
