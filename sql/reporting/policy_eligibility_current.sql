-- reporting.policy_eligibility_current: the determinations of the latest succeeded run for the
-- latest day evaluated up to the report day (reporting.as_of()).
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.policy_eligibility_current AS
WITH latest AS (
    SELECT r.id, r.as_of
      FROM filmwg.job_runs r
     WHERE r.job = 'eligibility' AND r.status = 'succeeded' AND NOT r.dry_run
       -- a run for a later day (someone evaluating the future) is not current yet
       AND r.as_of <= reporting.as_of()
     ORDER BY r.as_of DESC, r.id DESC
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
  JOIN filmwg.companies c ON c.id = d.company_id
 -- The same condition as a value: the executor then reads only that run's partition of
 -- filmwg.determinations (run-time partition pruning), not every run's.
 WHERE d.run_id = (SELECT id FROM latest);

COMMENT ON VIEW reporting.policy_eligibility_current IS
    'What the eligibility job decided, per policy version valid on that day and company: the latest succeeded, not dry, run of the latest day evaluated on or before the report day (today in Asia/Shanghai, reporting.as_of(); policy_eligibility_current_as_of(day) for another day). A re-run for an earlier day does not replace the current day''s answer. 资格判定结果（按政策和单位）：取报表日（默认为北京时间当日）及之前最近一个判定日的最近一次成功运行（非试运行）。';
COMMENT ON COLUMN reporting.policy_eligibility_current.run_id IS 'The job run. 运行编号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.as_of IS 'Day the facts were evaluated (the run''s as_of). 判定所依据的日期。';
COMMENT ON COLUMN reporting.policy_eligibility_current.policy_code IS 'Policy code. 政策代码。';
COMMENT ON COLUMN reporting.policy_eligibility_current.policy_title IS 'Policy title. 政策名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.version IS 'Number of the policy version applied. 所适用的政策版本号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_id IS 'Company id. 单位编号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.uscc IS 'Unified Social Credit Code, if known. 统一社会信用代码（如有）。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_name IS 'Company name. 单位名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_name_zh IS 'Chinese name. 中文名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.eligible IS 'Whether the company meets the rule. 是否符合条件。';

GRANT SELECT ON reporting.policy_eligibility_current TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE FUNCTION reporting.policy_eligibility_current_as_of(day date)
    RETURNS SETOF reporting.policy_eligibility_current
    LANGUAGE plpgsql STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.policy_eligibility_current;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;
COMMENT ON FUNCTION reporting.policy_eligibility_current_as_of(date) IS
    'reporting.policy_eligibility_current for the given day instead of today: the latest run of that day, else of the latest earlier day evaluated; same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 指定日期（或其之前最近判定日）的资格判定结果，列与 policy_eligibility_current 相同。';
REVOKE ALL ON FUNCTION reporting.policy_eligibility_current_as_of(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting.policy_eligibility_current_as_of(date) TO filmwg_reporting, filmwg_admin;

RESET ROLE;
