/** Short forms of text for lists (the popup's page items, the reader's side list). Pure. */

/** `text` cut to at most `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 2).trimEnd()}…` : text;
}
