-- 0017_report_summaries: the aggregate reports answer from summaries the nightly job's cron
-- refreshes right after the run, instead of aggregating a million companies on every call.
--
-- 1. filmwg.report_summaries: one row per summarised report: the day its figures are as of
--    (today in Asia/Shanghai when it was refreshed), when and by whom it was refreshed, how many
--    rows it holds and how long the refresh of that report took. No row: the report has not been
--    refreshed since its view was (re)created, and the view computes its figures live.
-- 2. One table per summarised report (companies_by_kind, membership_growth,
--    grants_by_policy_year, benefits_by_policy_year), with exactly the columns of the report.
--    The views of schema reporting (sql/reporting/) read them; filmwg.refresh_summaries()
--    (sql/reporting/refresh_summaries.sql, re-applied with the views) fills them.
--
-- The summaries are derived data, recomputed whole by every refresh: they are not audited
-- (the refresh itself is recorded in report_summaries: refreshed_at, refreshed_by). Only the
-- owner writes them (through filmwg.refresh_summaries(), SECURITY DEFINER); nobody else has
-- any privilege on them (reports read them through the views, as the views' owner).

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0017_report_summaries', true);

CREATE TABLE filmwg.report_summaries (
    name         text PRIMARY KEY
        CONSTRAINT report_summaries_name_check
        CHECK (name IN ('companies_by_kind', 'membership_growth', 'grants_by_policy_year', 'benefits_by_policy_year')),
    as_of        date NOT NULL,
    refreshed_at timestamptz NOT NULL,
    refreshed_by text NOT NULL,
    rows         integer NOT NULL CONSTRAINT report_summaries_rows_check CHECK (rows >= 0),
    took         interval NOT NULL
);
COMMENT ON TABLE filmwg.report_summaries IS
    'Which aggregate reports are answered from a summary, and how fresh it is: one row per report refreshed by filmwg.refresh_summaries() since its view was last (re)created. Without a row the view computes its figures live.';
COMMENT ON COLUMN filmwg.report_summaries.name IS 'The report (a view of schema reporting).';
COMMENT ON COLUMN filmwg.report_summaries.as_of IS 'The day the figures are as of: today in Asia/Shanghai when the refresh ran.';
COMMENT ON COLUMN filmwg.report_summaries.refreshed_at IS 'When the figures were computed.';
COMMENT ON COLUMN filmwg.report_summaries.refreshed_by IS 'Who refreshed them (filmwg.current_actor()).';
COMMENT ON COLUMN filmwg.report_summaries.rows IS 'Rows of the summary.';
COMMENT ON COLUMN filmwg.report_summaries.took IS 'How long computing this summary took.';

CREATE TABLE filmwg.summary_companies_by_kind (
    kind          text PRIMARY KEY,
    companies     integer NOT NULL,
    in_zone       integer NOT NULL,
    total_capital numeric NOT NULL
);
COMMENT ON TABLE filmwg.summary_companies_by_kind IS
    'reporting.companies_by_kind as of the last refresh (filmwg.report_summaries).';

CREATE TABLE filmwg.summary_membership_growth (
    year                integer NOT NULL,
    tier                text NOT NULL,
    members_at_year_end integer NOT NULL,
    joined              integer NOT NULL,
    left_in_year        integer NOT NULL,
    PRIMARY KEY (year, tier)
);
COMMENT ON TABLE filmwg.summary_membership_growth IS
    'reporting.membership_growth as of the day of the last refresh (filmwg.report_summaries).';

CREATE TABLE filmwg.summary_grants_by_policy_year (
    policy_code  text NOT NULL,
    policy_title text NOT NULL,
    year         integer NOT NULL,
    status       text NOT NULL,
    grants       integer NOT NULL,
    total_amount numeric,
    PRIMARY KEY (policy_code, year, status)
);
COMMENT ON TABLE filmwg.summary_grants_by_policy_year IS
    'reporting.grants_by_policy_year as of the last refresh (filmwg.report_summaries).';

CREATE TABLE filmwg.summary_benefits_by_policy_year (
    policy_code          text NOT NULL,
    policy_title         text NOT NULL,
    year                 integer NOT NULL,
    companies_entitled   integer NOT NULL,
    entitlements_unknown integer NOT NULL,
    entitled             numeric NOT NULL,
    applied              numeric NOT NULL,
    approved             numeric NOT NULL,
    paid                 numeric NOT NULL,
    rejected             numeric NOT NULL,
    budget               numeric(20,2),
    remaining_budget     numeric,
    PRIMARY KEY (policy_code, year)
);
COMMENT ON TABLE filmwg.summary_benefits_by_policy_year IS
    'reporting.benefits_by_policy_year as of the last refresh (filmwg.report_summaries).';

RESET ROLE;
