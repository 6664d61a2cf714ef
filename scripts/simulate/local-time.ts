/** The instant of `minutes` after local midnight of `day` (YYYY-MM-DD) in a time zone. */
export function localTime(day: string, minutes: number, timeZone: string): Date {
  const naive = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  // The zone's offset at that instant (asked twice: the first guess may fall on the other side of a change).
  const offsetAt = (ms: number) => {
    const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')!.value;
    const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
  };
  const guess = naive - offsetAt(naive);
  return new Date(naive - offsetAt(guess));
}
