// Rules module: see README "Architecture".
