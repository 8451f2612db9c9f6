-- =============================================================================================
-- SAMPLE DATA — FICTIONAL. Not records of the working group.
-- =============================================================================================
-- Seven made-up companies (with USCCs whose check digits are valid but which belong to no real
-- company), their memberships, a few professionals (e-mail addresses at example.com), the
-- group's events of 2023–2025 and who attended them, and five made-up film works with their
-- co-producers and awards (titles marked "(sample)", licence numbers "SAMPLE-…"). scripts/run loads it so the nightly
-- eligibility job and its explanations have something to decide on; the sample policies are in
-- scripts/sample/policies/.
--
-- Load with:  psql -v ON_ERROR_STOP=1 --single-transaction -f scripts/sample/sample.sql
-- Idempotent: every row is found by a natural key first, so loading it twice equals once.

SELECT set_config('filmwg.actor', 'sample-data', true);

-- Companies -----------------------------------------------------------------------------------
INSERT INTO filmwg.companies (uscc, name, name_zh, kind, district, registered_in_zone, zone_registered_on,
                              registered_capital, founded_on, employees)
VALUES
    ('91110116MA00YQ001M', 'Yanqi Lake Pictures Co., Ltd. (sample)', '雁栖湖影业有限公司（示例）', 'production',
     '怀柔区', true, '2016-03-01', 10000000.00, '2015-06-18', 85),
    ('91110116MA01HL002R', 'Hongluo Post-Production Studio (sample)', '红螺后期制作工作室（示例）', 'post_production',
     '怀柔区', true, '2018-09-10', 3000000.00, '2018-08-01', 22),
    ('91110108MA00YM003K', 'Cloudscreen Streaming Technology (sample)', '云幕流媒体科技（示例）', 'internet_platform',
     '海淀区', false, NULL, 50000000.00, '2012-01-09', 400),
    ('91110116MA01MT004A', 'Mutianyu Film Distribution (sample)', '慕田峪影片发行（示例）', 'distribution',
     '怀柔区', true, '2019-04-15', 6000000.00, '2019-04-01', 15),
    ('91110116MA02JB005C', 'Jingbei Visual Effects Lab (sample)', '京北视效实验室（示例）', 'technology',
     '怀柔区', true, '2021-06-01', NULL, '2021-05-20', 30),
    ('91110105MA00YC006G', 'Silver Screen Capital (sample)', '银幕资本（示例）', 'investment',
     '朝阳区', false, NULL, 100000000.00, '2010-02-02', 40),
    ('92110116MA03QN0070', 'Huairou Young Filmmakers Studio (sample)', '怀柔青年电影工作室（示例）', 'production',
     '怀柔区', true, '2022-03-01', 1000000.00, NULL, 6)
ON CONFLICT ON CONSTRAINT companies_uscc_key DO NOTHING;

-- Memberships (half-open periods) -------------------------------------------------------------
INSERT INTO filmwg.memberships (company_id, tier, period)
SELECT c.id, m.tier, daterange(m.joined_on, m.left_on, '[)')
  FROM (VALUES
        ('91110116MA00YQ001M', 'initiating', date '2017-05-20', NULL::date),
        ('91110108MA00YM003K', 'initiating', date '2017-05-20', NULL),
        ('91110116MA01HL002R', 'member', date '2018-10-01', NULL),
        ('91110116MA01MT004A', 'observer', date '2020-01-01', date '2023-01-01'),
        ('91110116MA01MT004A', 'member', date '2023-01-01', NULL),
        ('91110116MA02JB005C', 'member', date '2021-07-01', NULL),
        ('92110116MA03QN0070', 'member', date '2022-05-20', date '2024-01-01')
       ) AS m(uscc, tier, joined_on, left_on)
  JOIN filmwg.companies c ON c.uscc = m.uscc
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.memberships x
                    WHERE x.company_id = c.id AND lower(x.period) = m.joined_on);

