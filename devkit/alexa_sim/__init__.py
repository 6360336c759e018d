"""The local Alexa cloud on loopback (`twitch-diary alexa-sim`), following Amazon's documented
contract for LWA, Skill Messaging, Reminders and device settings."""
