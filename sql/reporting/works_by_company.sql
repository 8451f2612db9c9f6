-- reporting.works_by_company: every work of every active company, as first producer or
-- co-producer, with how many awards it won and was nominated for.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.works_by_company AS
SELECT c.id AS company_id,
       c.uscc,
       c.name AS company_name,
       c.name_zh AS company_name_zh,
       cr.role,
       w.id AS work_id,
       w.title,
       w.title_zh,
       w.kind,
       w.released_on,
       w.licence_no,
       coalesce(a.won, 0)::integer AS awards_won,
       coalesce(a.nominated, 0)::integer AS nominations
  FROM (SELECT w.id AS work_id, w.first_producer_id AS company_id, 'first_producer'::text AS role
          FROM filmwg.works w
        UNION ALL
        SELECT cp.work_id, cp.company_id, 'co_producer'::text
          FROM filmwg.work_co_producers cp) cr
  JOIN filmwg.works w ON w.id = cr.work_id
  JOIN filmwg.companies c ON c.id = cr.company_id AND c.archived_at IS NULL
  -- the work's awards counted per row (on the awards' index by work), so rows stream
  -- instead of waiting for every award to be aggregated
 CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE aw.result = 'won') AS won,
                           count(*) FILTER (WHERE aw.result = 'nominated') AS nominated
                      FROM filmwg.awards aw
                     WHERE aw.work_id = w.id) a;

COMMENT ON VIEW reporting.works_by_company IS
    'Works of every active (not archived) company, one row per company and work: as first producer (第一出品方) or co-producer, with the awards the work won and the nominations it had. 各单位出品的影视作品（第一出品方或联合出品方），及作品获奖与提名次数。';
COMMENT ON COLUMN reporting.works_by_company.company_id IS 'The company''s id. 单位编号。';
COMMENT ON COLUMN reporting.works_by_company.uscc IS 'The company''s Unified Social Credit Code; NULL when unknown. 统一社会信用代码。';
COMMENT ON COLUMN reporting.works_by_company.company_name IS 'The company''s name. 单位名称。';
COMMENT ON COLUMN reporting.works_by_company.company_name_zh IS 'The company''s Chinese name. 单位中文名称。';
COMMENT ON COLUMN reporting.works_by_company.role IS 'first_producer or co_producer. 出品身份：第一出品方或联合出品方。';
COMMENT ON COLUMN reporting.works_by_company.work_id IS 'The work''s id. 作品编号。';
COMMENT ON COLUMN reporting.works_by_company.title IS 'Title of the work. 作品名称。';
COMMENT ON COLUMN reporting.works_by_company.title_zh IS 'Chinese title of the work. 作品中文名称。';
COMMENT ON COLUMN reporting.works_by_company.kind IS 'film, online_film, series, documentary or animation. 作品类型：电影、网络电影、剧集、纪录片或动画。';
COMMENT ON COLUMN reporting.works_by_company.released_on IS 'Day of first release. 首映（上线、播出）日期。';
COMMENT ON COLUMN reporting.works_by_company.licence_no IS 'Release licence number; NULL when not recorded. 公映（发行）许可证号。';
COMMENT ON COLUMN reporting.works_by_company.awards_won IS 'Awards the work won, all time. 作品获奖次数。';
COMMENT ON COLUMN reporting.works_by_company.nominations IS 'Nominations the work had without winning that award, all time. 作品获提名次数。';

GRANT SELECT ON reporting.works_by_company TO filmwg_reporting, filmwg_admin;

RESET ROLE;
