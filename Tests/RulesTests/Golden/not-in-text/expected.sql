(f."kind" NOT IN ($1::text, $2::text))
