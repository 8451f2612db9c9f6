-- reporting.grants_by_policy_year: grants per policy, year and status.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.grants_by_policy_year AS
SELECT p.code AS policy_code,
       p.title AS policy_title,
       extract(year FROM g.applied_on)::integer AS year,
       g.status,
       count(*)::integer AS grants,
       sum(g.amount) AS total_amount
  FROM filmwg.grants g
  JOIN filmwg.policies p ON p.id = g.policy_id
 GROUP BY p.id, extract(year FROM g.applied_on), g.status;

COMMENT ON VIEW reporting.grants_by_policy_year IS
    'Grants per policy, year of application and status: how many and the total amount in CNY. 按政策、申请年度和状态统计的扶持资金笔数与总金额（人民币元）。';
COMMENT ON COLUMN reporting.grants_by_policy_year.policy_code IS 'Policy code. 政策代码。';
COMMENT ON COLUMN reporting.grants_by_policy_year.policy_title IS 'Policy title. 政策名称。';
COMMENT ON COLUMN reporting.grants_by_policy_year.year IS 'Year of application (applied_on). 申请年度。';
COMMENT ON COLUMN reporting.grants_by_policy_year.status IS 'applied, approved, rejected or paid. 状态：已申请、已批准、已驳回或已支付。';
COMMENT ON COLUMN reporting.grants_by_policy_year.grants IS 'Number of grants. 笔数。';
COMMENT ON COLUMN reporting.grants_by_policy_year.total_amount IS 'Sum of the amounts in CNY. 总金额（人民币元）。';

GRANT SELECT ON reporting.grants_by_policy_year TO filmwg_reporting, filmwg_admin;

RESET ROLE;
