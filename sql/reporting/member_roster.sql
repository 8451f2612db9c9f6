-- reporting.member_roster: the current members (today in Asia/Shanghai).
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.member_roster AS
SELECT c.id AS company_id,
       c.uscc,
       c.name,
       c.name_zh,
       c.kind,
       m.tier,
       lower(m.period) AS member_since
  FROM filmwg.memberships m
  JOIN filmwg.companies c ON c.id = m.company_id
 WHERE m.period @> (now() AT TIME ZONE 'Asia/Shanghai')::date
   AND c.archived_at IS NULL;

COMMENT ON VIEW reporting.member_roster IS
    'Member companies today (Asia/Shanghai) and their current tier; archived companies left out. 当前成员单位及其级别（按北京时间当日计算，不含已归档单位）。';
COMMENT ON COLUMN reporting.member_roster.company_id IS 'Company id. 单位编号。';
COMMENT ON COLUMN reporting.member_roster.uscc IS 'Unified Social Credit Code, if known. 统一社会信用代码（如有）。';
COMMENT ON COLUMN reporting.member_roster.name IS 'Company name. 单位名称。';
COMMENT ON COLUMN reporting.member_roster.name_zh IS 'Chinese name. 中文名称。';
COMMENT ON COLUMN reporting.member_roster.kind IS 'Kind of company (internet_platform, production, …). 单位类型。';
COMMENT ON COLUMN reporting.member_roster.tier IS 'Membership tier: initiating, member or observer. 成员级别：发起单位、成员或观察员。';
COMMENT ON COLUMN reporting.member_roster.member_since IS 'First day of the current membership. 本次入会日期。';

GRANT SELECT ON reporting.member_roster TO filmwg_reporting, filmwg_admin;

RESET ROLE;
