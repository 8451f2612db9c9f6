f."registered_in_zone"
(f."registered_capital" >= $1::numeric)
(f."years_in_operation" >= $2::bigint)
(f."kind" IN ($3::text, $4::text, $5::text))
(f."member_tier" IN ($6::text, $7::text))
(f."events_attended_12m" >= $8::bigint)
