/** First, last and two either side of the current page: an archive can have hundreds of pages. */
export function pageWindow(page: number, totalPages: number): (number | null)[] {
  const shown = new Set([1, totalPages]);
  for (let n = page - 2; n <= page + 2; n++) if (n >= 1 && n <= totalPages) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  sorted.forEach((n, i) => {
    const before = sorted[i - 1];
    // A gap of one page shows that page: an ellipsis would hide no more than the number does.
    if (before !== undefined && n - before === 2) result.push(before + 1);
    else if (before !== undefined && n - before > 2) result.push(null);
    result.push(n);
  });
  return result;
}
