(f."is_member" OR (f."holds_position" AND (f."professionals_count" >= $1::bigint)))
