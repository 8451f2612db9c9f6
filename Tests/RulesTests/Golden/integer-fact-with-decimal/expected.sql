(f."employees" >= $1::numeric)
(f."professionals_count" < $2::bigint)
