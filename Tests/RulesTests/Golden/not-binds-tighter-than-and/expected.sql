(NOT f."is_member")
f."holds_position"
