-- reporting.event_attendance: attendance per event and role.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.event_attendance AS
SELECT e.id AS event_id,
       e.name AS event_name,
       e.kind AS event_kind,
       e.starts_at,
       (e.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS event_day,
       a.role,
       a.companies,
       a.professionals
  FROM filmwg.events e
  JOIN (SELECT event_id, role,
               count(DISTINCT company_id)::integer AS companies,
               count(*)::integer AS professionals
          FROM filmwg.attendance
         GROUP BY event_id, role) a ON a.event_id = e.id;

COMMENT ON VIEW reporting.event_attendance IS
    'Attendance of each event by role: how many professionals, and for how many distinct companies; one row per event and role present (events nobody is recorded at are left out). Erased professionals still count. 各活动按参会身份统计的参会人数及所代表单位数，每个活动每种身份一行（无参会记录的活动不列出；已删除个人信息者仍计入）。';
COMMENT ON COLUMN reporting.event_attendance.event_id IS 'Event id. 活动编号。';
COMMENT ON COLUMN reporting.event_attendance.event_name IS 'Event name. 活动名称。';
COMMENT ON COLUMN reporting.event_attendance.event_kind IS 'ceremony, forum, meeting, workshop or other. 活动类型。';
COMMENT ON COLUMN reporting.event_attendance.starts_at IS 'Start instant. 开始时间。';
COMMENT ON COLUMN reporting.event_attendance.event_day IS 'Start day in Asia/Shanghai. 活动日期（北京时间）。';
COMMENT ON COLUMN reporting.event_attendance.role IS 'attendee, speaker, host or guest. 参会身份：参会者、发言人、主持人或嘉宾。';
COMMENT ON COLUMN reporting.event_attendance.companies IS 'Distinct companies represented in this role. 所代表的单位数。';
COMMENT ON COLUMN reporting.event_attendance.professionals IS 'Professionals who attended in this role. 参会人数。';

GRANT SELECT ON reporting.event_attendance TO filmwg_reporting, filmwg_admin;

RESET ROLE;
