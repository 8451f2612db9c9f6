-- reporting.eligibility_changes: what each run of the eligibility job changed.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.eligibility_changes AS
SELECT r.id AS run_id,
       r.as_of,
       ch.previous_run_id,
       p.code AS policy_code,
       v.version,
       ch.company_id,
       c.uscc,
       c.name AS company_name,
       c.name_zh AS company_name_zh,
       ch.change
  FROM filmwg.determination_changes ch
  JOIN filmwg.job_runs r ON r.id = ch.run_id
  JOIN filmwg.policy_versions v ON v.id = ch.policy_version_id
  JOIN filmwg.policies p ON p.id = v.policy_id
  JOIN filmwg.companies c ON c.id = ch.company_id
 WHERE r.status = 'succeeded' AND NOT r.dry_run;

COMMENT ON VIEW reporting.eligibility_changes IS
    'Companies that became eligible or stopped being eligible for a policy, per succeeded run of the eligibility job, compared with the previous succeeded run. 每次成功运行相对上一次的资格变化：新符合或不再符合。';
COMMENT ON COLUMN reporting.eligibility_changes.run_id IS 'The job run that saw the change. 运行编号。';
COMMENT ON COLUMN reporting.eligibility_changes.as_of IS 'Day that run evaluated. 判定所依据的日期。';
COMMENT ON COLUMN reporting.eligibility_changes.previous_run_id IS 'The run compared with; NULL when none. 对比的上一次运行编号。';
COMMENT ON COLUMN reporting.eligibility_changes.policy_code IS 'Policy code. 政策代码。';
COMMENT ON COLUMN reporting.eligibility_changes.version IS 'Number of the policy version. 政策版本号。';
COMMENT ON COLUMN reporting.eligibility_changes.company_id IS 'Company id. 单位编号。';
COMMENT ON COLUMN reporting.eligibility_changes.uscc IS 'Unified Social Credit Code, if known. 统一社会信用代码（如有）。';
COMMENT ON COLUMN reporting.eligibility_changes.company_name IS 'Company name. 单位名称。';
COMMENT ON COLUMN reporting.eligibility_changes.company_name_zh IS 'Chinese name. 中文名称。';
COMMENT ON COLUMN reporting.eligibility_changes.change IS 'newly_eligible or no_longer_eligible. 变化：新符合条件或不再符合条件。';

GRANT SELECT ON reporting.eligibility_changes TO filmwg_reporting, filmwg_admin;

RESET ROLE;
