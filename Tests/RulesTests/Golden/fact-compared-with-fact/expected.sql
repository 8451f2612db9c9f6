(f."zone_registered_on" >= f."founded_on")
(f."member_since" > f."zone_registered_on")
