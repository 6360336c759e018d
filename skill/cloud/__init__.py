"""Amazon's cloud: the one client for its APIs, reminder bodies, and a local stand-in (the sim)."""
