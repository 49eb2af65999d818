/**
 * The review report of generated spellings (`docs/variants.md`, written by `npm run knowledge`): per entity, every
 * spelling the transliteration table generated, the hand-written alias it comes from, the rules applied and whether
 * it is ambiguous; the vetoed ones with their reasons; and the table's rules with their sources. Pure and
 * deterministic: the same pack gives the same bytes.
 */
import type { EntityVariants } from './generated-aliases';
import { ARTICLE_RULES, DOUBLE_RULE, GIVEN_NAME_FORMS, LETTER_RULES } from './transliteration';
import { MAX_LETTER_RULES, MAX_RULES } from './variants';

/** Escapes a table cell. */
const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The report for `variants` of the pack built from `annotations` (a file name, for the heading). */
export function variantsReport(
  variants: readonly EntityVariants[],
  names: ReadonlyMap<string, string>,
  annotations: string,
): string {
  const romanised = variants.filter((v) => v.language !== null);
  const total = romanised.reduce((n, v) => n + v.generated.length, 0);
  const lines: string[] = [
    '# Generated spellings',
    '',
    `Written by \`npm run knowledge\` from \`${annotations}\`; do not edit. Every spelling below is an alias of the`,
    'bundled pack, generated from a hand-written alias with the transliteration table',
    '(`src/pack-builder/transliteration.ts`), at most ' +
      `${MAX_RULES} rules per spelling, at most ${MAX_LETTER_RULES} of them rewriting letters or the article.`,
    'Ambiguous spellings mark a page only beside an unambiguous mention of the entity. Veto a spelling under the',
    "entity's `vetoVariants` in the annotations, with a reason.",
    '',
    `${total} spellings for ${romanised.length} entities.`,
    '',
    '| entity | romanised from | generated | ambiguous | vetoed |',
    '| --- | --- | ---: | ---: | ---: |',
    ...romanised.map(
      (v) =>
        `| ${cell(names.get(v.id) ?? v.id)} | ${v.language} | ${v.generated.length} | ${v.ambiguous.length} | ${v.vetoed.length} |`,
    ),
  ];
  for (const v of romanised) {
    const ambiguous = new Set(v.ambiguous);
    lines.push('', `## ${names.get(v.id) ?? v.id} (\`${v.id}\`)`, '');
    if (v.generated.length === 0) lines.push('No spelling generated.');
    else {
      lines.push('| spelling | from | rules | ambiguous |', '| --- | --- | --- | --- |');
      for (const g of v.generated) {
        lines.push(
          `| ${cell(g.alias)} | ${cell(g.from)} | ${g.rules.join(', ')} | ${ambiguous.has(g.alias) ? 'yes' : ''} |`,
        );
      }
    }
    if (v.vetoed.length > 0) {
      lines.push('', 'Vetoed:', '');
      for (const g of v.vetoed) lines.push(`- ${g.alias} (from ${g.from}, ${g.rules.join(', ')}): ${g.why}`);
    }
  }
  lines.push('', '## Rules', '', '| rule | letters | note | source |', '| --- | --- | --- | --- |');
  for (const rule of LETTER_RULES) {
    lines.push(
      `| ${rule.id} | ${rule.from} → ${rule.to.join(', ')} (${rule.place}; ${rule.languages.join(', ')}) | ${cell(rule.note)} | ${cell(rule.source)} |`,
    );
  }
  lines.push(
    `| ${DOUBLE_RULE.id} | doubled letter → single | ${cell(DOUBLE_RULE.note)} | ${cell(DOUBLE_RULE.source)} |`,
  );
  for (const rule of Object.values(ARTICLE_RULES))
    lines.push(`| ${rule.id} | al- | ${cell(rule.note)} | ${cell(rule.source)} |`);
  for (const group of GIVEN_NAME_FORMS) {
    const persian = group.persian?.length ? `; Persian: ${group.persian.join(', ')}` : '';
    lines.push(
      `| given-${group.id} | ${group.forms.join(', ')}${persian} | given-name forms | see the table's sources |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
