"""Work around ask-sdk-model 1.82's broken reminder deserialisation (ALEXA.md section 2.3).

``AlertInfo`` names its ``SpokenInfo`` type in a module that does not exist
(``reminder_management.alert_info_spoken_info``), so deserialising any reminder
with ``alertInfo`` raises. Aliasing the real module under that name fixes it;
importing this module applies the alias once.
"""

from __future__ import annotations

import sys

from ask_sdk_model.services.reminder_management import spoken_info

_MISSING = "ask_sdk_model.services.reminder_management.alert_info_spoken_info"

sys.modules.setdefault(_MISSING, spoken_info)
