-- reporting.awards: every award won or nomination, with the work, its first producer and the
-- award body.
SET ROLE filmwg_owner;

CREATE OR REPLACE VIEW reporting.awards AS
SELECT a.awarded_on,
       b.code AS award_code,
       b.name AS award_name,
       b.name_zh AS award_name_zh,
       b.scope,
       a.category,
       a.result,
       w.id AS work_id,
       w.title,
       w.title_zh,
       w.kind,
       w.released_on,
       c.id AS first_producer_id,
       c.uscc AS first_producer_uscc,
       c.name AS first_producer_name,
       c.name_zh AS first_producer_name_zh,
       a.id AS award_id
  FROM filmwg.awards a
  JOIN filmwg.award_bodies b ON b.code = a.award_code
  JOIN filmwg.works w ON w.id = a.work_id
  JOIN filmwg.companies c ON c.id = w.first_producer_id;

COMMENT ON VIEW reporting.awards IS
    'Every award a work won or was nominated for, by day, with the award (national or international), the work and its first producer (第一出品方). 作品获奖及提名记录：奖项（国内或国际）、作品及其第一出品方。';
COMMENT ON COLUMN reporting.awards.awarded_on IS 'Day of the award. 获奖（提名）日期。';
COMMENT ON COLUMN reporting.awards.award_code IS 'Code of the award, e.g. huabiao. 奖项代码。';
COMMENT ON COLUMN reporting.awards.award_name IS 'English name of the award. 奖项英文名称。';
COMMENT ON COLUMN reporting.awards.award_name_zh IS 'Chinese name of the award, e.g. 华表奖. 奖项中文名称。';
COMMENT ON COLUMN reporting.awards.scope IS 'national or international. 国内奖项或国际奖项。';
COMMENT ON COLUMN reporting.awards.category IS 'Category, e.g. Best Feature Film; NULL when none. 奖项类别。';
COMMENT ON COLUMN reporting.awards.result IS 'won or nominated. 结果：获奖或提名。';
COMMENT ON COLUMN reporting.awards.work_id IS 'The work''s id. 作品编号。';
COMMENT ON COLUMN reporting.awards.title IS 'Title of the work. 作品名称。';
COMMENT ON COLUMN reporting.awards.title_zh IS 'Chinese title of the work. 作品中文名称。';
COMMENT ON COLUMN reporting.awards.kind IS 'film, online_film, series, documentary or animation. 作品类型。';
COMMENT ON COLUMN reporting.awards.released_on IS 'Day the work was first released. 作品首映（上线、播出）日期。';
COMMENT ON COLUMN reporting.awards.first_producer_id IS 'Id of the work''s first producer. 第一出品方编号。';
COMMENT ON COLUMN reporting.awards.first_producer_uscc IS 'USCC of the first producer. 第一出品方统一社会信用代码。';
COMMENT ON COLUMN reporting.awards.first_producer_name IS 'Name of the first producer. 第一出品方名称。';
COMMENT ON COLUMN reporting.awards.first_producer_name_zh IS 'Chinese name of the first producer. 第一出品方中文名称。';
COMMENT ON COLUMN reporting.awards.award_id IS 'The award record''s id. 获奖记录编号。';

GRANT SELECT ON reporting.awards TO filmwg_reporting, filmwg_admin;

RESET ROLE;
