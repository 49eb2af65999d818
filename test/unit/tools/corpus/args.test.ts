import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../../tools/corpus/args';

describe('corpus run arguments', () => {
  it('takes one folder and defaults', () => {
    const options = parseArgs(['pages']);
    expect(options).toMatchObject({ folder: 'pages', maxPages: 500, largest: undefined, filter: undefined });
  });

  it('--largest N keeps the N largest pages', () => {
    expect(parseArgs(['pages', '--largest', '5']).largest).toBe(5);
    expect(() => parseArgs(['pages', '--largest', '0'])).toThrow(UsageError);
    expect(() => parseArgs(['pages', '--largest'])).toThrow(UsageError);
  });
});
