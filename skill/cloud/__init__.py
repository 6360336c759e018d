"""Amazon's cloud: the one client for its APIs, reminder bodies and the SDK's ApiClient.

The local stand-in for tests and `make run` is the dev kit's (devkit/alexa_sim).
"""
