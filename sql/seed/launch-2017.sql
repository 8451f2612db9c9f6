-- filmwg seed launch-2017: the records that the ISC article of 2017-05-23 ("The Internet Film
-- Working Group of ISC Established in Beijing") states, and nothing more.
--
-- Run by `filmwg seed launch-2017` in one transaction, with the privileges of filmwg_admin.
-- Idempotent: every row is found by a natural key first, so running it twice equals once
-- (a second run writes nothing, not even audit rows). Two runs at once serialise on an
-- advisory lock, so they cannot both insert. A row the seed would write is also left alone
-- when the records already hold it in another form: a professional erased on request
-- (DESIGN §9) is not brought back by seeding again, and an existing head of the working
-- group over the same days is not contradicted.
--
-- Left out because the article does not state them: USCCs, districts of the two
-- organisations, the start time of the ceremony, the names of the 90+ companies and of the
-- initiating member units, which company Xi Weihang represents, when his term ends, the vote
-- itself (which positions it filled, candidates, counts), and every Chinese name (of the two
-- people, of ISC and of the working group).

SELECT pg_advisory_xact_lock(2017052001);

-- Changes are recorded under the caller's actor, marked as made by this seed.
SELECT set_config('filmwg.actor', filmwg.current_actor() || ' (seed launch-2017)', true);

-- The Internet Society of China, an organisation: kind other, no USCC given.
INSERT INTO filmwg.companies (name, kind)
SELECT 'Internet Society of China', 'other'
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.companies
                    WHERE name = 'Internet Society of China' OR name_zh = '中国互联网协会');

-- Its Internet Film Working Group, whose records this database keeps; kind other.
INSERT INTO filmwg.companies (name, kind)
SELECT 'Internet Film Working Group of the Internet Society of China', 'other'
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.companies
                    WHERE name = 'Internet Film Working Group of the Internet Society of China');

-- The launch ceremony, 2017-05-20, Huairou National Film Industry Demonstration Zone.
-- The article gives the day only; the start is recorded as 00:00 Asia/Shanghai so that the
-- event's day in the group's calendar is right. District: the zone lies in Huairou, written
-- as the district column writes districts.
INSERT INTO filmwg.events (name, kind, starts_at, venue, district, notes)
SELECT 'Launch ceremony of the Internet Film Working Group of the Internet Society of China',
       'ceremony',
       timestamptz '2017-05-20 00:00:00+08',
       'Huairou National Film Industry Demonstration Zone, Beijing',
       '怀柔区',
       'More than 140 Internet film industry professionals from more than 90 companies attended. '
       || 'The working group adopted its working rules (principle: "Openness, Sharing, and Integration"), '
       || 'announced the first list of initiating member units, and formed its management structure by vote. '
       || 'Start time not reported: recorded as 00:00 Asia/Shanghai. '
       || 'Source: ISC, "The Internet Film Working Group of ISC Established in Beijing", 2017-05-23.'
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.events
                    WHERE kind = 'ceremony'
                      AND name = 'Launch ceremony of the Internet Film Working Group of the Internet Society of China'
                      AND (starts_at AT TIME ZONE 'Asia/Shanghai')::date = date '2017-05-20');

-- The two people the article names, as it spells them (no Chinese characters are given).
-- Shi Xiansheng: unless recorded by name, or erased on request (then only the anonymous
-- speaker's attendance at the ceremony, on behalf of ISC, remains).
INSERT INTO filmwg.professionals (full_name, title)
SELECT 'Shi Xiansheng', 'Deputy Secretary-General, Internet Society of China'
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.professionals WHERE full_name = 'Shi Xiansheng')
   AND NOT EXISTS (SELECT 1
                     FROM filmwg.attendance a
                     JOIN filmwg.professionals p ON p.id = a.professional_id
                     JOIN filmwg.events e ON e.id = a.event_id
                     JOIN filmwg.companies c ON c.id = a.company_id
                    WHERE p.erased_at IS NOT NULL AND a.role = 'speaker'
                      AND e.kind = 'ceremony'
                      AND e.name = 'Launch ceremony of the Internet Film Working Group of the Internet Society of China'
                      AND (e.starts_at AT TIME ZONE 'Asia/Shanghai')::date = date '2017-05-20'
                      AND (c.name = 'Internet Society of China' OR c.name_zh = '中国互联网协会'));

-- Xi Weihang: unless recorded by name, or erased on request (then only the anonymous head
-- whose term starts on 2017-05-20 remains).
INSERT INTO filmwg.professionals (full_name, title)
SELECT 'Xi Weihang', 'Head, Internet Film Working Group'
 WHERE NOT EXISTS (SELECT 1 FROM filmwg.professionals WHERE full_name = 'Xi Weihang')
   AND NOT EXISTS (SELECT 1
                     FROM filmwg.role_assignments r
                     JOIN filmwg.positions pos ON pos.id = r.position_id
                     JOIN filmwg.professionals p ON p.id = r.professional_id
                    WHERE pos.code = 'head' AND lower(r.term) = date '2017-05-20'
                      AND p.erased_at IS NOT NULL);

-- Shi Xiansheng spoke at the ceremony on behalf of ISC.
INSERT INTO filmwg.attendance (event_id, professional_id, company_id, role)
SELECT e.id, p.id, c.id, 'speaker'
  FROM filmwg.events e, filmwg.professionals p, filmwg.companies c
 WHERE e.kind = 'ceremony'
   AND e.name = 'Launch ceremony of the Internet Film Working Group of the Internet Society of China'
   AND (e.starts_at AT TIME ZONE 'Asia/Shanghai')::date = date '2017-05-20'
   AND p.full_name = 'Shi Xiansheng'
   AND (c.name = 'Internet Society of China' OR c.name_zh = '中国互联网协会')
 ORDER BY e.id, p.id, c.id
 LIMIT 1
ON CONFLICT ON CONSTRAINT attendance_event_professional_key DO NOTHING;

-- Xi Weihang, Head of the working group from its launch, where its management structure was
-- formed by vote. The article (three days later) gives no end: the term stays open. The
-- company he represents is not stated. Left alone when the records already have a head on
-- any of these days (a second head would break the position's single seat).
INSERT INTO filmwg.role_assignments (position_id, professional_id, term)
SELECT pos.id, p.id, daterange(date '2017-05-20', NULL)
  FROM filmwg.positions pos, filmwg.professionals p
 WHERE pos.code = 'head'
   AND p.full_name = 'Xi Weihang'
   AND NOT EXISTS (SELECT 1 FROM filmwg.role_assignments r
                    WHERE r.position_id = pos.id
                      AND r.term && daterange(date '2017-05-20', NULL))
 ORDER BY p.id
 LIMIT 1;
