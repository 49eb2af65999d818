/** Plural labels of mark kinds, as the popup and options page show them. */
import type { MarkKind } from '../page/highlights';

export const KIND_LABELS: Readonly<Record<MarkKind, string>> = {
  person: 'People',
  organization: 'Organizations',
  group: 'Groups',
  place: 'Places',
  media: 'Media',
  event: 'Events',
  quote: 'Quotes',
};
