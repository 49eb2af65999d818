/**
 * The page's knowledge, live: the compiled record of the reader's enabled packs (`storage.local`, written by the
 * background once per change; see src/packs/record-read.ts), else the bundled pack's knowledge compiled into the
 * content script at build time. One `storage.local.get` at start-up, then `storage.onChanged`: an import, a switch
 * or a delete reaches open pages without a reload. Of the record, start-up parses only its head: the matcher's tables
 * are parsed when the first pass builds the matcher, the names when something first reads them.
 *
 * `names` and `matcher` are stable objects that always answer from the current knowledge, so the runtime's parts
 * that hold them (messages, the selection menu, the highlighter's passes) follow a change; the site sessions
 * restart to re-mark the page with it.
 */
import type { PageKnowledge, PageNames } from '../knowledge/page-pack';
import { loadLazyMatcher, type LazyMatcher } from '../match';
import { KNOWLEDGE_KEY, usableRecord, type PageRecord } from '../packs/record-read';

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** The slice of `browser` it needs (a fake in tests). */
export interface KnowledgeStorageApi {
  readonly storage: {
    readonly local: { get(key: string): Promise<Record<string, unknown>> };
    readonly onChanged: {
      addListener(listener: ChangeListener): void;
      removeListener(listener: ChangeListener): void;
    };
  };
}

export interface LiveKnowledge {
  /** The current names (popup list, badge, selection menu). */
  readonly names: PageNames;
  /** The current matcher (decoded on its first use). */
  readonly matcher: LazyMatcher;
  /** Whether the knowledge is the packs' record (the card then asks the background for the packs' card data). */
  fromRecord(): boolean;
  /** Reads the record once (start-up); a failed read keeps the built-in knowledge. */
  read(): Promise<void>;
  /** Calls `onChange` after the record changed (and the knowledge with it), until `signal` aborts. */
  follow(onChange: () => void, signal: AbortSignal): void;
}

/** The record's names, parsed when first read (the popup's list, the selection menu); none if unreadable. */
function recordNames(record: PageRecord): PageNames {
  const read = (): PageNames => {
    try {
      return record.names();
    } catch {
      return { schemaVersion: 1, id: '', entities: [], quotes: [] };
    }
  };
  return {
    schemaVersion: 1,
    get id() {
      return read().id;
    },
    get entities() {
      return read().entities;
    },
    get quotes() {
      return read().quotes;
    },
  };
}

interface Current {
  readonly names: PageNames;
  readonly matcher: LazyMatcher;
  readonly fromRecord: boolean;
}

export function createLiveKnowledge(builtIn: PageKnowledge, api: KnowledgeStorageApi): LiveKnowledge {
  const fallback: Current = { names: builtIn.names, matcher: loadLazyMatcher(builtIn.tables), fromRecord: false };
  let current = fallback;
  const take = (value: unknown) => {
    const record = usableRecord(value);
    current = record
      ? { names: recordNames(record), matcher: loadLazyMatcher(record.tables), fromRecord: true }
      : fallback;
  };
  const names: PageNames = {
    schemaVersion: 1,
    get id() {
      return current.names.id;
    },
    get entities() {
      return current.names.entities;
    },
    get quotes() {
      return current.names.quotes;
    },
  };
  const matcher: LazyMatcher = {
    get built() {
      return current.matcher.built;
    },
    build: () => current.matcher.build(),
    scan: (text, options) => current.matcher.scan(text, options),
    get stats() {
      return current.matcher.stats;
    },
  };
  return {
    names,
    matcher,
    fromRecord: () => current.fromRecord,
    async read() {
      try {
        take((await api.storage.local.get(KNOWLEDGE_KEY))[KNOWLEDGE_KEY]);
      } catch {
        current = fallback;
      }
    },
    follow(onChange, signal) {
      if (signal.aborted) return;
      const listener: ChangeListener = (changes, area) => {
        const change = changes[KNOWLEDGE_KEY];
        if (area !== 'local' || !change) return;
        take(change.newValue);
        onChange();
      };
      api.storage.onChanged.addListener(listener);
      signal.addEventListener('abort', () => api.storage.onChanged.removeListener(listener), { once: true });
    },
  };
}
