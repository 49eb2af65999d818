/**
 * The article's publication date from the page's metadata, as an ISO date (YYYY-MM-DD), or '' when the page gives
 * none: Readability's own finding first, then the usual meta tags, JSON-LD `datePublished`, and `<time datetime>`.
 */

const META_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="date"]',
  'meta[name="pubdate"]',
  'meta[name="publish-date"]',
  'meta[name="sailthru.date"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[property="og:published_time"]',
];

export function articleDate(doc: Document, readabilityDate: string | null): string {
  const candidates = [
    readabilityDate,
    ...META_SELECTORS.map((selector) => doc.querySelector(selector)?.getAttribute('content') ?? null),
    ...jsonLdDates(doc),
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? null,
  ];
  for (const candidate of candidates) {
    const date = isoDate(candidate);
    if (date) return date;
  }
  return '';
}

/** `2021-07-27T10:00:00Z`, `2021-07-27`, `July 27, 2021` → `2021-07-27`; anything else → ''. */
export function isoDate(text: string | null | undefined): string {
  if (!text) return '';
  const trimmed = text.trim().slice(0, 100);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const parsed = Date.parse(trimmed);
  if (Number.isNaN(parsed)) return '';
  const date = new Date(parsed);
  // A date without a zone parses as local midnight: read it back in local time.
  return validDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

function validDate(year: number, month: number, day: number): string {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return '';
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `datePublished` values of the page's JSON-LD blocks (parsed as data, never run). */
function jsonLdDates(doc: Document): string[] {
  const out: string[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, 20)) {
    try {
      collect(JSON.parse(script.textContent ?? ''), out, 0);
    } catch {
      // Not JSON: skip it.
    }
  }
  return out;
}

function collect(value: unknown, out: string[], depth: number): void {
  if (depth > 5 || out.length > 5 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === 'string') out.push(record.datePublished);
  if (record['@graph']) collect(record['@graph'], out, depth + 1);
}
