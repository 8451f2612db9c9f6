(f."granted_this_year" > $1::numeric)
(f."kind" <> $2::text)
