-- reporting.role_holders_current: who holds each position on the report day (reporting.as_of()).
SET ROLE filmwg_owner;

-- The current terms of reporting.role_history (applied before this file: files go in name
-- order), so the two reports cannot disagree about who held what.
CREATE OR REPLACE VIEW reporting.role_holders_current AS
SELECT h.position, h.position_title, h.position_title_zh, h.professional_id, h.holder_name,
       h.company_id, h.company_name, h.company_name_zh, h.term_from, h.term_to
  FROM reporting.role_history h
 WHERE h.is_current;

COMMENT ON VIEW reporting.role_holders_current IS
    'Holders of the working group''s positions on the report day: today in Asia/Shanghai (reporting.as_of()); role_holders_current_as_of(day) for another day. Vacant seats are not listed. No contact data; the name of an erased professional is NULL. 报表日（默认为北京时间当日）工作组职务担任人，空缺不列出；不含联系方式；已删除个人信息者姓名为空。';
COMMENT ON COLUMN reporting.role_holders_current.position IS 'Position code, e.g. head. 职务代码。';
COMMENT ON COLUMN reporting.role_holders_current.position_title IS 'Position title. 职务名称（英文）。';
COMMENT ON COLUMN reporting.role_holders_current.position_title_zh IS 'Chinese position title, e.g. 组长. 职务名称（中文）。';
COMMENT ON COLUMN reporting.role_holders_current.professional_id IS 'Holder''s professional id. 担任人编号。';
COMMENT ON COLUMN reporting.role_holders_current.holder_name IS 'Holder''s full name; NULL after erasure. 担任人姓名（个人信息删除后为空）。';
COMMENT ON COLUMN reporting.role_holders_current.company_id IS 'Company represented, if any. 所代表单位编号。';
COMMENT ON COLUMN reporting.role_holders_current.company_name IS 'Name of the company represented. 所代表单位名称。';
COMMENT ON COLUMN reporting.role_holders_current.company_name_zh IS 'Chinese name of the company represented. 所代表单位中文名称。';
COMMENT ON COLUMN reporting.role_holders_current.term_from IS 'First day of the term. 任期起始日。';
COMMENT ON COLUMN reporting.role_holders_current.term_to IS 'Day the term ends (exclusive); NULL while open-ended. 任期终止日（不含当日），未定则为空。';

GRANT SELECT ON reporting.role_holders_current TO filmwg_reporting, filmwg_admin;

CREATE OR REPLACE FUNCTION reporting.role_holders_current_as_of(day date)
    RETURNS SETOF reporting.role_holders_current
    LANGUAGE plpgsql STRICT SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    previous text := current_setting('reporting.as_of', true);
BEGIN
    PERFORM set_config('reporting.as_of', to_char(day, 'YYYY-MM-DD'), true);
    RETURN QUERY SELECT * FROM reporting.role_holders_current;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;
COMMENT ON FUNCTION reporting.role_holders_current_as_of(date) IS
    'reporting.role_holders_current as of the given day instead of today: same columns, same meaning. Runs as the view''s owner and reads nothing but the view; NULL gives no rows. 指定日期的职务担任人，列与 role_holders_current 相同。';
REVOKE ALL ON FUNCTION reporting.role_holders_current_as_of(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting.role_holders_current_as_of(date) TO filmwg_reporting, filmwg_admin;

RESET ROLE;
