// Suggesting the key an analyst probably meant when a citation key is unknown.
import { boundedDistance } from '../search/editDistance';

/** The known key closest to `key` (swapped letters, a typo or two, a missing ending), if any is close enough. */
export function suggestKey(key: string, known: string[]): string | undefined {
  const wanted = key.toLowerCase();
  const max = Math.max(1, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const k of known) {
    const d = boundedDistance(wanted, k.toLowerCase(), max);
    if (d < bestDistance) ((best = k), (bestDistance = d));
  }
  if (best) return best;
  // A key cut short (`israel-calls` for `israel-calls-india`) or with the year added is also a likely slip.
  const affixed = known.filter((k) => wanted.length >= 6 && (k.startsWith(`${wanted}-`) || wanted.startsWith(`${k}-`)));
  return affixed.length === 1 ? affixed[0] : undefined;
}
