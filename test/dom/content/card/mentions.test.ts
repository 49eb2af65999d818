// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import packData from '../../../../src/knowledge/pack.json';
import type { Pack } from '../../../../src/knowledge/schema';
import { createMentionCounter } from '../../../../src/content/card/mentions';
import { createMatcher } from '../../../../src/match';
import type { PageMark } from '../../../../src/page/highlighter';

const matcher = createMatcher(packData as unknown as Pack);

function load(html: string): Document {
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
}

describe('createMentionCounter', () => {
  // A menu that dwarfs the article: sized with it, the article is a widget; without it (as the highlighter sizes it),
  // the story.
  const html =
    `<nav>${'<a href="#">World news and more sections</a> '.repeat(60)}<a href="#">Kadhimi</a></nav>` +
    '<article id="story"><p>Mustafa al-Kadhimi spoke. Later Kadhimi left.</p></article>';

  it("counts mentions in the highlighter's scope, so the card agrees with the marks", () => {
    const doc = load(html);
    const marks: PageMark[] = [];
    const count = createMentionCounter({
      doc,
      matcher,
      highlighter: { marks: () => marks, scope: () => doc.getElementById('story') },
      wholePage: () => false,
    });
    expect(count('mustafa-al-kadhimi')).toBe(2);
  });

  it('finds a scope of its own before the first pass', () => {
    const doc = load(html);
    const count = createMentionCounter({
      doc,
      matcher,
      highlighter: { marks: () => [], scope: () => null },
      wholePage: () => true,
    });
    expect(count('mustafa-al-kadhimi')).toBe(3);
  });
});
