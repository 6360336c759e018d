"""The HTTP edge, the only Flask package: app factory, server, verification, envelope
checks and the report views."""
