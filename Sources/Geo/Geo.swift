// Geo module: see README "Architecture".
