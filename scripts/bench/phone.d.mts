/** The no-JS floor's filter (scripts/bench/phone.mjs): the page as served, without scripts or script preloads. */
export function stripScripts(html: string): string;
