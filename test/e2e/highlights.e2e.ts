/**
 * Highlighting on the team's fixture pages, in both browsers: what is marked, where nothing may be marked, content
 * added later, SPA navigation, and a page that clears CSS.highlights.
 */
import { expect, it } from 'vitest';
import { describeEachBrowser, type TestPage } from './harness';

interface MarkInfo {
  name: string;
  text: string;
  /** The `data-expect` of the closest ancestor that has one. */
  region: string | null;
  /** True when the range lies in a place marks must never go. */
  forbidden: boolean;
}

/** Every range registered under a `backstory-` highlight name, with its text and where it is. */
function readMarks(): MarkInfo[] {
  const marks: MarkInfo[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('backstory-')) return;
    for (const range of highlight as unknown as Iterable<Range>) {
      const container = range.startContainer;
      const element = container.nodeType === 1 ? (container as Element) : container.parentElement;
      marks.push({
        name,
        text: range.toString(),
        region: element?.closest('[data-expect]')?.getAttribute('data-expect') ?? null,
        forbidden: !!element?.closest('pre, code, textarea, input, [contenteditable], [hidden], nav, aside, script'),
      });
    }
  });
  return marks;
}

async function marksWhen(page: TestPage, predicate: (marks: MarkInfo[]) => boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let marks: MarkInfo[] = [];
  while (Date.now() < deadline) {
    marks = await page.evaluate(readMarks, undefined);
    if (predicate(marks)) return marks;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`marks never satisfied the condition; last seen: ${JSON.stringify(marks.map((m) => m.text))}`);
}

const texts = (marks: MarkInfo[], name?: string) =>
  marks.filter((mark) => !name || mark.name === name).map((mark) => mark.text.replace(/\s+/g, ' '));

describeEachBrowser('highlighting', (env) => {
  it('marks entity variants, names split across elements and a one-word-changed quote', async () => {
    const page = await env.openPage('iraq-talks.html');
    const marks = await marksWhen(page, (all) => all.some((mark) => mark.name === 'backstory-quote'));
    const people = texts(marks, 'backstory-person');
    // First mention only, by default: the headline's "Kadhimi", not the later "Mustafa <a>al-Kadhimi</a>".
    expect(people).toContain('Kadhimi');
    expect(people).toContain('Biden');
    expect(people).toContain('Muqtada al-Sadr');
    expect(people).toContain('Nasr al-Shammari');
    // "<em>Hashd</em> al-Shaabi" is one mark over two elements.
    expect(texts(marks, 'backstory-organization')).toContain('Hashd al-Shaabi');
    expect(texts(marks, 'backstory-group')).toContain('Islamic State');
    const quote = texts(marks, 'backstory-quote').join(' | ');
    expect(quote).toMatch(/not going to be, by the end of the year, in a combat mission/);
    expect(people.filter((text) => /Kadhimi/.test(text))).toHaveLength(1);
  });

  it('never marks forms, code, editable areas, hidden text or the page chrome', async () => {
    const page = await env.openPage('iraq-talks.html');
    const marks = await marksWhen(page, (all) => all.length > 5);
    expect(marks.filter((mark) => mark.forbidden || mark.region === 'no-marks')).toEqual([]);
  });

  it('records a backstory: measure for every pass', async () => {
    const page = await env.openPage('iraq-talks.html');
    await marksWhen(page, (all) => all.length > 5);
    const measures = await page.evaluate(
      () =>
        performance
          .getEntriesByType('measure')
          .filter((entry) => entry.name.startsWith('backstory:'))
          .map((entry) => entry.name),
      undefined,
    );
    expect(measures).toContain('backstory:scan');
  });

  it('marks content added later and comes back when the page clears CSS.highlights', async () => {
    const page = await env.openPage('iraq-talks.html');
    await marksWhen(page, (all) => all.length > 5);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Late update: Jen Psaki said the numbers would follow the mission.';
      document.querySelector('article')?.append(p);
    }, undefined);
    await marksWhen(page, (all) => texts(all).includes('Jen Psaki'));
    await page.evaluate(() => CSS.highlights.clear(), undefined);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Later still: Donald Trump weighed in.';
      document.querySelector('article')?.append(p);
    }, undefined);
    const marks = await marksWhen(page, (all) => texts(all).includes('Donald Trump'));
    expect(texts(marks)).toContain('Jen Psaki');
  });

  it('follows a live blog and an SPA navigation', async () => {
    const page = await env.openPage('live-blog.html?entries=3&interval=300&autonav=0');
    await marksWhen(page, (all) => texts(all).includes('Kadhimi'));
    // The third entry arrives about a second later and names the PMF, not on the page before.
    await marksWhen(page, (all) => texts(all).includes('Popular Mobilization Forces'));
    await page.evaluate(() => document.getElementById('older')?.click(), undefined);
    const paged = await marksWhen(page, (all) => texts(all).includes('Moqtada Sadr'));
    expect(await page.evaluate(() => location.search, undefined)).toBe('?page=2');
    expect(texts(paged)).not.toContain('Popular Mobilization Forces');
  });
});
