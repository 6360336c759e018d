"""`twitch-diary chat`: a text conversation with the skill through its own interaction model."""
