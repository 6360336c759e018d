"""Spoken questions about muscle twitches: knowledge base, matcher and emergency rules.

Pure domain code: no Flask, no ASK SDK.
"""
