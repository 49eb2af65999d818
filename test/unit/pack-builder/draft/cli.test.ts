import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPack } from '../../../../src/pack-builder/build';
import { draftAnnotations } from '../../../../src/pack-builder/draft';
import { articleFromText, draftYaml } from '../../../../tools/knowledge/draft-command';
import { envoyPack } from './helpers';

describe('npm run knowledge -- draft', () => {
  it('writes YAML that builds with the article file as given, naming what to review first', () => {
    const file = 'test/fixtures/articles/envoy-visit.txt';
    const raw = readFileSync(file, 'utf8');
    const draft = draftAnnotations(articleFromText(raw, { published: '2023-03-02' }), [envoyPack()]);
    const yaml = draftYaml(draft, file);
    expect(yaml).toMatch(/^# Draft annotations for test\/fixtures\/articles\/envoy-visit\.txt/);
    expect(yaml).toContain('#   - jeanine-hennis-plasschaert: linked to un-envoy-2021 (Jeanine Hennis-Plasschaert)');
    const { pack } = buildPack({ article: raw, annotations: parse(yaml), files: { article: file, annotations: 'y' } });
    expect(pack.id).toBe('envoy-returns-to-baghdad-as-election-2023-03-02');
    expect(pack.entities.map((entity) => entity.id)).toContain('salim-haddad');
  });
});
