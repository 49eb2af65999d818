import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { files, readAnnotations } from '../../../tools/knowledge/cli';
import { buildPack, serializePack } from '../../../src/pack-builder/build';
import { parsePack, type Pack } from '../../../src/knowledge/schema';
import { normalize } from '../../../src/match';

const root = path.resolve(import.meta.dirname, '../../..');
const article = readFileSync(path.join(root, files.article), 'utf8');
const committed = readFileSync(path.join(root, files.pack), 'utf8');
const fresh = () => buildPack({ article, annotations: readAnnotations(files.annotations), files });
const pack: Pack = parsePack(JSON.parse(committed));

describe('the committed pack', () => {
  it('is byte-identical to a fresh build (run `npm run knowledge` when this fails)', () => {
    expect(serializePack(fresh().pack)).toBe(committed);
  });

  it('comes with its committed review report of generated spellings (docs/variants.md)', () => {
    expect(fresh().report.variants).toBe(readFileSync(path.join(root, files.variants), 'utf8'));
  });

  it('builds deterministically', () => {
    expect(serializePack(fresh().pack)).toBe(serializePack(fresh().pack));
  });

  it('records the headline and dateline and keeps the wrapped name in one paragraph', () => {
    expect(pack.source.title).toBe('Iraqi Groups Demand Complete U.S. Withdrawal');
    expect(pack.source.dateline).toBe('BAGHDAD (Dispatches)');
    expect(pack.source.text).toContain('Abu Mahdi al-Muhandis, were carried out');
    expect(pack.source.text.startsWith('BAGHDAD (Dispatches) -- Several groups')).toBe(true);
    const lines = article.trim().split('\n').length;
    expect(pack.source.paragraphs).toHaveLength(lines - 2); // minus the headline and the wrapped line
  });

  it('anchors every mention to text spelling one of the entity aliases', () => {
    for (const entity of pack.entities) {
      expect(entity.mentions.length, entity.id).toBeGreaterThan(0);
      for (const mention of entity.mentions) {
        const written = pack.source.text.slice(mention.start, mention.end);
        expect(normalize(written).folded, entity.id).toBe(normalize(mention.alias).folded);
        expect(entity.aliases).toContain(mention.alias);
      }
    }
  });

  it('holds every named actor of the article', () => {
    const ids = pack.entities.map((entity) => entity.id);
    for (const id of [
      'joe-biden',
      'mustafa-al-kadhimi',
      'nasr-al-shammari',
      'jen-psaki',
      'qassem-soleimani',
      'abu-mahdi-al-muhandis',
      'saqir',
      'qassem-al-kuraiti',
      'muqtada-al-sadr',
      'mohammed-al-halbousi',
      'donald-trump',
      'saddam-hussein',
      'harakat-al-nujaba',
      'popular-mobilization-forces',
      'imam-ali-division',
      'islamic-state',
      'al-mayadeen',
      'al-ahad-tv',
      'twitter',
      'najaf',
      'baghdad',
      'sadr-city',
      'salahuddin',
      'al-woheilat-market',
      'israel',
      'lebanon',
    ]) {
      expect(ids).toContain(id);
    }
    const abu = pack.entities.find((entity) => entity.id === 'abu-mahdi-al-muhandis');
    expect(abu?.mentions.map((mention) => mention.alias)).toEqual(['Abu Mahdi al-Muhandis']);
    const sadr = pack.entities.find((entity) => entity.id === 'muqtada-al-sadr');
    // "Sadr City" is the district, never the cleric.
    for (const mention of sadr?.mentions ?? []) {
      expect(pack.source.text.slice(mention.end, mention.end + 5)).not.toBe(' City');
    }
  });

  it('gives the aliases other outlets use', () => {
    const aliases = (id: string) => pack.entities.find((entity) => entity.id === id)?.aliases ?? [];
    expect(aliases('popular-mobilization-forces')).toEqual(
      expect.arrayContaining(['Popular Mobilization Forces', "Hashd al-Sha'abi", 'Hashd al-Shaabi', 'PMF']),
    );
    expect(aliases('islamic-state')).toEqual(expect.arrayContaining(['Daesh', 'Islamic State', 'ISIS', 'ISIL']));
    expect(aliases('muqtada-al-sadr')).toEqual(expect.arrayContaining(['Moqtada al-Sadr', 'Muqtada al-Sadr']));
  });

  it('extracts every direct quote with its offsets and the right speaker', () => {
    const expected: Array<[string, string]> = [
      ['we’re not going to be, at the end of the year', 'joe-biden'],
      ['criminal', 'harakat-al-nujaba'],
      ['We have no confidence whatsoever', 'nasr-al-shammari'],
      ['the numbers will be driven', 'jen-psaki'],
      ['The U.S. military’s crimes in Iraq', 'nasr-al-shammari'],
      ['unrelenting attacks', 'saqir'],
      ['respond fittingly', 'saqir'],
      ['in violation of Iraq’s sovereignty', 'saqir'],
      ['integral part of Iraqi security forces', 'saqir'],
      ['attacks on Iraqi sovereignty', 'saqir'],
      ['The U.S. does not attach any importance', 'saqir'],
      ['Had the U.S. respected Iraq', 'saqir'],
      ['destructive actions', 'saqir'],
      ['the last opportunity and test', 'saqir'],
      ['The decision of the Iraqi people', 'saqir'],
      ['cannot be reversed', 'saqir'],
      ['The United States is not serious', 'qassem-al-kuraiti'],
      ['American forces did not warn', 'nasr-al-shammari'],
      ['Who can guarantee', 'nasr-al-shammari'],
      ['We are waiting for a complete withdrawal', 'muqtada-al-sadr'],
      ['The occupiers finally announced', 'muqtada-al-sadr'],
      ['We are waiting, just as you are', 'muqtada-al-sadr'],
      ['efforts aimed at striking this agreement', 'muqtada-al-sadr'],
      ['We have already announced our conditions', 'muqtada-al-sadr'],
    ];
    expect(pack.quotes.map((quote, i) => [quote.text.slice(0, expected[i]?.[0].length), quote.speaker])).toEqual(
      expected,
    );
    const quoteMarks = (article.match(/“/g) ?? []).length;
    expect(pack.quotes).toHaveLength(quoteMarks);
    for (const quote of pack.quotes) {
      expect(pack.source.text.slice(quote.start, quote.end)).toBe(quote.text);
      expect(quote.text).not.toMatch(/^[“”"]|[“”",]$/);
    }
  });

  it('records verb and venue of an attribution', () => {
    const shammari = pack.quotes.find((quote) => quote.text.startsWith('We have no confidence'));
    expect(shammari).toMatchObject({ verb: 'told', venue: 'al-mayadeen', attribution: 'named' });
    const kuraiti = pack.quotes.find((quote) => quote.text.startsWith('The United States is not serious'));
    expect(kuraiti).toMatchObject({ verb: 'told', venue: 'al-ahad-tv' });
    const tweet = pack.quotes.find((quote) => quote.text.startsWith('The occupiers'));
    expect(tweet).toMatchObject({ verb: 'wrote', venue: 'twitter' });
    const continued = pack.quotes.find((quote) => quote.text.startsWith('American forces did not warn'));
    expect(continued?.attribution).toBe('continuation');
  });

  it('records reported speech as statements attributed to their source, never as facts', () => {
    const statement = (start: string) => pack.statements.find((candidate) => candidate.text.startsWith(start));
    expect(statement('Two drones targeted')).toMatchObject({
      speaker: 'popular-mobilization-forces',
      verb: 'according to',
    });
    expect(statement('The first strike was carried out')).toMatchObject({ speaker: 'popular-mobilization-forces' });
    expect(statement('The face-to-face meeting')).toMatchObject({ speaker: null, speakerLabel: 'analysts' });
    expect(statement('Since last year, Washington says')).toMatchObject({ speaker: 'washington', verb: 'says' });
    expect(statement('Last week Daesh claimed')).toMatchObject({ speaker: 'islamic-state', verb: 'claimed' });
    expect(statement('He described the agreement')).toMatchObject({ speaker: 'mohammed-al-halbousi' });
    expect(statement('Shammari also said')).toMatchObject({ speaker: 'nasr-al-shammari' });
    // The narration's own facts are not statements.
    expect(statement('The U.S. currently has about 2,500 troops')).toBeUndefined();
    for (const item of pack.statements) {
      expect(pack.source.text.slice(item.start, item.end)).toBe(item.text);
      for (const id of item.quotes) expect(pack.quotes.some((quote) => quote.id === id)).toBe(true);
    }
  });

  it('lists related entities and safe links', () => {
    const shammari = pack.entities.find((entity) => entity.id === 'nasr-al-shammari');
    expect(shammari?.related).toContain('harakat-al-nujaba');
    for (const entity of pack.entities) {
      expect(entity.related).not.toContain(entity.id);
      for (const link of entity.links) {
        expect(link.url).toBe(`https://en.wikipedia.org/w/index.php?search=${encodeURIComponent(entity.name)}`);
      }
      for (const relation of entity.relations) {
        expect(pack.entities.some((other) => other.id === relation.target)).toBe(true);
      }
    }
  });
});
