-- reporting.policy_eligibility_current: the determinations of the latest succeeded run.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.policy_eligibility_current AS
WITH latest AS (
    SELECT r.id, r.as_of
      FROM filmwg.job_runs r
     WHERE r.job = 'eligibility' AND r.status = 'succeeded' AND NOT r.dry_run
     ORDER BY r.id DESC
     LIMIT 1
)
SELECT l.id AS run_id,
       l.as_of,
       p.code AS policy_code,
       p.title AS policy_title,
       v.version,
       d.company_id,
       c.uscc,
       c.name AS company_name,
       c.name_zh AS company_name_zh,
       d.eligible
  FROM latest l
  JOIN filmwg.determinations d ON d.run_id = l.id
  JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
  JOIN filmwg.policies p ON p.id = v.policy_id
  JOIN filmwg.companies c ON c.id = d.company_id;

COMMENT ON VIEW reporting.policy_eligibility_current IS
    'What the latest succeeded (not dry) run of the eligibility job decided, per policy and company. 最近一次成功运行的资格判定结果（按政策和单位）。';
COMMENT ON COLUMN reporting.policy_eligibility_current.run_id IS 'The job run. 运行编号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.as_of IS 'Day the facts were evaluated. 判定所依据的日期。';
COMMENT ON COLUMN reporting.policy_eligibility_current.policy_code IS 'Policy code. 政策代码。';
COMMENT ON COLUMN reporting.policy_eligibility_current.policy_title IS 'Policy title. 政策名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.version IS 'Number of the policy version applied. 所适用的政策版本号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_id IS 'Company id. 单位编号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.uscc IS 'Unified Social Credit Code, if known. 统一社会信用代码（如有）。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_name IS 'Company name. 单位名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_name_zh IS 'Chinese name. 中文名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.eligible IS 'Whether the company meets the rule. 是否符合条件。';

GRANT SELECT ON reporting.policy_eligibility_current TO filmwg_reporting, filmwg_admin;

RESET ROLE;