-- Professionals and their employments ---------------------------------------------------------
INSERT INTO filmwg.professionals (full_name, latin_name, title, email, specialties)
VALUES
    ('林晓雨', 'Lin Xiaoyu', 'Producer', 'lin.xiaoyu@example.com', '{producing}'),
    ('陈默', 'Chen Mo', 'Colourist', 'chen.mo@example.com', '{colour grading,editing}'),
    ('王思远', 'Wang Siyuan', 'Head of Content', 'wang.siyuan@example.com', '{streaming,acquisitions}'),
    ('赵一鸣', 'Zhao Yiming', 'Distribution Manager', 'zhao.yiming@example.com', '{distribution}'),
    ('孙可', 'Sun Ke', 'VFX Supervisor', 'sun.ke@example.com', '{VFX,virtual production}'),
    ('周宁', 'Zhou Ning', 'Director', 'zhou.ning@example.com', '{directing,screenwriting}')
ON CONFLICT ((lower(email))) DO NOTHING;

INSERT INTO filmwg.employments (professional_id, company_id, period, title)
SELECT p.id, c.id, daterange(e.employed_from, NULL, '[)'), e.title
  FROM (VALUES
        ('lin.xiaoyu@example.com', '91110116MA00YQ001M', date '2015-07-01', 'Producer'),
        ('chen.mo@example.com', '91110116MA01HL002R', date '2018-08-01', 'Colourist'),
        ('wang.siyuan@example.com', '91110108MA00YM003K', date '2014-03-01', 'Head of Content'),
        ('zhao.yiming@example.com', '91110116MA01MT004A', date '2019-04-01', 'Distribution Manager'),
        ('sun.ke@example.com', '91110116MA02JB005C', date '2021-05-20', 'VFX Supervisor'),
        ('zhou.ning@example.com', '92110116MA03QN0070', date '2022-03-01', 'Director')
       ) AS e(email, uscc, employed_from, title)
  JOIN filmwg.professionals p ON lower(p.email) = e.email
  JOIN filmwg.companies c ON c.uscc = e.uscc
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.employments x
                    WHERE x.professional_id = p.id AND x.company_id = c.id);

-- Events (times in Asia/Shanghai) -------------------------------------------------------------
-- Four on fixed days, and two "recent" ones placed relative to the day the sample is first
-- loaded (30 and 100 days before, 14:00 Asia/Shanghai), so that events_attended_12m means
-- something whenever the sample is tried. Found again by name, they never move.
INSERT INTO filmwg.events (name, kind, starts_at, ends_at, venue, district, capacity, notes)
SELECT v.name, v.kind, v.starts_at, v.ends_at, v.venue, '怀柔区', v.capacity, 'SAMPLE DATA (fictional event).'
  FROM (VALUES
        ('Sample: Annual Internet Film Forum 2023', 'forum',
         timestamptz '2023-11-18 09:30+08', timestamptz '2023-11-18 17:00+08', 'China Film Base, Huairou', 300),
        ('Sample: Virtual Production Workshop', 'workshop',
         timestamptz '2024-03-16 14:00+08', timestamptz '2024-03-16 18:00+08', 'Yanqi Lake Conference Centre', 40),
        ('Sample: Members'' Meeting, autumn 2024', 'meeting',
         timestamptz '2024-09-20 10:00+08', timestamptz '2024-09-20 12:00+08', 'Huairou Film Zone Service Centre', 60),
        ('Sample: Annual Internet Film Forum 2025', 'forum',
         timestamptz '2025-05-20 09:30+08', timestamptz '2025-05-20 17:00+08', 'China Film Base, Huairou', 300)
       ) AS v(name, kind, starts_at, ends_at, venue, capacity)
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.events e WHERE e.name = v.name AND e.starts_at = v.starts_at);

