-- 0010: drops SQL that nothing calls any more, so the schema a reader sees (sql/schema.sql) is
-- the schema that works.
--
-- filmwg.check_uscc(): the function of trigger check_uscc, which 0009 dropped when the
-- readable USCC refusal moved into CHECK (filmwg.uscc_is_valid(uscc) OR
-- filmwg.uscc_refused(uscc)). No trigger, function or view refers to it.
DROP FUNCTION filmwg.check_uscc();

-- The comment of uscc_is_valid still named the trigger's WHEN; say what uses it now.
COMMENT ON FUNCTION filmwg.uscc_is_valid(text) IS
    'Whether a Unified Social Credit Code is valid (GB 32100-2015: 18 characters of 0123456789ABCDEFGHJKLMNPQRTUWXY, check character over weights 3^(i-1) mod 31); NULL for NULL. Accepts exactly the codes for which filmwg.uscc_problem is NULL; one inlinable expression, for the CHECK constraint companies_uscc_check (with filmwg.uscc_refused). filmwg.uscc_problem says why a code is invalid.';
