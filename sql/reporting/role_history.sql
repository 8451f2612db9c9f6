-- reporting.role_history: every term of every position.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.role_history AS
SELECT p.code AS position,
       p.title AS position_title,
       p.title_zh AS position_title_zh,
       r.professional_id,
       pr.full_name AS holder_name,
       r.company_id,
       c.name AS company_name,
       c.name_zh AS company_name_zh,
       lower(r.term) AS term_from,
       upper(r.term) AS term_to,
       r.term @> reporting.as_of() AS is_current
  FROM filmwg.role_assignments r
  JOIN filmwg.positions p ON p.id = r.position_id
  JOIN filmwg.professionals pr ON pr.id = r.professional_id
  LEFT JOIN filmwg.companies c ON c.id = r.company_id;

COMMENT ON VIEW reporting.role_history IS
    'Every term of every position of the working group, past, current and future; is_current tells whether the term contains the report day (today in Asia/Shanghai, reporting.as_of(); role_history_as_of(day) for another day). No contact data; the name of an erased professional is NULL. 工作组历届职务任期（过去、当前及未来），is_current 表示任期是否包含报表日（默认为北京时间当日）；不含联系方式；已删除个人信息者姓名为空。';
COMMENT ON COLUMN reporting.role_history.position IS 'Position code, e.g. head. 职务代码。';
COMMENT ON COLUMN reporting.role_history.position_title IS 'Position title. 职务名称（英文）。';
COMMENT ON COLUMN reporting.role_history.position_title_zh IS 'Chinese position title. 职务名称（中文）。';
COMMENT ON COLUMN reporting.role_history.professional_id IS 'Holder''s professional id. 担任人编号。';
COMMENT ON COLUMN reporting.role_history.holder_name IS 'Holder''s full name; NULL after erasure. 担任人姓名（个人信息删除后为空）。';
COMMENT ON COLUMN reporting.role_history.company_id IS 'Company represented, if any. 所代表单位编号。';
COMMENT ON COLUMN reporting.role_history.company_name IS 'Name of the company represented. 所代表单位名称。';
COMMENT ON COLUMN reporting.role_history.company_name_zh IS 'Chinese name of the company represented. 所代表单位中文名称。';
COMMENT ON COLUMN reporting.role_history.term_from IS 'First day of the term. 任期起始日。';
COMMENT ON COLUMN reporting.role_history.term_to IS 'Day the term ends (exclusive); NULL while open-ended. 任期终止日（不含当日），未定则为空。';
COMMENT ON COLUMN reporting.role_history.is_current IS 'The term contains the report day (today in Asia/Shanghai unless given). 任期是否包含报表日（是否为当前任期）。';

GRANT SELECT ON reporting.role_history TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE FUNCTION reporting.role_history_as_of(day date)
    RETURNS SETOF reporting.role_history
    LANGUAGE plpgsql STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.role_history;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;
COMMENT ON FUNCTION reporting.role_history_as_of(date) IS
    'reporting.role_history with is_current as of the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 以指定日期判断是否为当前任期的历届任期，列与 role_history 相同。';
REVOKE ALL ON FUNCTION reporting.role_history_as_of(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting.role_history_as_of(date) TO filmwg_reporting, filmwg_admin;

RESET ROLE;
