// Curl module: see README "Architecture".
