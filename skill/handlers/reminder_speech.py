"""What the skill says about reminders. Short sentences; the time is always restated.

Every reply here keeps the session open, so each ends with a short question.
"""

from __future__ import annotations

from datetime import date, time

ASK_TIME = "At what time each day should I remind you to log your twitches?"
ASK_TIME_REPROMPT = "For example, say: at eight in the evening."
NEED_PERMISSION = "To set reminders, I need your permission."
DAILY_SET = (
    "Okay. I'll remind you every day at {time} to log your twitches. "
    "You can change or cancel it in the Alexa app. Anything else?"
)
CHECKIN_SET = (
    "Okay. On {date}, I'll remind you to check in with your twitch diary. "
    "You can cancel it in the Alexa app. Anything else?"
)
ALLOWED = "Thanks. Reminders are allowed now. What would you like to do?"
DECLINED = (
    "Okay, I won't set a reminder. If you change your mind, you can allow reminders "
    "for Muscle Twitch Diary in the Alexa app. I've sent a card there. Anything else?"
)
FAILED = "Sorry, I couldn't set the reminder just now. Please try again later. Anything else?"
WHAT_NEXT = "What would you like to do?"


def spoken_time(at: time) -> str:
    """8 PM, 8:30 AM, noon, midnight: how people say a time of day."""
    if at == time(12, 0):
        return "noon"
    if at == time(0, 0):
        return "midnight"
    hour = at.hour % 12 or 12
    suffix = "AM" if at.hour < 12 else "PM"
    return f"{hour} {suffix}" if at.minute == 0 else f"{hour}:{at.minute:02d} {suffix}"


def spoken_date(day: date) -> str:
    """Wednesday, December 9."""
    return f"{day:%A}, {day:%B} {day.day}"
