/**
 * Reading a pack file the reader chose: untrusted text, parsed as JSON and validated with the pack schema
 * (`parsePack`) before anything is stored; a refusal names the file and the field. Pure.
 */
import { parsePack, type Pack } from '../../knowledge/schema';

export type PackFileResult = { ok: true; pack: Pack } | { ok: false; error: string };

/** Largest pack file accepted, in characters (the bundled pack is ~0.2 MB). */
export const MAX_PACK_FILE_CHARS = 20_000_000;

/** The pack in a file's text, or why it is refused (naming the file and, for schema problems, the field). */
export function readPackFile(fileName: string, text: string, bundledId: string): PackFileResult {
  if (text.length > MAX_PACK_FILE_CHARS) {
    return { ok: false, error: `${fileName} is larger than ${MAX_PACK_FILE_CHARS / 1_000_000} MB of text` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${fileName} is not JSON (${error instanceof Error ? error.message : 'unreadable'})` };
  }
  let pack: Pack;
  try {
    pack = parsePack(data, fileName);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : `${fileName} is not a knowledge pack` };
  }
  if (pack.id === bundledId) {
    return {
      ok: false,
      error: `${fileName}: id "${pack.id}" is the bundled pack's id; give the pack an id of its own`,
    };
  }
  const problem = danglingReference(pack);
  if (problem) return { ok: false, error: `${fileName} is not a valid knowledge pack:\n  ${problem}` };
  return { ok: true, pack };
}

/** The first reference to an entity the pack does not hold (`quotes.0.speaker: no entity "x"`), or null. */
function danglingReference(pack: Pack): string | null {
  const ids = new Set(pack.entities.map((entity) => entity.id));
  for (const [index, quote] of pack.quotes.entries()) {
    if (!ids.has(quote.speaker)) return `quotes.${index}.speaker: no entity has id "${quote.speaker}"`;
  }
  for (const [index, entity] of pack.entities.entries()) {
    for (const [at, target] of entity.confirmedBy.entries()) {
      if (!ids.has(target)) return `entities.${index}.confirmedBy.${at}: no entity has id "${target}"`;
    }
  }
  return null;
}
