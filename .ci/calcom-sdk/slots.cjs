// Cal.com's published platform SDK, as its users run it, pointed at slotgate (SLOTGATE_URL) and at the Cal.com
// emulator behind it (CALCOM_URL). For each case, slots.getAvailableSlots through slotgate must answer exactly what
// the same call answers from the emulator itself, and asking slotgate again must come from its cache: the answer
// says X-Cache: HIT, and slotgate's /metrics count no Cal.com call made in between.
// Run by .ci/calcom-sdk/run with NODE_PATH at the scratch folder where @calcom/sdk@1.0.1 was installed from npm.
"use strict";

const assert = require("node:assert/strict");
const { Cal } = require("@calcom/sdk");

const slotgateUrl = process.env.SLOTGATE_URL;
const calcomUrl = process.env.CALCOM_URL;

/** The SDK as documented: a client id, an access token (unused by the public slots route), a base URL. */
function sdk(baseUrl, responses) {
  const cal = new Cal("slotgate-ci", { accessToken: "unused-on-public-routes" },
      { baseUrl: baseUrl + "/", httpRetries: { maxAmount: 0 } });
  // The SDK returns the body only; its own axios client tells what slotgate said about where the answer came from.
  cal.httpCaller.axiosClient.interceptors.response.use((response) => {
    responses.push(response);
    return response;
  });
  return cal;
}

/** The sum of slotgate_calcom_calls_total: every call slotgate sent to Cal.com, whatever for. */
async function calcomCalls() {
  const text = await (await fetch(slotgateUrl + "/metrics")).text();
  return text.split("\n").filter((line) => line.startsWith("slotgate_calcom_calls_total"))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

function day(offset) {
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function main() {
  const throughSlotgate = [];
  const slotgate = sdk(slotgateUrl, throughSlotgate);
  const calcom = sdk(calcomUrl, []);
  // Two days ahead, so no slot is near the minimum notice while the test runs; whole UTC days, as clients ask.
  const cases = [
    { startTime: day(2), endTime: day(6), eventTypeId: 1001 },
    { startTime: day(2), endTime: day(4), eventTypeId: 1006, timeZone: "Europe/Berlin" },
    { startTime: day(3), endTime: day(5), eventTypeId: 1008, duration: 60, slotFormat: "range" },
  ];
  for (const args of cases) {
    // getAvailableSlots resolves to the body's data: {slots: {date: [...]}}
    const expected = await calcom.slots.getAvailableSlots(args);
    const first = await slotgate.slots.getAvailableSlots(args);
    assert.equal(JSON.stringify(first), JSON.stringify(expected), "slotgate answers as Cal.com: " + JSON.stringify(args));
    assert.ok(Object.keys(expected.slots).length > 0, "the case offers slots: " + JSON.stringify(args));

    const callsBefore = await calcomCalls();
    const second = await slotgate.slots.getAvailableSlots(args);
    const callsAfter = await calcomCalls();
    const headers = throughSlotgate[throughSlotgate.length - 1].headers;
    assert.equal(JSON.stringify(second), JSON.stringify(expected), "the repeat answers the same");
    assert.equal(headers["x-cache"], "HIT", "the repeat comes from slotgate's cache: " + JSON.stringify(args));
    assert.equal(callsAfter, callsBefore, "the repeat made no Cal.com call");
    console.log(`ok eventTypeId=${args.eventTypeId} ${args.startTime}..${args.endTime}: `
        + `${Object.values(expected.slots).flat().length} slots, first ${throughSlotgate.at(-2).headers["x-cache"]}, `
        + `repeat ${headers["x-cache"]} (Age ${headers["age"]}), Cal.com calls during the repeat: ${callsAfter - callsBefore}`);
  }
}

main().catch((error) => {
  console.error("@calcom/sdk test failed:", error);
  process.exit(1);
});
