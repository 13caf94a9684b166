// Drives slotgate's MCP server with the official TypeScript SDK's client (@modelcontextprotocol/sdk) over Streamable
// HTTP: tools/list shows every tool with its schemas; each tool answers structuredContent equal to its text; a slot
// booked at Cal.com a moment before book_slot is answered with alternatives, and the first of them books at once;
// a wrong token is refused. Run by .ci/mcp-sdk/run.
const assert = require("node:assert/strict");
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StreamableHTTPClientTransport } = require("@modelcontextprotocol/sdk/client/streamableHttp.js");

const slotgate = process.env.SLOTGATE_URL;
const calcom = process.env.CALCOM_URL;
const token = process.env.AGENT_TOKEN;

async function connect(withToken) {
  const client = new Client({ name: "slotgate-ci", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(slotgate + "/mcp"), {
    requestInit: { headers: { Authorization: "Bearer " + withToken } },
  });
  await client.connect(transport);
  return client;
}

async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  const text = result.content.find((c) => c.type === "text").text;
  assert.ok(!result.isError, `${name} answered an error: ${text}`);
  assert.deepEqual(result.structuredContent, JSON.parse(text), `${name}: structuredContent is the text's JSON`);
  return result.structuredContent;
}

async function main() {
  const client = await connect(token);
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name).sort();
  assert.deepEqual(names, ["book_slot", "cancel_booking", "find_alternatives", "find_next_slot", "hold_slot",
    "list_event_types", "list_slots", "release_hold", "reschedule_booking"]);
  for (const t of tools) {
    assert.equal(t.inputSchema.type, "object", t.name);
    assert.equal(t.outputSchema.type, "object", t.name);
    assert.ok(t.description.length > 20, t.name);
  }

  const types = await call(client, "list_event_types", {});
  assert.ok(types.eventTypes.some((t) => t.id === 1001 && t.lengthInMinutes > 0), JSON.stringify(types));

  const next = await call(client, "find_next_slot", { eventTypeId: 1001, timeZone: "Europe/Berlin" });
  assert.equal(next.found, true);
  const first = next.slot.start;
  const day = first.slice(0, 10);
  // the day of the next slot, in the zone it was asked in: late in the day only that slot may be left of it
  const window = await call(client, "list_slots", { eventTypeId: 1001, start: day, end: day, timeZone: "Europe/Berlin" });
  assert.ok(window.count >= 1 && window.slots.some((s) => s.start === first), JSON.stringify(window));
  const alternatives = await call(client, "find_alternatives", { eventTypeId: 1001, wanted: first, count: 3 });
  assert.equal(alternatives.wantedAvailable, true);
  assert.equal(alternatives.slots.length, 3);

  const held = await call(client, "hold_slot", { eventTypeId: 1001, start: alternatives.slots[1].start });
  assert.equal(held.held, true);
  const released = await call(client, "release_hold", { reservationUid: held.reservationUid });
  assert.equal(released.released, true);

  // someone books the first choice at Cal.com directly; slotgate is not told
  const rival = await fetch(calcom + "/v2/bookings", {
    method: "POST",
    headers: { "content-type": "application/json", "cal-api-version": "2024-08-13" },
    body: JSON.stringify({ eventTypeId: 1001, start: new Date(first).toISOString(),
      attendee: { name: "Rival", timeZone: "UTC" } }),
  });
  assert.equal(rival.status, 201, await rival.text());

  const attendee = { name: "Node Agent", email: "node@example.com", timeZone: "Europe/Berlin" };
  const refused = await call(client, "book_slot", { eventTypeId: 1001, start: first, attendee });
  assert.equal(refused.booked, false);
  assert.ok(refused.alternatives.length >= 1, JSON.stringify(refused));
  assert.ok(!refused.alternatives.some((s) => s.start === first));
  const booked = await call(client, "book_slot", { eventTypeId: 1001, start: refused.alternatives[0].start, attendee });
  assert.equal(booked.booked, true, JSON.stringify(booked));

  const later = refused.alternatives[refused.alternatives.length - 1].start;
  const moved = await call(client, "reschedule_booking", { bookingUid: booked.booking.uid, start: later });
  assert.equal(moved.rescheduled, true, JSON.stringify(moved));
  const cancelled = await call(client, "cancel_booking", { bookingUid: moved.booking.uid });
  assert.equal(cancelled.cancelled, true);

  const bad = await client.callTool({ name: "find_next_slot", arguments: { eventTypeId: 99 } });
  assert.equal(bad.isError, true);
  assert.match(bad.content[0].text, /eventTypeId 99 is unknown/);
  await client.close();

  await assert.rejects(connect("wrong-token"), /401|Unauthorized|invalid_token|Bearer/i);
  console.log(`@modelcontextprotocol/sdk client: ${tools.length} tools listed with schemas; every tool answered; ` +
    `a slot taken a moment ago answered ${refused.alternatives.length} alternatives, the first booked at once`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