INSERT INTO filmwg.events (name, kind, starts_at, venue, district, capacity, notes)
SELECT v.name, v.kind,
       (((now() AT TIME ZONE 'Asia/Shanghai')::date - v.days_ago) + time '14:00') AT TIME ZONE 'Asia/Shanghai',
       v.venue, '怀柔区', v.capacity, 'SAMPLE DATA (fictional event), dated relative to when the sample was loaded.'
  FROM (VALUES
        ('Sample: Members'' Meeting (recent)', 'meeting', 30, 'Huairou Film Zone Service Centre', 60),
        ('Sample: Screening Night (recent)', 'other', 100, 'China Film Base, Huairou', 120)
       ) AS v(name, kind, days_ago, venue, capacity)
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.events e WHERE e.name = v.name);

-- Attendance, on behalf of the professional's company -----------------------------------------
INSERT INTO filmwg.attendance (event_id, professional_id, company_id, role)
SELECT e.id, p.id, c.id, a.role
  FROM (VALUES
        ('Sample: Annual Internet Film Forum 2023', 'lin.xiaoyu@example.com', '91110116MA00YQ001M', 'speaker'),
        ('Sample: Annual Internet Film Forum 2023', 'wang.siyuan@example.com', '91110108MA00YM003K', 'attendee'),
        ('Sample: Annual Internet Film Forum 2023', 'zhou.ning@example.com', '92110116MA03QN0070', 'attendee'),
        ('Sample: Virtual Production Workshop', 'sun.ke@example.com', '91110116MA02JB005C', 'host'),
        ('Sample: Virtual Production Workshop', 'chen.mo@example.com', '91110116MA01HL002R', 'attendee'),
        ('Sample: Members'' Meeting, autumn 2024', 'lin.xiaoyu@example.com', '91110116MA00YQ001M', 'attendee'),
        ('Sample: Members'' Meeting, autumn 2024', 'zhao.yiming@example.com', '91110116MA01MT004A', 'attendee'),
        ('Sample: Annual Internet Film Forum 2025', 'lin.xiaoyu@example.com', '91110116MA00YQ001M', 'speaker'),
        ('Sample: Annual Internet Film Forum 2025', 'chen.mo@example.com', '91110116MA01HL002R', 'attendee'),
        ('Sample: Annual Internet Film Forum 2025', 'sun.ke@example.com', '91110116MA02JB005C', 'speaker'),
        ('Sample: Annual Internet Film Forum 2025', 'wang.siyuan@example.com', '91110108MA00YM003K', 'guest'),
        ('Sample: Members'' Meeting (recent)', 'lin.xiaoyu@example.com', '91110116MA00YQ001M', 'host'),
        ('Sample: Members'' Meeting (recent)', 'chen.mo@example.com', '91110116MA01HL002R', 'attendee'),
        ('Sample: Members'' Meeting (recent)', 'zhao.yiming@example.com', '91110116MA01MT004A', 'attendee'),
        ('Sample: Screening Night (recent)', 'lin.xiaoyu@example.com', '91110116MA00YQ001M', 'attendee'),
        ('Sample: Screening Night (recent)', 'sun.ke@example.com', '91110116MA02JB005C', 'guest'),
        ('Sample: Screening Night (recent)', 'wang.siyuan@example.com', '91110108MA00YM003K', 'attendee')
       ) AS a(event, email, uscc, role)
  JOIN filmwg.events e ON e.name = a.event
  JOIN filmwg.professionals p ON lower(p.email) = a.email
  JOIN filmwg.companies c ON c.uscc = a.uscc
ON CONFLICT ON CONSTRAINT attendance_event_professional_key DO NOTHING;

-- A deputy head of the group, on behalf of Yanqi Lake Pictures --------------------------------
INSERT INTO filmwg.role_assignments (position_id, professional_id, company_id, term)
SELECT pos.id, p.id, c.id, daterange(date '2023-11-18', NULL, '[)')
  FROM filmwg.positions pos, filmwg.professionals p, filmwg.companies c
 WHERE pos.code = 'deputy_head' AND lower(p.email) = 'lin.xiaoyu@example.com' AND c.uscc = '91110116MA00YQ001M'
   AND NOT EXISTS (SELECT 1 FROM filmwg.role_assignments r
                    WHERE r.position_id = pos.id AND r.professional_id = p.id);

