// Selects the k best of many scored ids without sorting them all (a bounded min-heap over typed arrays).

/** True when (keyA, idA) ranks before (keyB, idB): higher key first, then lower id. */
function before(keyA: number, idA: number, keyB: number, idB: number): boolean {
  return keyA > keyB || (keyA === keyB && idA < idB);
}

/** The `k` ids with the highest keys (`keys[i]` belongs to `ids[i]`), best first; ties go to the lower id. */
export function topK(ids: ArrayLike<number>, keys: ArrayLike<number>, k: number): Array<{ id: number; key: number }> {
  const n = ids.length;
  const size = Math.min(k, n);
  const hId = new Int32Array(size);
  const hKey = new Float64Array(size);
  let len = 0;
  // Root holds the weakest kept entry.
  const sink = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < len && before(hKey[m], hId[m], hKey[l], hId[l])) m = l;
      if (r < len && before(hKey[m], hId[m], hKey[r], hId[r])) m = r;
      if (m === i) return;
      const tk = hKey[i];
      const ti = hId[i];
      hKey[i] = hKey[m];
      hId[i] = hId[m];
      hKey[m] = tk;
      hId[m] = ti;
      i = m;
    }
  };
  for (let j = 0; j < n; j++) {
    const id = ids[j];
    const key = keys[j];
    if (len < size) {
      let i = len++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!before(hKey[p], hId[p], key, id)) break;
        hKey[i] = hKey[p];
        hId[i] = hId[p];
        i = p;
      }
      hKey[i] = key;
      hId[i] = id;
    } else if (size > 0 && before(key, id, hKey[0], hId[0])) {
      hKey[0] = key;
      hId[0] = id;
      sink(0);
    }
  }
  const out: Array<{ id: number; key: number }> = [];
  for (let i = 0; i < len; i++) out.push({ id: hId[i], key: hKey[i] });
  return out.sort((a, b) => b.key - a.key || a.id - b.id);
}
