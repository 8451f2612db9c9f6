(f."founded_on" BETWEEN $1::date AND $2::date)
