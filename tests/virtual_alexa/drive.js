// Drives the skill at a URL with virtual-alexa, from the project's interaction model.
// Usage: node drive.js <skillURL> <modelFile> <locale> '<steps JSON>'
// A step is {"launch": true}, {"utter": "..."} or {"intend": "Name", "slots": {...}}.
// Prints one JSON array: per step the request virtual-alexa sent and the skill's answer.
"use strict";

const { VirtualAlexa } = require("virtual-alexa");

function plain(ssml) {
  return (ssml || "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

async function main() {
  const [url, modelFile, locale, stepsJson] = process.argv.slice(2);
  const steps = JSON.parse(stepsJson);
  const alexa = VirtualAlexa.Builder()
    .skillURL(url)
    .interactionModelFile(modelFile)
    .locale(locale)
    .create();
  let sent = null;
  alexa.filter((request) => {
    sent = JSON.parse(JSON.stringify(request));
  });
  const results = [];
  for (const step of steps) {
    let reply;
    if (step.launch) {
      reply = await alexa.launch();
    } else if (step.utter !== undefined) {
      reply = await alexa.utter(step.utter);
    } else {
      reply = await alexa.intend(step.intend, step.slots || {});
    }
    const request = sent.request;
    const slots = {};
    for (const [name, slot] of Object.entries((request.intent || {}).slots || {})) {
      slots[name] = slot.value === undefined ? null : slot.value;
    }
    const response = reply.response || {};
    results.push({
      step,
      requestType: request.type,
      intent: request.intent ? request.intent.name : null,
      slots,
      newSession: sent.session ? sent.session.new : null,
      speech: plain((response.outputSpeech || {}).ssml),
      shouldEndSession: response.shouldEndSession === undefined ? null : response.shouldEndSession,
    });
  }
  process.stdout.write(JSON.stringify(results) + "\n");
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + "\n");
  process.exit(1);
});
