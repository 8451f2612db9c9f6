(f."granted_this_year" NOT BETWEEN $1::numeric AND $2::numeric)
