-- 0002_records: the records admins keep: companies, memberships, professionals, employments,
-- events, attendance, positions, role assignments and elections.
--
-- Every CHECK, UNIQUE and EXCLUDE constraint has an explicit name: the application maps
-- constraint names to sentences. Triggers on every table here:
--   check_row_version  BEFORE INSERT OR UPDATE  optimistic locking (SQLSTATE FW409)
--   audit              AFTER INSERT OR UPDATE OR DELETE  one filmwg.audit_log row per row

SET ROLE filmwg_owner;
SELECT set_config('filmwg.actor', 'migration:0002_records', true);

-- ---------------------------------------------------------------------------------------------
-- Unified Social Credit Code (GB 32100-2015)

CREATE FUNCTION filmwg.uscc_problem(code text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS
$$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    -- weight of position i is 3^(i-1) mod 31
    weights constant integer[] := '{1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28}';
    ch text;
    total integer := 0;
    expected integer;
BEGIN
    IF char_length(code) <> 18 THEN
        RETURN format('has %s characters, a USCC has 18', char_length(code));
    END IF;
    FOR i IN 1..18 LOOP
        ch := substr(code, i, 1);
        IF strpos(alphabet, ch) = 0 THEN
            RETURN format('character ''%s'' at position %s is not allowed in a USCC', ch, i);
        END IF;
        IF i <= 17 THEN
            total := total + (strpos(alphabet, ch) - 1) * weights[i];
        END IF;
    END LOOP;
    expected := (31 - total % 31) % 31;
    IF substr(code, 18, 1) <> substr(alphabet, expected + 1, 1) THEN
        RETURN format('check digit is ''%s'', expected ''%s''',
                      substr(code, 18, 1), substr(alphabet, expected + 1, 1));
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION filmwg.uscc_problem(text) IS
    'Why a Unified Social Credit Code (GB 32100-2015) is invalid, or NULL when it is valid (or NULL). Checks, in order: length ("has N characters, a USCC has 18"), characters from 0123456789ABCDEFGHJKLMNPQRTUWXY, upper case only ("character ''X'' at position N is not allowed in a USCC", position 1-based), then the check digit ("check digit is ''X'', expected ''Y''"; weights 3^(i-1) mod 31, check value (31 - Σ mod 31) mod 31).';
GRANT EXECUTE ON FUNCTION filmwg.uscc_problem(text) TO filmwg_admin, filmwg_job;

-- ---------------------------------------------------------------------------------------------
-- companies

CREATE TABLE filmwg.companies (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uscc                text CONSTRAINT companies_uscc_key UNIQUE
        CONSTRAINT companies_uscc_check CHECK (filmwg.uscc_problem(uscc) IS NULL),
    name                text NOT NULL
        CONSTRAINT companies_name_check CHECK (btrim(name) <> ''),
    name_zh             text
        CONSTRAINT companies_name_zh_check CHECK (btrim(name_zh) <> ''),
    kind                text NOT NULL DEFAULT 'other'
        CONSTRAINT companies_kind_check CHECK (kind IN ('internet_platform', 'production',
            'distribution', 'post_production', 'technology', 'investment', 'other')),
    district            text,
    registered_in_zone  boolean NOT NULL DEFAULT false,
    zone_registered_on  date,
    registered_capital  numeric(20,2)
        CONSTRAINT companies_registered_capital_check CHECK (registered_capital >= 0),
    founded_on          date,
    employees           integer
        CONSTRAINT companies_employees_check CHECK (employees >= 0),
    archived_at         timestamptz,
    row_version         integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT companies_zone_check CHECK (registered_in_zone OR zone_registered_on IS NULL)
);
COMMENT ON TABLE filmwg.companies IS
    'Member units and other film and internet companies (also organisations such as the Internet Society of China, kind other). Archived companies stay for history but drop out of facts and reports.';
COMMENT ON COLUMN filmwg.companies.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.companies.uscc IS 'Unified Social Credit Code, 18 upper-case characters with a valid GB 32100-2015 check digit (constraint companies_uscc_check, reason from filmwg.uscc_problem); unique when present (companies_uscc_key); NULL when unknown or not applicable.';
COMMENT ON COLUMN filmwg.companies.name IS 'Name, usually the English or registered name; not blank.';
COMMENT ON COLUMN filmwg.companies.name_zh IS 'Chinese name (中文名称); not blank when present.';
COMMENT ON COLUMN filmwg.companies.kind IS 'internet_platform, production, distribution, post_production, technology, investment or other (companies_kind_check).';
COMMENT ON COLUMN filmwg.companies.district IS 'District of registration, e.g. 怀柔区.';
COMMENT ON COLUMN filmwg.companies.registered_in_zone IS 'Registered in the Huairou National Film Industry Demonstration Zone.';
COMMENT ON COLUMN filmwg.companies.zone_registered_on IS 'Day of registration in the zone; only when registered_in_zone (companies_zone_check).';
COMMENT ON COLUMN filmwg.companies.registered_capital IS 'Registered capital in CNY, >= 0.';
COMMENT ON COLUMN filmwg.companies.founded_on IS 'Day the company was founded.';
COMMENT ON COLUMN filmwg.companies.employees IS 'Number of employees, >= 0.';
COMMENT ON COLUMN filmwg.companies.archived_at IS 'When the company was archived; NULL while active.';
COMMENT ON COLUMN filmwg.companies.row_version IS 'Optimistic-locking version: 1 on insert, +1 on every update; an update naming a stale version fails with SQLSTATE FW409.';
COMMENT ON COLUMN filmwg.companies.created_at IS 'When the record was created.';

CREATE INDEX companies_name_trgm_idx ON filmwg.companies USING gin (name public.gin_trgm_ops);
COMMENT ON INDEX filmwg.companies_name_trgm_idx IS 'Name search (ILIKE ''%…%'', similarity).';
CREATE INDEX companies_name_zh_trgm_idx ON filmwg.companies USING gin (name_zh public.gin_trgm_ops);
COMMENT ON INDEX filmwg.companies_name_zh_trgm_idx IS 'Chinese name search (ILIKE ''%…%'').';
CREATE INDEX companies_registered_in_zone_idx ON filmwg.companies (registered_in_zone);
COMMENT ON INDEX filmwg.companies_registered_in_zone_idx IS 'Companies in the Huairou zone.';
CREATE INDEX companies_kind_idx ON filmwg.companies (kind);
COMMENT ON INDEX filmwg.companies_kind_idx IS 'Companies by kind.';

CREATE FUNCTION filmwg.check_uscc() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    problem text := filmwg.uscc_problem(NEW.uscc);
BEGIN
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'USCC ''%'' is not valid: %', NEW.uscc, problem
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'companies_uscc_check',
                  SCHEMA = TG_TABLE_SCHEMA,
                  TABLE = TG_TABLE_NAME,
                  COLUMN = 'uscc',
                  DETAIL = problem;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION filmwg.check_uscc() IS
    'BEFORE INSERT OR UPDATE OF uscc trigger of companies: raises check_violation (23514) on constraint companies_uscc_check with message "USCC ''CODE'' is not valid: REASON" and DETAIL = REASON (the phrase of filmwg.uscc_problem), before the CHECK itself would fire with a generic message.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.companies
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.companies IS 'Optimistic locking (FW409).';
CREATE TRIGGER check_uscc BEFORE INSERT OR UPDATE OF uscc ON filmwg.companies
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_uscc();
COMMENT ON TRIGGER check_uscc ON filmwg.companies IS 'Readable USCC errors (23514, companies_uscc_check).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.companies
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.companies IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- memberships

CREATE TABLE filmwg.memberships (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id   bigint NOT NULL CONSTRAINT memberships_company_id_fkey REFERENCES filmwg.companies (id),
    tier         text NOT NULL
        CONSTRAINT memberships_tier_check CHECK (tier IN ('initiating', 'member', 'observer')),
    period       daterange NOT NULL
        CONSTRAINT memberships_period_check CHECK (NOT isempty(period) AND NOT lower_inf(period)),
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT memberships_no_overlap EXCLUDE USING gist (company_id WITH =, period WITH &&)
);
COMMENT ON TABLE filmwg.memberships IS
    'A company''s membership of the working group over a period; a change of tier ends one membership and starts another. Periods of one company never overlap (memberships_no_overlap).';
COMMENT ON COLUMN filmwg.memberships.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.memberships.company_id IS 'The member company.';
COMMENT ON COLUMN filmwg.memberships.tier IS 'initiating (initiating member unit, 发起单位), member or observer (memberships_tier_check).';
COMMENT ON COLUMN filmwg.memberships.period IS 'Half-open [joined_on, left_on): a member from joined_on up to and including the day before left_on; upper bound NULL while a member. Lower bound required, never empty (memberships_period_check).';
COMMENT ON COLUMN filmwg.memberships.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.memberships.created_at IS 'When the record was created.';

CREATE INDEX memberships_company_id_idx ON filmwg.memberships (company_id);
COMMENT ON INDEX filmwg.memberships_company_id_idx IS 'Memberships of a company.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.memberships
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.memberships IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.memberships
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.memberships IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- professionals

CREATE TABLE filmwg.professionals (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name    text
        CONSTRAINT professionals_full_name_check CHECK (btrim(full_name) <> ''),
    latin_name   text,
    title        text,
    email        text
        CONSTRAINT professionals_email_check CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    phone        text,
    specialties  text[] NOT NULL DEFAULT '{}'
        CONSTRAINT professionals_specialties_check CHECK (array_position(specialties, NULL) IS NULL),
    erased_at    timestamptz,
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT professionals_name_required CHECK (full_name IS NOT NULL OR erased_at IS NOT NULL),
    CONSTRAINT professionals_erased_check CHECK (erased_at IS NULL OR
        (full_name IS NULL AND latin_name IS NULL AND email IS NULL AND phone IS NULL))
);
COMMENT ON TABLE filmwg.professionals IS
    'People in the industry. full_name, latin_name, email and phone are personal data: filmwg.erase_professional removes them on request (erased_at set) while attendance, employments and roles stay as anonymous history.';
COMMENT ON COLUMN filmwg.professionals.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.professionals.full_name IS 'Full name as the person writes it (Chinese names first-class); required, not blank (professionals_name_required, professionals_full_name_check); NULL only after erasure.';
COMMENT ON COLUMN filmwg.professionals.latin_name IS 'Name in Latin letters (e.g. pinyin), optional. Personal data.';
COMMENT ON COLUMN filmwg.professionals.title IS 'Job title, e.g. Deputy Secretary-General.';
COMMENT ON COLUMN filmwg.professionals.email IS 'E-mail address; unique ignoring case (index professionals_email_key); must look like local@domain (professionals_email_check). Personal contact data, never in reports.';
COMMENT ON COLUMN filmwg.professionals.phone IS 'Phone number. Personal contact data, never in reports.';
COMMENT ON COLUMN filmwg.professionals.specialties IS 'Specialties (e.g. screenwriting, VFX); no NULL elements (professionals_specialties_check).';
COMMENT ON COLUMN filmwg.professionals.erased_at IS 'When the personal data was erased; then full_name, latin_name, email and phone are NULL (professionals_erased_check).';
COMMENT ON COLUMN filmwg.professionals.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.professionals.created_at IS 'When the record was created.';

CREATE UNIQUE INDEX professionals_email_key ON filmwg.professionals (lower(email));
COMMENT ON INDEX filmwg.professionals_email_key IS 'E-mail addresses are unique ignoring case (23505 on professionals_email_key); also finds a professional by e-mail.';
CREATE INDEX professionals_full_name_trgm_idx ON filmwg.professionals USING gin (full_name public.gin_trgm_ops);
COMMENT ON INDEX filmwg.professionals_full_name_trgm_idx IS 'Name search (ILIKE ''%…%'').';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.professionals
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.professionals IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.professionals
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.professionals IS 'Audit log; personal fields left out for erased professionals.';

CREATE FUNCTION filmwg.scrub_erased_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
BEGIN
    UPDATE audit_log
       SET old_values = old_values - personal_fields(),
           new_values = new_values - personal_fields()
     WHERE table_name = 'professionals'
       AND row_id = NEW.id::text
       AND (old_values ?| personal_fields() OR new_values ?| personal_fields());
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION filmwg.scrub_erased_audit() IS
    'AFTER UPDATE trigger of professionals (scrub_erased_audit), when erased_at becomes non-NULL: removes full_name, latin_name, email and phone from every earlier audit row of that professional. Runs as filmwg_owner, the only role that may change audit rows.';
REVOKE ALL ON FUNCTION filmwg.scrub_erased_audit() FROM PUBLIC;

CREATE TRIGGER scrub_erased_audit AFTER UPDATE OF erased_at ON filmwg.professionals
    FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL)
    EXECUTE FUNCTION filmwg.scrub_erased_audit();
