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

  it('measures the cost per load on a whole folder (5 loads), not on a selection, unless told', () => {
    expect(parseArgs(['pages']).costLoads).toBe(5);
    expect(parseArgs(['pages', '--filter', 'topic-']).costLoads).toBe(0);
    expect(parseArgs(['pages', '--largest', '3', '--cost-loads', '2']).costLoads).toBe(2);
    expect(parseArgs(['pages', '--cost-loads', '0']).costLoads).toBe(0);
  });
});
