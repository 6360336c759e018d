"""Interaction models: generated from interaction_models/source by a template grammar, and
checked against Alexa's build rules (lint)."""
