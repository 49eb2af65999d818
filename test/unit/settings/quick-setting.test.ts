import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MARK_STYLES,
  MENTIONS,
  quickSetting,
  schemaSetting,
  SCOPES,
  SETTING_NAMES,
  SITE_MODES,
  THEMES,
} from '../../../src/settings/schema';
import { MARK_KINDS } from '../../../src/shared/vocabulary';

/** Values near the settings' shapes, valid and not, plus anything at all. */
const nearSetting: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.boolean(),
  fc.constantFrom(...SITE_MODES, ...MENTIONS, ...SCOPES, ...MARK_STYLES, ...THEMES, 'Auto', '', 'quote'),
  fc.oneof(fc.integer({ min: -10, max: 2100 }), fc.double(), fc.constant(-0)),
  fc.array(fc.constantFrom(...MARK_KINDS, 'nobody', 3), { maxLength: 16 }),
  fc.array(
    fc.oneof(
      fc.record({
        host: fc.constantFrom('cnn.com', 'a', '', 'CNN.com', 'x_y.org', '[::1]', 'b'.repeat(254)),
        subdomains: fc.oneof(fc.boolean(), fc.constant('yes')),
      }),
      fc.record({ host: fc.constant('cnn.com'), subdomains: fc.boolean(), extra: fc.anything() }),
      fc.record({ host: fc.constant('cnn.com') }),
      fc.anything(),
    ),
    { maxLength: 6 },
  ),
);

describe('quickSetting', () => {
  it('accepts only what the schema accepts, with the same output', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SETTING_NAMES), nearSetting, (name, value) => {
        const quick = quickSetting(name, value);
        if (quick !== undefined) expect(quick).toEqual(schemaSetting(name, value));
      }),
      { numRuns: 5000, seed: 14 },
    );
  });

  it('recognises every default, and the usual stored values', () => {
    for (const name of SETTING_NAMES)
      expect(quickSetting(name, DEFAULT_SETTINGS[name])).toEqual(DEFAULT_SETTINGS[name]);
    expect(quickSetting('sites', [{ host: 'cnn.com', subdomains: true }])).toEqual([
      { host: 'cnn.com', subdomains: true },
    ]);
    expect(quickSetting('kinds', ['person', 'quote'])).toEqual(['person', 'quote']);
  });

  it('leaves to the schema what needs its work or its refusal', () => {
    expect(quickSetting('kinds', ['quote', 'person'])).toBeUndefined();
    expect(schemaSetting('kinds', ['quote', 'person'])).toEqual(['person', 'quote']);
    expect(quickSetting('sites', [{ host: 'cnn.com', subdomains: true, extra: 1 }])).toBeUndefined();
    expect(schemaSetting('sites', [{ host: 'cnn.com', subdomains: true, extra: 1 }])).toBeNull();
    expect(quickSetting('hoverDelay', 2001)).toBeUndefined();
    expect(quickSetting('theme', 'Auto')).toBeUndefined();
  });
});
