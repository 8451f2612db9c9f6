(f."member_since" IS NOT NULL)
((f."zone_registered_on" IS NULL) OR (f."zone_registered_on" <= $1::date))
