// Reads an iCalendar file on stdin and prints, as JSON, what ical.js (the library behind
// Thunderbird) makes of it: calendar name, and every occurrence between two UTC dates.
import ICAL from "ical.js";

const [from, until] = process.argv.slice(2).map((iso) => ICAL.Time.fromDateTimeString(iso));
let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;

const root = new ICAL.Component(ICAL.parse(text));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = root.getAllSubcomponents("vevent");
const byUid = new Map();
for (const vevent of events) {
  const uid = vevent.getFirstPropertyValue("uid");
  if (!byUid.has(uid)) byUid.set(uid, { master: null, exceptions: [] });
  if (vevent.hasProperty("recurrence-id")) byUid.get(uid).exceptions.push(vevent);
  else byUid.get(uid).master = vevent;
}

const occurrences = [];
function record(details, uid) {
  const item = details.item;
  const start = details.startDate;
  occurrences.push({
    uid,
    summary: item.summary,
    description: item.description,
    location: item.location,
    status: item.component.getFirstPropertyValue("status"),
    utc: start.isDate ? null : start.toUnixTime(),
    local: start.toString(),
    zone: start.isDate ? null : start.zone.tzid,
  });
}
for (const [uid, { master, exceptions }] of byUid) {
  if (master === null) {
    // Lone RECURRENCE-ID entries (a single meeting file): each stands for itself.
    for (const vevent of exceptions) {
      const event = new ICAL.Event(vevent);
      record({ item: event, startDate: event.startDate }, uid);
    }
    continue;
  }
  const event = new ICAL.Event(master, { exceptions });
  if (!event.isRecurring()) {
    if (event.startDate.compare(until) < 0 && event.endDate.compare(from) > 0) {
      record({ item: event, startDate: event.startDate }, uid);
    }
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.compare(until) >= 0) break;
    const details = event.getOccurrenceDetails(next);
    if (details.endDate.compare(from) <= 0) continue;
    record(details, uid);
  }
}
const calendar = {
  name: root.getFirstPropertyValue("x-wr-calname"),
  method: root.getFirstPropertyValue("method"),
  occurrences,
};
process.stdout.write(JSON.stringify(calendar));
