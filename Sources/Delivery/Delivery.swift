// Delivery module: see README "Architecture".
