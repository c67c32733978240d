/**
 * CustomTimeZone: prefixes and object names use the wall-clock time of the configured IANA zone (UTC by default).
 * Formatting reads UTC fields, so a time is shifted to a Date whose UTC fields are the zone's local fields.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether Node knows the zone (an unknown one is refused when the stream is created or updated). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export function wallClock(at: Date, zone: string | undefined): Date {
  if (!zone || zone === 'UTC') return at;
  const parts = Object.fromEntries(formatter(zone).formatToParts(at).map((p) => [p.type, p.value]));
  return new Date(Date.UTC(+parts['year']!, +parts['month']! - 1, +parts['day']!, +parts['hour']!, +parts['minute']!, +parts['second']!, at.getUTCMilliseconds()));
}
