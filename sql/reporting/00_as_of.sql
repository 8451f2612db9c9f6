-- reporting.as_of(): the day every date-dependent report is computed for.
--
-- Reporting files are applied in name order; this one comes first because the views call it.
--
-- Views that depend on a date (member_roster, membership_growth, company_engagement,
-- role_holders_current, role_history, policy_eligibility_current) read the day from here:
-- today in Asia/Shanghai (the group's calendar), unless the setting reporting.as_of names
-- another day. reporting.<view>_as_of(day) sets it for one call only; an analyst may also
-- `SET reporting.as_of = '2019-12-31'` for a whole session (BI tools: a connection option).
SET ROLE filmwg_owner;

CREATE OR REPLACE FUNCTION reporting.as_of() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN coalesce(nullif(current_setting('reporting.as_of', true), '')::date,
                    (now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON FUNCTION reporting.as_of() IS
    'The day date-dependent reports are computed for: the setting reporting.as_of when it names a day (set for one call by reporting.<view>_as_of(day), or by SET reporting.as_of = ''YYYY-MM-DD''), else today in Asia/Shanghai. 报表所依据的日期：若设置了 reporting.as_of 则为该日，否则为北京时间当日。';
REVOKE ALL ON FUNCTION reporting.as_of() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reporting.as_of() TO filmwg_reporting, filmwg_admin;

RESET ROLE;
