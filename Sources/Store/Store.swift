// Store module: see README "Architecture".