-- Film works and awards (FICTIONAL: made-up titles, licence numbers marked SAMPLE) ------------
-- Two of them, and three of the awards, are dated relative to the day the sample is first
-- loaded, so that works_released_12m and first_producer_awarded_works_12m mean something
-- whenever the sample is tried. Found again by title, they never move.
INSERT INTO filmwg.works (title, title_zh, kind, released_on, licence_no, first_producer_id)
SELECT v.title, v.title_zh, v.kind,
       coalesce(v.released_on, (now() AT TIME ZONE 'Asia/Shanghai')::date - v.days_ago),
       v.licence_no, c.id
  FROM (VALUES
        ('Lake of Lanterns (sample)', '灯湖（示例）', 'film', date '2023-08-18', NULL::integer,
         'SAMPLE-电审故字〔2023〕第0001号', '91110116MA00YQ001M'),
        ('The Great Wall at Dusk (sample)', '暮色长城（示例）', 'documentary', date '2024-05-10', NULL,
         'SAMPLE-电审纪字〔2024〕第0002号', '91110116MA00YQ001M'),
        ('Starlit Hutong (sample)', '星光胡同（示例）', 'series', date '2025-01-20', NULL,
         NULL, '91110108MA00YM003K'),
        ('Red Snail Valley (sample)', '红螺谷（示例）', 'online_film', NULL, 120,
         'SAMPLE-网络电影〔2025〕第0003号', '92110116MA03QN0070'),
        ('Winter Light over Yanqi (sample)', '雁栖冬光（示例）', 'film', NULL, 200,
         'SAMPLE-电审故字〔2025〕第0004号', '91110116MA00YQ001M')
       ) AS v(title, title_zh, kind, released_on, days_ago, licence_no, first_uscc)
  JOIN filmwg.companies c ON c.uscc = v.first_uscc
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.works w WHERE w.title = v.title);

INSERT INTO filmwg.work_co_producers (work_id, company_id, first_producer_id)
SELECT w.id, c.id, w.first_producer_id
  FROM (VALUES
        ('Lake of Lanterns (sample)', '91110108MA00YM003K'),
        ('The Great Wall at Dusk (sample)', '91110116MA02JB005C'),
        ('Starlit Hutong (sample)', '91110116MA00YQ001M'),
        ('Red Snail Valley (sample)', '91110116MA01HL002R'),
        ('Winter Light over Yanqi (sample)', '91110116MA01HL002R'),
        ('Winter Light over Yanqi (sample)', '91110116MA01MT004A')
       ) AS v(title, uscc)
  JOIN filmwg.works w ON w.title = v.title
  JOIN filmwg.companies c ON c.uscc = v.uscc
ON CONFLICT ON CONSTRAINT work_co_producers_pkey DO NOTHING;

INSERT INTO filmwg.awards (work_id, award_code, awarded_on, category, result)
SELECT w.id, v.award_code, coalesce(v.awarded_on, (now() AT TIME ZONE 'Asia/Shanghai')::date - v.days_ago),
       v.category, v.result
  FROM (VALUES
        ('Lake of Lanterns (sample)', 'jinji', date '2024-11-16', NULL::integer, 'Best Feature Film (sample)', 'nominated'),
        ('Lake of Lanterns (sample)', 'huabiao', NULL, 60, 'Outstanding Feature Film (sample)', 'won'),
        ('The Great Wall at Dusk (sample)', 'a_list_festival', date '2024-09-07', NULL, 'Best Documentary (sample)', 'won'),
        ('Starlit Hutong (sample)', 'feitian', NULL, 30, 'Outstanding TV Series (sample)', 'nominated'),
        ('Red Snail Valley (sample)', 'tiantan', NULL, 10, 'Best Online Film (sample)', 'won')
       ) AS v(title, award_code, awarded_on, days_ago, category, result)
  JOIN filmwg.works w ON w.title = v.title
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.awards a WHERE a.work_id = w.id AND a.award_code = v.award_code);