COMMENT ON TRIGGER scrub_erased_audit ON filmwg.professionals IS
    'An erase, however it is made, also removes the personal data from the audit log.';

CREATE FUNCTION filmwg.erase_professional(professional_id bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = filmwg, pg_temp AS
$$
DECLARE
    previous text := current_setting('filmwg.erasing', true);
    was_erased timestamptz;
BEGIN
    SELECT erased_at INTO was_erased FROM professionals WHERE id = professional_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'professional % does not exist', professional_id
            USING ERRCODE = 'no_data_found', SCHEMA = 'filmwg', TABLE = 'professionals';
    END IF;
    PERFORM set_config('filmwg.erasing', 'on', true);
    IF was_erased IS NULL THEN
        UPDATE professionals
           SET full_name = NULL, latin_name = NULL, email = NULL, phone = NULL,
               erased_at = clock_timestamp()
         WHERE id = professional_id;
    ELSE
        -- Already erased: only make sure the audit log holds nothing personal.
        UPDATE audit_log
           SET old_values = old_values - personal_fields(),
               new_values = new_values - personal_fields()
         WHERE table_name = 'professionals' AND row_id = professional_id::text
           AND (old_values ?| personal_fields() OR new_values ?| personal_fields());
    END IF;
    PERFORM set_config('filmwg.erasing', coalesce(previous, ''), true);
END
$$;
COMMENT ON FUNCTION filmwg.erase_professional(bigint) IS
    'Erases a professional''s personal data on request: nulls full_name, latin_name, email and phone, sets erased_at, keeps attendance, employments and roles; leaves one audit row for the erase without personal values and removes them from the earlier audit rows. Idempotent. Raises no_data_found (P0002) "professional N does not exist".';
REVOKE ALL ON FUNCTION filmwg.erase_professional(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION filmwg.erase_professional(bigint) TO filmwg_admin;

-- ---------------------------------------------------------------------------------------------
-- employments

CREATE TABLE filmwg.employments (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    professional_id  bigint NOT NULL CONSTRAINT employments_professional_id_fkey REFERENCES filmwg.professionals (id),
    company_id       bigint NOT NULL CONSTRAINT employments_company_id_fkey REFERENCES filmwg.companies (id),
    period           daterange NOT NULL
        CONSTRAINT employments_period_check CHECK (NOT isempty(period)),
    title            text,
    row_version      integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE filmwg.employments IS 'Who works for which company, when.';
COMMENT ON COLUMN filmwg.employments.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.employments.professional_id IS 'The employee.';
COMMENT ON COLUMN filmwg.employments.company_id IS 'The employer.';
COMMENT ON COLUMN filmwg.employments.period IS 'Half-open [employed_from, employed_to); either bound may be NULL (start unknown, still employed); never empty (employments_period_check).';
COMMENT ON COLUMN filmwg.employments.title IS 'Job title in this employment.';
COMMENT ON COLUMN filmwg.employments.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.employments.created_at IS 'When the record was created.';

CREATE INDEX employments_company_id_idx ON filmwg.employments (company_id);
COMMENT ON INDEX filmwg.employments_company_id_idx IS 'Employees of a company (fact professionals_count).';
CREATE INDEX employments_professional_id_idx ON filmwg.employments (professional_id);
COMMENT ON INDEX filmwg.employments_professional_id_idx IS 'Employments of a professional.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.employments
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.employments IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.employments
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.employments IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- events

CREATE TABLE filmwg.events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL
        CONSTRAINT events_name_check CHECK (btrim(name) <> ''),
    kind         text NOT NULL DEFAULT 'other'
        CONSTRAINT events_kind_check CHECK (kind IN ('ceremony', 'forum', 'meeting', 'workshop', 'other')),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz,
    venue        text,
    district     text,
    capacity     integer
        CONSTRAINT events_capacity_check CHECK (capacity > 0),
    notes        text,
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_ends_check CHECK (ends_at >= starts_at)
);
COMMENT ON TABLE filmwg.events IS 'The working group''s ceremonies, forums, meetings and workshops.';
COMMENT ON COLUMN filmwg.events.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.events.name IS 'Name of the event; not blank.';
COMMENT ON COLUMN filmwg.events.kind IS 'ceremony, forum, meeting, workshop or other (events_kind_check).';
COMMENT ON COLUMN filmwg.events.starts_at IS 'Start instant; its date in Asia/Shanghai is the event''s day.';
COMMENT ON COLUMN filmwg.events.ends_at IS 'End instant, not before starts_at (events_ends_check); NULL when unknown.';
COMMENT ON COLUMN filmwg.events.venue IS 'Where it took place.';
COMMENT ON COLUMN filmwg.events.district IS 'District of the venue, e.g. 怀柔区.';
COMMENT ON COLUMN filmwg.events.capacity IS 'Seats available, > 0 (events_capacity_check); NULL when unknown.';
COMMENT ON COLUMN filmwg.events.notes IS 'What happened, e.g. decisions taken.';
COMMENT ON COLUMN filmwg.events.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.events.created_at IS 'When the record was created.';

CREATE INDEX events_starts_at_idx ON filmwg.events (starts_at);
COMMENT ON INDEX filmwg.events_starts_at_idx IS 'Events by time (fact events_attended_12m).';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.events
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.events IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.events
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.events IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- attendance

CREATE TABLE filmwg.attendance (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         bigint NOT NULL CONSTRAINT attendance_event_id_fkey REFERENCES filmwg.events (id),
    professional_id  bigint NOT NULL CONSTRAINT attendance_professional_id_fkey REFERENCES filmwg.professionals (id),
    company_id       bigint CONSTRAINT attendance_company_id_fkey REFERENCES filmwg.companies (id),
    role             text NOT NULL DEFAULT 'attendee'
        CONSTRAINT attendance_role_check CHECK (role IN ('attendee', 'speaker', 'host', 'guest')),
    row_version      integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT attendance_event_professional_key UNIQUE (event_id, professional_id)
);
COMMENT ON TABLE filmwg.attendance IS 'Who attended an event, on behalf of which company, in which role; one row per (event, professional).';
COMMENT ON COLUMN filmwg.attendance.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.attendance.event_id IS 'The event.';
COMMENT ON COLUMN filmwg.attendance.professional_id IS 'The person who attended (kept after erasure, so counts stay right).';
COMMENT ON COLUMN filmwg.attendance.company_id IS 'The company the person attended for; NULL when in a personal capacity or unknown.';
COMMENT ON COLUMN filmwg.attendance.role IS 'attendee, speaker, host or guest (attendance_role_check).';
COMMENT ON COLUMN filmwg.attendance.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.attendance.created_at IS 'When the record was created.';

CREATE INDEX attendance_company_id_event_id_idx ON filmwg.attendance (company_id, event_id);
COMMENT ON INDEX filmwg.attendance_company_id_event_id_idx IS 'Events attended on a company''s behalf (fact events_attended_12m).';
CREATE INDEX attendance_professional_id_idx ON filmwg.attendance (professional_id);
COMMENT ON INDEX filmwg.attendance_professional_id_idx IS 'Events attended by a professional.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.attendance
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.attendance IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.attendance
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.attendance IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- positions

CREATE TABLE filmwg.positions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL CONSTRAINT positions_code_key UNIQUE
        CONSTRAINT positions_code_check CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    title        text NOT NULL
        CONSTRAINT positions_title_check CHECK (btrim(title) <> ''),
    title_zh     text,
    seats        integer NOT NULL DEFAULT 1
        CONSTRAINT positions_seats_check CHECK (seats >= 1),
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE filmwg.positions IS 'The working group''s elected posts and how many people may hold each at once.';
COMMENT ON COLUMN filmwg.positions.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.positions.code IS 'Stable code, lower-case letters, digits and _ (positions_code_check), unique (positions_code_key), e.g. head.';
COMMENT ON COLUMN filmwg.positions.title IS 'English title, e.g. Head.';
COMMENT ON COLUMN filmwg.positions.title_zh IS 'Chinese title, e.g. 组长.';
COMMENT ON COLUMN filmwg.positions.seats IS 'How many professionals may hold the position at the same time, >= 1; never lowered below the current holders (23P01 role_assignments_seats).';
COMMENT ON COLUMN filmwg.positions.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.positions.created_at IS 'When the record was created.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.positions
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.positions IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.positions
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.positions IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- role_assignments

CREATE TABLE filmwg.role_assignments (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position_id      bigint NOT NULL CONSTRAINT role_assignments_position_id_fkey REFERENCES filmwg.positions (id),
    professional_id  bigint NOT NULL CONSTRAINT role_assignments_professional_id_fkey REFERENCES filmwg.professionals (id),
    company_id       bigint CONSTRAINT role_assignments_company_id_fkey REFERENCES filmwg.companies (id),
    term             daterange NOT NULL
        CONSTRAINT role_assignments_term_check CHECK (NOT isempty(term) AND NOT lower_inf(term)),
    row_version      integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT role_assignments_no_overlap
        EXCLUDE USING gist (position_id WITH =, professional_id WITH =, term WITH &&)
);
COMMENT ON TABLE filmwg.role_assignments IS
    'A professional holding a position, on behalf of a company, over a term. Never more holders at once than the position''s seats (trigger enforce_seats, 23P01 role_assignments_seats); one professional never holds the same position twice at once (role_assignments_no_overlap).';
COMMENT ON COLUMN filmwg.role_assignments.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.role_assignments.position_id IS 'The position held.';
COMMENT ON COLUMN filmwg.role_assignments.professional_id IS 'The holder.';
COMMENT ON COLUMN filmwg.role_assignments.company_id IS 'The company the holder represents; NULL when none or unknown.';
COMMENT ON COLUMN filmwg.role_assignments.term IS 'Half-open [from, to): held from `from` up to and including the day before `to`; upper bound NULL while held. Lower bound required, never empty (role_assignments_term_check).';
COMMENT ON COLUMN filmwg.role_assignments.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.role_assignments.created_at IS 'When the record was created.';

CREATE INDEX role_assignments_company_id_idx ON filmwg.role_assignments (company_id);
COMMENT ON INDEX filmwg.role_assignments_company_id_idx IS 'Roles held on a company''s behalf (fact holds_position).';
CREATE INDEX role_assignments_professional_id_idx ON filmwg.role_assignments (professional_id);
COMMENT ON INDEX filmwg.role_assignments_professional_id_idx IS 'Roles of a professional.';

CREATE FUNCTION filmwg.enforce_seats() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    pos record;
    conflict_on date;
    held_from date;
    holders text;
BEGIN
    IF TG_TABLE_NAME = 'positions' THEN
        -- Lowering the seats of a position: the row is locked by this UPDATE, so concurrent
        -- assignments of it wait. Check today and every later start of a term.
        WITH live AS (
            SELECT ra.professional_id, ra.term
              FROM filmwg.role_assignments ra
             WHERE ra.position_id = NEW.id
               AND (upper_inf(ra.term) OR upper(ra.term) > (now() AT TIME ZONE 'Asia/Shanghai')::date)
        ), points AS (
            SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS at
            UNION
            SELECT lower(term) FROM live WHERE lower(term) > (now() AT TIME ZONE 'Asia/Shanghai')::date
        )
        SELECT p.at, string_agg(l.professional_id::text, ', ' ORDER BY l.professional_id)
          INTO conflict_on, holders
          FROM points p JOIN live l ON l.term @> p.at
         GROUP BY p.at
        HAVING count(*) > NEW.seats
         ORDER BY count(*) DESC, p.at
         LIMIT 1;
        IF conflict_on IS NOT NULL THEN
            RAISE EXCEPTION 'position % cannot have % seat%, it is held on % by professionals %',
                    NEW.code, NEW.seats, CASE WHEN NEW.seats = 1 THEN '' ELSE 's' END,
                    conflict_on, holders
                USING ERRCODE = 'exclusion_violation',
                      CONSTRAINT = 'role_assignments_seats',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'seats',
                      HINT = 'End some terms first, or keep the seats.';
        END IF;
        RETURN NEW;
    END IF;

    -- role_assignments: nothing to check when neither position nor term changes.
    IF TG_OP = 'UPDATE' AND NEW.position_id = OLD.position_id AND NEW.term = OLD.term THEN
        RETURN NEW;
    END IF;

    -- Serialise every assignment of this position (and changes of its seats).
    SELECT id, code, seats INTO pos
      FROM filmwg.positions WHERE id = NEW.position_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports it
    END IF;

    -- The number of holders over the new term is highest at its start or at the start of one
    -- of the overlapping terms; count the other holders at each such day.
    WITH others AS (
        SELECT ra.professional_id, ra.term
          FROM filmwg.role_assignments ra
         WHERE ra.position_id = NEW.position_id
           AND ra.id <> NEW.id
           AND ra.term && NEW.term
    ), points AS (
        SELECT lower(NEW.term) AS at
        UNION
        SELECT lower(term) FROM others WHERE NEW.term @> lower(term)
    )
    SELECT p.at, min(lower(o.term)),
           string_agg(o.professional_id::text, ', ' ORDER BY lower(o.term), o.professional_id)
      INTO conflict_on, held_from, holders
      FROM points p JOIN others o ON o.term @> p.at
     GROUP BY p.at
    HAVING count(*) >= pos.seats
     ORDER BY p.at
     LIMIT 1;

    IF conflict_on IS NOT NULL THEN
        IF pos.seats = 1 THEN
            RAISE EXCEPTION 'position % has 1 seat, already held from % by professional %',
                    pos.code, held_from, holders
                USING ERRCODE = 'exclusion_violation',
                      CONSTRAINT = 'role_assignments_seats',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'term',
                      HINT = 'End the current term first, or choose a later start.';
        ELSE
            RAISE EXCEPTION 'position % has % seats, all held on % by professionals %',
                    pos.code, pos.seats, conflict_on, holders
                USING ERRCODE = 'exclusion_violation',
                      CONSTRAINT = 'role_assignments_seats',
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = 'term',
                      HINT = 'End a current term first, choose a later start, or add seats.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION filmwg.enforce_seats() IS
    'Trigger enforce_seats. On role_assignments (BEFORE INSERT OR UPDATE): locks the position row (FOR NO KEY UPDATE) so assignments of one position serialise, then counts the holders on every day of the new term; raises exclusion_violation (23P01) with constraint role_assignments_seats: "position CODE has 1 seat, already held from DATE by professional ID" or "position CODE has N seats, all held on DATE by professionals ID, ID, …". On positions (BEFORE UPDATE OF seats, when lowered): 23P01 role_assignments_seats "position CODE cannot have N seat(s), it is held on DATE by professionals ID, …" when more professionals hold it on some day from today (Asia/Shanghai) on. Sound under READ COMMITTED (the default) and SERIALIZABLE.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.role_assignments
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.role_assignments IS 'Optimistic locking (FW409).';
CREATE TRIGGER enforce_seats BEFORE INSERT OR UPDATE ON filmwg.role_assignments
    FOR EACH ROW EXECUTE FUNCTION filmwg.enforce_seats();
COMMENT ON TRIGGER enforce_seats ON filmwg.role_assignments IS 'Never more holders at once than seats (23P01 role_assignments_seats).';
CREATE TRIGGER enforce_seats BEFORE UPDATE OF seats ON filmwg.positions
    FOR EACH ROW WHEN (NEW.seats < OLD.seats) EXECUTE FUNCTION filmwg.enforce_seats();
COMMENT ON TRIGGER enforce_seats ON filmwg.positions IS 'Seats never lowered below the current holders (23P01 role_assignments_seats).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.role_assignments
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.role_assignments IS 'Audit log.';

-- ---------------------------------------------------------------------------------------------
-- elections

CREATE TABLE filmwg.elections (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     bigint CONSTRAINT elections_event_id_fkey REFERENCES filmwg.events (id),
    held_on      date NOT NULL,
    position_id  bigint NOT NULL CONSTRAINT elections_position_id_fkey REFERENCES filmwg.positions (id),
    notes        text,
    row_version  integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE filmwg.elections IS 'A vote that filled a position; candidates and their votes in election_candidates.';
COMMENT ON COLUMN filmwg.elections.id IS 'Surrogate key.';
COMMENT ON COLUMN filmwg.elections.event_id IS 'The event at which the vote was held, if any.';
COMMENT ON COLUMN filmwg.elections.held_on IS 'Day of the vote.';
COMMENT ON COLUMN filmwg.elections.position_id IS 'The position voted on.';
COMMENT ON COLUMN filmwg.elections.notes IS 'Free notes, e.g. the procedure.';
COMMENT ON COLUMN filmwg.elections.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.elections.created_at IS 'When the record was created.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.elections
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.elections IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.elections
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('id');
COMMENT ON TRIGGER audit ON filmwg.elections IS 'Audit log.';

CREATE TABLE filmwg.election_candidates (
    election_id      bigint NOT NULL CONSTRAINT election_candidates_election_id_fkey
        REFERENCES filmwg.elections (id) ON DELETE CASCADE,
    professional_id  bigint NOT NULL CONSTRAINT election_candidates_professional_id_fkey
        REFERENCES filmwg.professionals (id),
    company_id       bigint CONSTRAINT election_candidates_company_id_fkey REFERENCES filmwg.companies (id),
    votes_for        integer CONSTRAINT election_candidates_votes_for_check CHECK (votes_for >= 0),
    votes_against    integer CONSTRAINT election_candidates_votes_against_check CHECK (votes_against >= 0),
    votes_abstain    integer CONSTRAINT election_candidates_votes_abstain_check CHECK (votes_abstain >= 0),
    elected          boolean NOT NULL DEFAULT false,
    row_version      integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT election_candidates_pkey PRIMARY KEY (election_id, professional_id)
);
COMMENT ON TABLE filmwg.election_candidates IS 'A candidate of an election and the votes cast for, against, or abstaining on them.';
COMMENT ON COLUMN filmwg.election_candidates.election_id IS 'The election (rows go with it when it is deleted).';
COMMENT ON COLUMN filmwg.election_candidates.professional_id IS 'The candidate.';
COMMENT ON COLUMN filmwg.election_candidates.company_id IS 'The company the candidate stood for, if any.';
COMMENT ON COLUMN filmwg.election_candidates.votes_for IS 'Votes for, >= 0; NULL when not published.';
COMMENT ON COLUMN filmwg.election_candidates.votes_against IS 'Votes against, >= 0; NULL when not published.';
COMMENT ON COLUMN filmwg.election_candidates.votes_abstain IS 'Abstentions, >= 0; NULL when not published.';
COMMENT ON COLUMN filmwg.election_candidates.elected IS 'Whether the candidate was elected.';
COMMENT ON COLUMN filmwg.election_candidates.row_version IS 'Optimistic-locking version (FW409 when stale).';
COMMENT ON COLUMN filmwg.election_candidates.created_at IS 'When the record was created.';

CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON filmwg.election_candidates
    FOR EACH ROW EXECUTE FUNCTION filmwg.check_row_version();
COMMENT ON TRIGGER check_row_version ON filmwg.election_candidates IS 'Optimistic locking (FW409).';
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON filmwg.election_candidates
    FOR EACH ROW EXECUTE FUNCTION filmwg.audit('election_id', 'professional_id');
COMMENT ON TRIGGER audit ON filmwg.election_candidates IS 'Audit log; row_id is "election_id,professional_id".';

-- ---------------------------------------------------------------------------------------------
-- Privileges

REVOKE ALL ON filmwg.companies, filmwg.memberships, filmwg.professionals, filmwg.employments,
    filmwg.events, filmwg.attendance, filmwg.positions, filmwg.role_assignments,
    filmwg.elections, filmwg.election_candidates FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON filmwg.companies, filmwg.memberships,
    filmwg.professionals, filmwg.employments, filmwg.events, filmwg.attendance,
    filmwg.positions, filmwg.role_assignments, filmwg.elections, filmwg.election_candidates
    TO filmwg_admin;
GRANT SELECT ON filmwg.companies, filmwg.memberships, filmwg.professionals, filmwg.employments,
    filmwg.events, filmwg.attendance, filmwg.positions, filmwg.role_assignments,
    filmwg.elections, filmwg.election_candidates TO filmwg_job;

-- ---------------------------------------------------------------------------------------------
-- The positions of the working group

INSERT INTO filmwg.positions (code, title, title_zh, seats) VALUES
    ('head', 'Head', '组长', 1),
    ('deputy_head', 'Deputy Head', '副组长', 5),
    ('secretary_general', 'Secretary-General', '秘书长', 1),
    ('deputy_secretary_general', 'Deputy Secretary-General', '副秘书长', 3);

RESET ROLE;
