"""One user's conversation with the skill, played the way Alexa plays it.

Lines in, spoken text out. Keeps the session (id, attributes, new or not), acts out
dialog directives (Delegate with the model's prompts and slot validations, ElicitSlot,
ConfirmSlot, ConfirmIntent; auto-delegated intents are run without the skill until
COMPLETED) and Connections AskFor permission requests, and ends the session when the
skill says so.

Session rules (as on a voice-only Echo): a session starts only with the invocation
("open muscle twitch diary") or a one-shot ("ask muscle twitch diary <request>"); it
ends when a response has ``shouldEndSession`` true or leaves it out without a dialog
or Connections directive, after two silences (empty lines: the reprompt, then
SessionEndedRequest EXCEEDED_MAX_REPROMPTS), or at end of input (USER_INITIATED).
While no session is open, other lines are not sent; chat says how to open the skill.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from devkit import envelopes
from devkit.chat.matcher import BUILT_IN_PHRASES, FALLBACK, ModelMatcher, Understanding
from devkit.chat.transport import Transport, TransportError
from devkit.envelopes import plain_text, speech_text
from skill import speech

# Dialog directives Alexa acts on in this emulation (Dialog.UpdateDynamicEntities is not one).
DIALOG_DIRECTIVES = frozenset(
    {"Dialog.Delegate", "Dialog.ElicitSlot", "Dialog.ConfirmSlot", "Dialog.ConfirmIntent"}
)

SCOPE_WORDS = {
    "alexa::alerts:reminders:skill:readwrite": "set reminders for you",
    "alexa::devices:all:notifications:write": "send you notifications",
}


@dataclass
class Said:
    """One line of output: what Alexa says (``alexa``) or a note about what happened."""

    kind: str  # "alexa" | "note"
    text: str


@dataclass
class Elicit:
    intent: dict[str, Any]
    slot: str


@dataclass
class Confirm:
    intent: dict[str, Any]
    slot: str | None  # None: the whole intent


@dataclass
class AskPermission:
    name: str
    token: str
    scope: str


Pending = Elicit | Confirm | AskPermission | None


@dataclass
class Session:
    id: str
    attributes: dict[str, Any] = field(default_factory=dict)
    new: bool = True
    reprompt: str = ""
    silences: int = 0


class Conversation:
    """Feeds lines to the skill through ``transport`` and returns what Alexa would say."""

    def __init__(
        self,
        model: dict[str, Any],
        transport: Transport,
        clock: Callable[[], datetime],
        *,
        user_id: str = envelopes.USER_ID,
        locale: str = "en-US",
        skill_id: str = envelopes.SKILL_ID,
        api_endpoint: str = envelopes.API_ENDPOINT,
        matcher: ModelMatcher | None = None,
        time_zone: tzinfo = UTC,
    ) -> None:
        self.matcher = matcher or ModelMatcher(model, skill_id=skill_id)
        self.transport = transport
        self.clock = clock
        self.time_zone = time_zone
        self.user_id = user_id
        self.locale = locale
        self.skill_id = skill_id
        self.api_endpoint = api_endpoint
        im = model["interactionModel"]
        dialog = im.get("dialog", {})
        self.dialog_intents = {d["name"]: d for d in dialog.get("intents", [])}
        # Intents whose dialog Alexa runs itself before the skill hears of them.
        self.auto_delegated = {
            name
            for name, d in self.dialog_intents.items()
            if d.get("delegationStrategy", dialog.get("delegationStrategy")) == "ALWAYS"
        }
        self.prompts = {p["id"]: p for p in im.get("prompts", [])}
        self.declared_slots = {
            i["name"]: [s["name"] for s in i.get("slots", [])]
            for i in im["languageModel"]["intents"]
        }
        self.session: Session | None = None
        self.pending: Pending = None
        self.granted: set[str] = set()
        self._out: list[Said] = []

    # --- input -----------------------------------------------------------------------------

    def hear(self, line: str) -> list[Said]:
        """What Alexa says in answer to one typed line (empty line: silence)."""
        self._out = []
        if not line.strip():
            self._silence()
        else:
            try:
                self._hear(line)
            except TransportError as exc:
                self._note(f"the skill did not answer: {exc}")
                self._close()
        return self._out

    def hang_up(self) -> list[Said]:
        """End of input: Alexa tells the skill the user went away."""
        self._out = []
        if self.session is not None:
            self._send({"type": "SessionEndedRequest", "reason": "USER_INITIATED"})
            self._close()
        return self._out

    def _hear(self, line: str) -> None:
        invocation = self.matcher.invocation_of(line)
        if invocation is not None:
            self.session = Session(envelopes.new_session_id())
            self.pending = None
            kind, rest = invocation
            if kind == "launch":
                self._send({"type": "LaunchRequest"})
            else:
                self._send_intent(self.matcher.one_shot(rest, self._today()))
            return
        if self.session is None:
            self._note(
                f'the skill is not open: say "open {self.matcher.invocation}" '
                f'or "ask {self.matcher.invocation} ..."'
            )
            return
        self.session.silences = 0
        pending, self.pending = self.pending, None
        if isinstance(pending, AskPermission):
            self._answer_permission(pending, line)
        elif isinstance(pending, Confirm) and self.matcher.yes_or_no(line):
            self._answer_confirmation(pending, line)
        elif isinstance(pending, Elicit):
            self._answer_elicitation(pending, line)
        else:
            self._send_intent(self.matcher.understand(line, self._today()))

    def _silence(self) -> None:
        if self.session is None:
            return
        self.session.silences += 1
        if self.session.silences == 1 and self.session.reprompt:
            self._say(self.session.reprompt)
            return
        self._send({"type": "SessionEndedRequest", "reason": "EXCEEDED_MAX_REPROMPTS"})
        self._close()

    # --- answers to what Alexa asked ----------------------------------------------------------

    def _answer_elicitation(self, pending: Elicit, line: str) -> None:
        today = self._today()
        intent_name = pending.intent["name"]
        filled = self.matcher.fill_slot(line, intent_name, pending.slot, today, bare_open=False)
        if filled is None:
            built_ins = set(BUILT_IN_PHRASES) & self.matcher.intent_names
            other = self.matcher.match(line, today, only=built_ins)
            if other is not None:
                self._send_intent(other)
                return
            same = self.matcher.match(line, today, only={intent_name})
            other = self.matcher.match(line, today)
            # Another intent that explains the line better wins ("my mum's face is drooping"
            # to "how long did it last?" is an emergency, not an answer).
            if other is not None and other.intent != intent_name:
                if same is None or not same.slots or other.cost < same.cost:
                    self._send_intent(other)
                    return
            if same is not None and same.slots:
                updated = copy.deepcopy(pending.intent)
                updated["slots"].update(same.slots)
                self._continue_dialog(updated)
                return
            if other is not None:
                self._send_intent(other)
                return
            filled = self.matcher.fill_slot(line, intent_name, pending.slot, today, bare_open=True)
        if filled is None:
            self._send_intent(Understanding(FALLBACK))
            return
        updated = copy.deepcopy(pending.intent)
        updated["slots"].update(filled)
        self._continue_dialog(updated)

    def _answer_confirmation(self, pending: Confirm, line: str) -> None:
        status = "CONFIRMED" if self.matcher.yes_or_no(line) == "yes" else "DENIED"
        updated = copy.deepcopy(pending.intent)
        if pending.slot is None:
            updated["confirmationStatus"] = status
        else:
            updated["slots"][pending.slot]["confirmationStatus"] = status
        self._continue_dialog(updated)

    def _answer_permission(self, pending: AskPermission, line: str) -> None:
        accepted = self.matcher.yes_or_no(line) == "yes"
        if accepted:
            self.granted.add(pending.scope)
        self._send(
            {
                "type": "Connections.Response",
                "name": pending.name,
                "status": {"code": "200", "message": "OK"},
                "token": pending.token,
                "payload": {
                    "permissionScope": pending.scope,
                    "status": "ACCEPTED" if accepted else "DENIED",
                },
            }
        )

    # --- requests out ------------------------------------------------------------------------

    def _send_intent(self, understood: Understanding) -> None:
        slots = {
            name: envelopes.slot(name) for name in self.declared_slots.get(understood.intent, [])
        }
        slots.update(understood.slots)
        intent = {"name": understood.intent, "confirmationStatus": "NONE", "slots": slots}
        if understood.intent in self.auto_delegated:
            self._delegate(intent)
            return
        state = "STARTED" if understood.intent in self.dialog_intents else None
        self._send_intent_json(intent, state)

    def _continue_dialog(self, intent: dict[str, Any]) -> None:
        """After an answer: Alexa goes on by itself (auto-delegation) or asks the skill."""
        if intent["name"] in self.auto_delegated:
            self._delegate(intent)
        else:
            self._send_intent_json(intent, "IN_PROGRESS")

    def _send_intent_json(self, intent: dict[str, Any], dialog_state: str | None) -> None:
        request: dict[str, Any] = {"type": "IntentRequest", "intent": intent}
        if dialog_state is not None:
            request["dialogState"] = dialog_state
        self._send(request)

    def _send(self, request: dict[str, Any]) -> None:
        session = self.session
        assert session is not None
        permissions: dict[str, Any] | None = None
        if self.granted:
            permissions = {
                "consentToken": "chat-consent-token",
                "scopes": {scope: {"status": "GRANTED"} for scope in sorted(self.granted)},
            }
        body = envelopes.envelope(
            request,
            now=self.clock(),
            user_id=self.user_id,
            session=session.attributes,
            new_session=session.new,
            session_id=session.id,
            locale=self.locale,
            skill_id=self.skill_id,
            api_endpoint=self.api_endpoint,
            permissions=permissions,
        )
        session.new = False
        answer = self.transport.send(body)
        if request["type"] == "SessionEndedRequest":
            return  # Alexa ignores anything said in reply
        self._play(answer, request)

    # --- responses in ------------------------------------------------------------------------

    def _play(self, answer: dict[str, Any], request: dict[str, Any]) -> None:
        session = self.session
        assert session is not None
        session.attributes = answer.get("sessionAttributes") or {}
        response = answer.get("response") or {}
        said = speech_text(response.get("outputSpeech"))
        if said:
            self._say(said)
        session.reprompt = speech_text((response.get("reprompt") or {}).get("outputSpeech"))
        directives = response.get("directives") or []
        dialog = next((d for d in directives if d.get("type") in DIALOG_DIRECTIVES), None)
        connection = next(
            (d for d in directives if d.get("type") == "Connections.SendRequest"), None
        )
        if (
            dialog is not None
            and dialog["type"] == "Dialog.Delegate"
            and (request.get("dialogState") == "COMPLETED")
        ):
            self._note("the skill answered a COMPLETED dialog with Dialog.Delegate (Alexa fails)")
            self._close()
        elif dialog is not None:
            current = request.get("intent") or {"name": FALLBACK, "slots": {}}
            self._dialog(dialog, copy.deepcopy(dialog.get("updatedIntent") or current))
        elif connection is not None:
            self._connection(connection)
        elif response.get("shouldEndSession") is not False:
            self._close()

    def _dialog(self, directive: dict[str, Any], intent: dict[str, Any]) -> None:
        intent.setdefault("confirmationStatus", "NONE")
        slots = intent.setdefault("slots", {})
        for name in self.declared_slots.get(intent["name"], []):
            slots.setdefault(name, envelopes.slot(name))
        kind = directive["type"]
        if kind == "Dialog.Delegate":
            self._delegate(intent)
        elif kind == "Dialog.ElicitSlot":
            self.pending = Elicit(intent, directive["slotToElicit"])
        elif kind == "Dialog.ConfirmSlot":
            self.pending = Confirm(intent, directive["slotToConfirm"])
        else:  # Dialog.ConfirmIntent
            self.pending = Confirm(intent, None)

    def _delegate(self, intent: dict[str, Any]) -> None:
        """Alexa's side of manual delegation: the next prompt from the model, or COMPLETED."""
        dialog = self.dialog_intents.get(intent["name"])
        if dialog is None:
            self._note(f"Dialog.Delegate for {intent['name']}, which has no dialog model")
            self._close()
            return
        slots = intent["slots"]
        for slot in dialog.get("slots", []):
            value = slots.get(slot["name"], {})
            failed = _failed_validation(slot, value) if _has_value(value) else None
            if failed is not None:
                # Alexa says the validation prompt and asks for the slot again.
                self._prompt(failed["prompt"], intent)
                slots[slot["name"]] = envelopes.slot(slot["name"])
                self.pending = Elicit(intent, slot["name"])
                return
            if slot.get("elicitationRequired") and not _has_value(value):
                self._prompt(slot["prompts"]["elicitation"], intent)
                self.pending = Elicit(intent, slot["name"])
                return
        for slot in dialog.get("slots", []):
            value = slots.get(slot["name"], {})
            if (
                slot.get("confirmationRequired")
                and _has_value(value)
                and value.get("confirmationStatus", "NONE") == "NONE"
            ):
                self._prompt(slot["prompts"]["confirmation"], intent)
                self.pending = Confirm(intent, slot["name"])
                return
        if dialog.get("confirmationRequired") and intent["confirmationStatus"] == "NONE":
            self._prompt(dialog["prompts"]["confirmation"], intent)
            self.pending = Confirm(intent, None)
            return
        self._send_intent_json(intent, "COMPLETED")

    def _prompt(self, prompt_id: str, intent: dict[str, Any]) -> None:
        variations = self.prompts.get(prompt_id, {}).get("variations") or [{"value": ""}]
        text = plain_text(variations[0]["value"])

        def slot_value(match: re.Match[str]) -> str:
            value = intent["slots"].get(match.group(1), {})
            return str(value.get("value") or match.group(0))

        self._say(re.sub(r"\{([A-Za-z_]+)\}", slot_value, text))
        if self.session is not None:
            self.session.reprompt = self._out[-1].text

    def _connection(self, directive: dict[str, Any]) -> None:
        payload = directive.get("payload") or {}
        scopes = [payload.get("permissionScope")] + [
            s.get("permissionScope") for s in payload.get("permissionScopes") or []
        ]
        scope = next((s for s in scopes if s), None)
        if directive.get("name") != "AskFor" or scope is None:
            self._note(f"Connections request {directive.get('name')!r} is not emulated")
            self._close()
            return
        wants = SCOPE_WORDS.get(scope, f"use {scope}")
        self._say(f"{speech.SKILL_NAME} would like to {wants}. Do you allow that?")
        self.pending = AskPermission(directive["name"], directive.get("token", ""), scope)

    # --- output ------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self._out.append(Said("alexa", text))

    def _note(self, text: str) -> None:
        self._out.append(Said("note", text))

    def _close(self) -> None:
        if self.session is not None:
            self._note("session ended")
        self.session = None
        self.pending = None

    def _today(self) -> date:
        """The user's date, which relative dates ("yesterday") are counted from."""
        return self.clock().astimezone(self.time_zone).date()


