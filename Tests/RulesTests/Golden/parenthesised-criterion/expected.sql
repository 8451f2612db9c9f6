f."registered_in_zone"
(f."is_member" OR f."holds_position")
(f."registered_capital" > $1::numeric)
