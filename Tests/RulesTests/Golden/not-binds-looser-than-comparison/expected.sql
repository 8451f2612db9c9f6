(NOT (f."employees" > $1::bigint))
(NOT (f."kind" IN ($2::text, $3::text)))
