f."registered_in_zone"
