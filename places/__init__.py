"""Areas (force > district > neighbourhood, plus LSOA/MSOA), Census profiles, postcodes, audiences."""
