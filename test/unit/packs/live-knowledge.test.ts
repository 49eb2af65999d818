import { describe, expect, it, vi } from 'vitest';
import { createLiveKnowledge, type KnowledgeStorageApi } from '../../../src/content/pack-knowledge';
import { toPageNames, toPagePack } from '../../../src/knowledge/page-pack';
import { compileMatcherTables } from '../../../src/match';
import { compileKnowledge, encodeRecord, KNOWLEDGE_KEY } from '../../../src/packs/record';
import { bundled, envoyPack } from './helpers';

const builtIn = { names: toPageNames(toPagePack(bundled)), tables: compileMatcherTables(toPagePack(bundled)) };
const record = encodeRecord(compileKnowledge([bundled, envoyPack()], [], { bundledId: bundled.id, now: 1 }));

function fakeApi(stored: Record<string, unknown>, failing = false) {
  const listeners = new Set<(changes: Record<string, { newValue?: unknown }>, area: string) => void>();
  const api: KnowledgeStorageApi = {
    storage: {
      local: { get: async (key) => (failing ? Promise.reject(new Error('no')) : { [key]: stored[key] }) },
      onChanged: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
    },
  };
  const emit = (newValue: unknown, area = 'local') =>
    listeners.forEach((l) => l({ [KNOWLEDGE_KEY]: { newValue } }, area));
  return { api, emit, listeners };
}

const ids = (knowledge: ReturnType<typeof createLiveKnowledge>, text: string) =>
  knowledge.matcher.scan(text).map((match) => match.id);

describe('the page knowledge, live', () => {
  const text = 'Jeanine Hennis-Plasschaert met Joe Biden.';

  it('uses the built-in knowledge without a record, or when the read fails', async () => {
    const knowledge = createLiveKnowledge(builtIn, fakeApi({}).api);
    await knowledge.read();
    expect([knowledge.fromRecord(), ids(knowledge, text)]).toEqual([false, ['joe-biden']]);
    const failing = createLiveKnowledge(builtIn, fakeApi({ [KNOWLEDGE_KEY]: record }, true).api);
    await failing.read();
    expect(failing.fromRecord()).toBe(false);
  });

  it('reads the record in one call and follows its changes until the signal aborts', async () => {
    const { api, emit, listeners } = fakeApi({ [KNOWLEDGE_KEY]: record });
    const knowledge = createLiveKnowledge(builtIn, api);
    await knowledge.read();
    expect(knowledge.fromRecord()).toBe(true);
    expect(ids(knowledge, text)).toEqual(['jeanine-hennis-plasschaert', 'joe-biden']);
    expect(knowledge.names.entities.some((entity) => entity.id === 'jeanine-hennis-plasschaert')).toBe(true);

    const controller = new AbortController();
    const onChange = vi.fn();
    knowledge.follow(onChange, controller.signal);
    emit(undefined);
    expect([onChange.mock.calls.length, knowledge.fromRecord(), ids(knowledge, text)]).toEqual([
      1,
      false,
      ['joe-biden'],
    ]);
    emit(record, 'sync');
    expect(onChange).toHaveBeenCalledTimes(1);
    emit({ ...record, head: '{"packs":[]}' });
    expect(knowledge.fromRecord()).toBe(true);
    emit({ version: 99 });
    expect(knowledge.fromRecord()).toBe(false);
    controller.abort();
    expect(listeners.size).toBe(0);
  });
});
