-- reporting.policy_eligibility_current: the determinations of the current run (filmwg.current_run).
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.policy_eligibility_current AS
WITH latest AS (
    -- The one definition of the current run (filmwg.current_run, migration 0011), the same as
    -- eligibility list | explain: the latest run of the latest day evaluated on or before the
    -- report day (today in Asia/Shanghai unless reporting.as_of names another).
    SELECT r.id, r.as_of
      FROM filmwg.job_runs r
     WHERE r.id = filmwg.current_run(reporting.as_of())
)
SELECT l.id AS run_id,
       l.as_of,
       p.code AS policy_code,
       p.title AS policy_title,
       v.version,
       d.company_id,
       c.uscc,
       coalesce(cv.name, c.name) AS company_name,
       CASE WHEN cv.id IS NULL THEN c.name_zh ELSE cv.name_zh END AS company_name_zh,
       d.eligible
  FROM latest l
  JOIN filmwg.determinations d ON d.run_id = l.id
  JOIN filmwg.policy_versions v ON v.id = d.policy_version_id
  JOIN filmwg.policies p ON p.id = v.policy_id
  JOIN filmwg.companies c ON c.id = d.company_id
  -- the names in force on the run's day (filmwg.company_versions); the day as a value, so the
  -- versions are filtered before the join rather than every version of a company tried per row
  LEFT JOIN filmwg.company_versions cv
         ON cv.company_id = d.company_id AND cv.valid @> (SELECT as_of FROM latest)
 -- The same condition as a value: the executor then reads only that run's partition of
 -- filmwg.determinations (run-time partition pruning), not every run's.
 WHERE d.run_id = (SELECT id FROM latest);

COMMENT ON VIEW reporting.policy_eligibility_current IS
    'What the eligibility job decided, per policy version valid on that day and company, in the current run of the report day (filmwg.current_run, the same run eligibility list and explain read): the succeeded, not dry run of the latest day evaluated on or before the report day (today in Asia/Shanghai, reporting.as_of(); policy_eligibility_current_as_of(day) for another day), ties the highest id. A re-run for an earlier day does not replace the current day''s answer. Company names are those in force on the run''s day. 资格判定结果（按政策和单位），取报表日（默认为北京时间当日）的当前运行（与 eligibility list 相同）：报表日及之前最近判定日的最近一次成功运行（非试运行）。单位名称为判定日当日有效的名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.run_id IS 'The job run. 运行编号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.as_of IS 'Day the facts were evaluated (the run''s as_of). 判定所依据的日期。';
COMMENT ON COLUMN reporting.policy_eligibility_current.policy_code IS 'Policy code. 政策代码。';
COMMENT ON COLUMN reporting.policy_eligibility_current.policy_title IS 'Policy title. 政策名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.version IS 'Number of the policy version applied. 所适用的政策版本号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_id IS 'Company id. 单位编号。';
COMMENT ON COLUMN reporting.policy_eligibility_current.uscc IS 'Unified Social Credit Code, if known. 统一社会信用代码（如有）。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_name IS 'Company name in force on the run''s day. 判定日当日有效的单位名称。';
COMMENT ON COLUMN reporting.policy_eligibility_current.company_name_zh IS 'Chinese name in force on the run''s day. 判定日当日有效的中文名称。';
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
