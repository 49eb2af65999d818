/** The article's text, source metadata and pack id as the draft writes them. Pure. */
import type { Pack } from '../../knowledge/schema';
import type { ArticleInput } from './types';
import { MONTHS } from '../../shared/text';

/** A paragraph that `splitArticle` would join with the next line unless a blank line follows it. */
const ENDS_PARAGRAPH = /[.!?:]["”’)\]]*\s*$|["”]\s*$/;

/** One line per paragraph; whitespace inside a paragraph collapsed. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The article in the format `splitArticle` reads: the headline, then one paragraph per line, with a blank line
 * after a paragraph that does not end a sentence (a subheading), so it is not joined with the next.
 */
export function articleText(article: ArticleInput): string {
  const paragraphs = article.paragraphs.map(oneLine).filter((p) => p.length > 0);
  const lines = [oneLine(article.title)];
  for (const paragraph of paragraphs) {
    lines.push(paragraph);
    if (!ENDS_PARAGRAPH.test(paragraph)) lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** `YYYY-MM-DD` of the publication date, else of `now`. */
export function articleDate(article: ArticleInput, now: Date): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(article.published ?? '');
  if (match) return match[0];
  return now.toISOString().slice(0, 10);
}

/** "July 2021" for `2021-07-27`. */
export function dateLabel(date: string): string {
  const [year, month] = date.split('-');
  return `${MONTHS[Number(month) - 1] ?? ''} ${year ?? ''}`.trim();
}

/** The dateline: `BAGHDAD (Reuters)` when the first paragraph opens with one, else the outlet or the byline. */
export function datelineOf(article: ArticleInput): string {
  const first = oneLine(article.paragraphs.find((p) => p.trim()) ?? '');
  const opening = /^([A-Z][A-Z.'’ ,-]{2,40}?)\s*(\([^)]{1,40}\))?\s*(?:--|[-–—:])\s/.exec(first);
  if (opening?.[1] && /[A-Z]{3}/.test(opening[1])) return [opening[1].trim(), opening[2]].filter(Boolean).join(' ');
  return oneLine(article.site ?? '') || oneLine(article.byline ?? '') || 'Unknown source';
}

/** Where the text came from, for the card and the reader: `Reuters (https://…), drafted by Backstory`. */
export function originOf(article: ArticleInput): string {
  const site = oneLine(article.site ?? '') || 'Article';
  const url = oneLine(article.url ?? '');
  return `${site}${url ? ` (${url})` : ''}, drafted by Backstory`;
}

/** Lower-case kebab-case of `text`, at most `words` words (ASCII letters and digits; accents dropped). */
export function kebab(text: string, words = 8): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, words)
    .join('-');
}

/** Appends `-2`, `-3`… to `base` until `taken` does not hold it. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const root = base || 'entity';
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

/** A pack id from the headline and the date, unique among the reader's packs. */
export function packIdFor(article: ArticleInput, date: string, known: readonly Pack[]): string {
  const base = [kebab(article.title, 6), date].filter(Boolean).join('-');
  return uniqueId(base, new Set(known.map((pack) => pack.id)));
}
