-- filmwg.refresh_summaries(): recomputes the summaries the aggregate reports answer from
-- (companies_by_kind, membership_growth, grants_by_policy_year, benefits_by_policy_year).
--
-- Run by `filmwg report refresh`, which the cron file runs right after the nightly eligibility
-- job (so the benefits summary includes the night's run, and the job's own time stays its own).
-- Each summary is replaced whole in the caller's transaction: readers see the old figures until
-- it commits, never a half-written summary, and are not blocked (no TRUNCATE). Two refreshes
-- queue on filmwg.report_summaries instead of interleaving.
SET ROLE filmwg_owner;

CREATE OR REPLACE FUNCTION filmwg.refresh_summaries()
    RETURNS TABLE (summary text, as_of date, rows integer, took interval)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    previous text := current_setting('reporting.as_of', true);
    day date;
    started timestamptz;
    n integer;
BEGIN
    -- today's figures, whatever day the caller's session asked its reports for
    PERFORM set_config('reporting.as_of', '', true);
    day := reporting.as_of();
    LOCK TABLE filmwg.report_summaries IN SHARE ROW EXCLUSIVE MODE;
    FOREACH summary IN ARRAY ARRAY['companies_by_kind', 'membership_growth', 'grants_by_policy_year',
                                   'benefits_by_policy_year'] LOOP
        started := clock_timestamp();
        -- the names come from the list above, quoted all the same
        EXECUTE format('DELETE FROM filmwg.%I', 'summary_' || summary);
        EXECUTE format('INSERT INTO filmwg.%I SELECT * FROM filmwg.%I', 'summary_' || summary, 'live_' || summary);
        GET DIAGNOSTICS n = ROW_COUNT;
        as_of := day;
        rows := n;
        took := clock_timestamp() - started;
        INSERT INTO filmwg.report_summaries AS s (name, as_of, refreshed_at, refreshed_by, rows, took)
        VALUES (summary, day, started, filmwg.current_actor(), n, took)
        ON CONFLICT (name) DO UPDATE
           SET as_of = excluded.as_of, refreshed_at = excluded.refreshed_at,
               refreshed_by = excluded.refreshed_by, rows = excluded.rows, took = excluded.took;
        RETURN NEXT;
    END LOOP;
    PERFORM set_config('reporting.as_of', coalesce(previous, ''), true);
END
$$;
COMMENT ON FUNCTION filmwg.refresh_summaries() IS
    'Recomputes the summaries of the aggregate reports (companies_by_kind, membership_growth, grants_by_policy_year, benefits_by_policy_year) for today in Asia/Shanghai, each replaced whole, and records in filmwg.report_summaries the day, time and actor; returns one row per summary with its day, rows and time taken. Runs as the owner; filmwg_job and filmwg_admin may call it (filmwg report refresh, nightly after the eligibility job).';
REVOKE ALL ON FUNCTION filmwg.refresh_summaries() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.refresh_summaries() TO filmwg_job, filmwg_admin;

-- `db migrate` drops a report's row when the report's file (or this one) changed (Migrator).
COMMENT ON TABLE filmwg.report_summaries IS
    'Which aggregate reports are answered from a summary, and how fresh it is: one row per report refreshed by filmwg.refresh_summaries() since its view (or this function) last changed; db migrate drops a row when it applies a changed file of the report. Without a row the view computes its figures live.';

RESET ROLE;
