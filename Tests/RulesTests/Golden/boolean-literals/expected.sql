(f."registered_in_zone" = $1::boolean)
(f."holds_position" <> $2::boolean)
