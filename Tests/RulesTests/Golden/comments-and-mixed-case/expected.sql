f."registered_in_zone"
(f."kind" IN ($1::text))
(f."years_in_operation" >= $2::bigint)