def _has_value(slot_json: dict[str, Any]) -> bool:
    slot_value = slot_json.get("slotValue") or {}
    return bool(slot_json.get("value") or slot_value.get("values"))


def _number(text: Any) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _failed_validation(slot: dict[str, Any], value: dict[str, Any]) -> dict[str, Any] | None:
    """The first of the slot's validation rules its value breaks (the ones chat checks:
    hasEntityResolutionMatch, isInSet, isNotInSet and the number comparisons)."""
    spoken = str(value.get("value") or "")
    for rule in slot.get("validations", []):
        kind = rule.get("type")
        if kind == "hasEntityResolutionMatch":
            per_authority = (value.get("resolutions") or {}).get("resolutionsPerAuthority") or []
            codes = {a.get("status", {}).get("code") for a in per_authority}
            if "ER_SUCCESS_MATCH" not in codes:
                return rule
        elif kind in ("isInSet", "isNotInSet"):
            in_set = spoken.lower() in {str(v).lower() for v in rule.get("values", [])}
            if in_set != (kind == "isInSet"):
                return rule
        elif kind in COMPARISONS:
            number, limit = _number(spoken), _number(rule.get("value"))
            if number is not None and limit is not None and not COMPARISONS[kind](number, limit):
                return rule
    return None


COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "isGreaterThan": lambda a, b: a > b,
    "isGreaterThanOrEqualTo": lambda a, b: a >= b,
    "isLessThan": lambda a, b: a < b,
    "isLessThanOrEqualTo": lambda a, b: a <= b,
}
