// NewsAlert module: see README "Architecture".
