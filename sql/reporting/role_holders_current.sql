-- reporting.role_holders_current: who holds each position today.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.role_holders_current AS
SELECT p.code AS position,
       p.title AS position_title,
       p.title_zh AS position_title_zh,
       r.professional_id,
       pr.full_name AS holder_name,
       r.company_id,
       c.name AS company_name,
       c.name_zh AS company_name_zh,
       lower(r.term) AS term_from,
       upper(r.term) AS term_to
  FROM filmwg.role_assignments r
  JOIN filmwg.positions p ON p.id = r.position_id
  JOIN filmwg.professionals pr ON pr.id = r.professional_id
  LEFT JOIN filmwg.companies c ON c.id = r.company_id
 WHERE r.term @> (now() AT TIME ZONE 'Asia/Shanghai')::date;

COMMENT ON VIEW reporting.role_holders_current IS
    'Holders of the working group''s positions today (Asia/Shanghai). No contact data; the name of an erased professional is NULL. 工作组当前职务担任人（按北京时间当日），不含联系方式；已删除个人信息者姓名为空。';
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

RESET ROLE;
