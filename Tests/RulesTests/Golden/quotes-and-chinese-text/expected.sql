(f."district" = $1::text)
(f."name" <> $2::text)
